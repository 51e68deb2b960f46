"""The report part editor in Chromium (issue 18, acceptance 3): the clerk searches the catalogue
picker by a Chinese phrase, inserts a figure at the cursor, sees it as a named chip, saves, and
the chip stays; the stored text is the reference."""

import pytest
from django.utils import timezone

from fazhi.orgs.demo import DEMO_PASSWORD
from fazhi.orgs.demo import load as load_demo_organisation
from fazhi.orgs.models import Organisation
from fazhi.reports import services
from fazhi.reports.models import PartText
from tests.reports.helpers import meeting

pytestmark = pytest.mark.browser

QINGSHAN = "999901101"
NAME = "法治建设领导小组（依法治镇委员会）会议"


def test_clerk_inserts_a_figure_from_the_picker_and_saves(
    live_server, transactional_db, browser_page, artifacts_dir
):
    expect = pytest.importorskip("playwright.sync_api").expect
    load_demo_organisation()
    township = Organisation.objects.get(code=QINGSHAN)
    year = timezone.localdate().year - 1
    for month in (3, 6, 9):
        meeting(township, year=year, month=month)
    meeting(township, year=year - 1, month=4)
    version = services.report_create(actor=None, organisation=township, year=year)
    page, base = browser_page, live_server.url
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill("qingshan.clerk")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/reports/{QINGSHAN}/edit/?year={year}&v={version.number}&part=other")

    text = page.locator('textarea[name="text"]').first
    text.fill("本年度共召开领导小组会议。")
    text.press("End")
    for _ in range(len("。")):
        text.press("ArrowLeft")  # the cursor before the full stop

    page.get_by_role("searchbox", name="插入数字").fill("领导小组会议")
    choices = page.get_by_test_id("figure-choice")
    # htmx swaps in the search's list: found by the synonym, not the whole catalogue.
    expect(choices.first).to_contain_text("又称“领导小组会议”")
    expect(choices.first.locator(".fw-semibold")).to_have_text(NAME)
    assert choices.count() < 10
    choices.first.get_by_role("button", name="插入本年数").click()
    assert text.input_value() == f"本年度共召开领导小组会议{{{NAME}}}。"

    preview = page.get_by_test_id("figure-preview")
    chip = preview.locator(".figure-chip")
    expect(chip.first).to_contain_text("3次")  # htmx refreshed the chips as for typing
    assert " ".join(chip.first.inner_text().split()) == f"{NAME} 3次 · 同比+2次"
    page.screenshot(path=str(artifacts_dir / "report-editor-inserted.png"), full_page=True)

    with page.expect_navigation():
        page.get_by_role("button", name="保存本部分").click()
    assert page.get_by_text("“其他需要报告的情况”已保存。").is_visible()
    chip = page.get_by_test_id("figure-preview").locator(".figure-chip")
    assert " ".join(chip.first.inner_text().split()) == f"{NAME} 3次 · 同比+2次"
    assert page.locator('textarea[name="text"]').first.input_value() == (
        f"本年度共召开领导小组会议{{{NAME}}}。"
    )
    stored = PartText.objects.get(version=version, key="other").text
    assert stored == "本年度共召开领导小组会议{governance.leading_group_meetings}。"
    body = page.locator("body").inner_text()
    assert "governance." not in body and "study." not in body
    page.screenshot(path=str(artifacts_dir / "report-editor-saved.png"), full_page=True)
    # The drafted items of 存在的不足和原因 read the same way: names and chips, no code.
    page.get_by_role("link", name="存在的不足和原因").click()
    page.wait_for_url("**part=shortcomings**")
    body = page.locator("body").inner_text()
    assert "governance." not in body and "study." not in body and "@" not in body
    page.screenshot(path=str(artifacts_dir / "report-editor-items.png"), full_page=True)
    assert errors == []
    assert page.external_requests == []
