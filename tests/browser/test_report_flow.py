"""The annual report in Chromium: the demo clerk drafts last year's report from the ledgers,
follows a figure to its records, and the leader approves and submits it."""

import pytest
from django.utils import timezone

from fazhi.orgs.demo import DEMO_PASSWORD
from fazhi.orgs.demo import load as load_demo_organisation
from fazhi.orgs.models import Organisation
from tests.reports.helpers import activity, meeting

pytestmark = pytest.mark.browser

QINGSHAN = "999901101"
HEADINGS = [
    "一、上一年度推进法治政府建设的主要举措和成效",
    "二、上一年度推进法治政府建设存在的不足和原因",
    "三、上一年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
    "四、下一年度推进法治政府建设的主要安排",
    "五、其他需要报告的情况",
]


def _log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def test_clerk_drafts_and_leader_approves_and_submits(
    live_server, transactional_db, browser_page, artifacts_dir
):
    load_demo_organisation()
    township = Organisation.objects.get(code=QINGSHAN)
    year = timezone.localdate().year - 1
    for month in (3, 6, 9):
        meeting(township, year=year, month=month)
    activity(township, year=year, materials=1200)
    page, base = browser_page, live_server.url
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    _log_in(page, base, "qingshan.clerk")
    page.get_by_role("link", name="年度报告").first.click()
    page.goto(f"{base}/reports/{QINGSHAN}/")
    page.get_by_label("新建报告年度").fill(str(year))
    page.get_by_role("button", name="根据台账起草").click()
    page.wait_for_url(f"**/reports/{QINGSHAN}/?year={year}**")
    preview = page.locator("article")
    for heading in HEADINGS:
        assert preview.get_by_text(heading, exact=True).count() == 1, heading
    figure = preview.locator('a[href*="governance.leading_group_meetings"]').first
    assert figure.inner_text() == "3次"
    page.screenshot(path=str(artifacts_dir / "report-draft.png"), full_page=True)
    figure.click()
    page.wait_for_url(f"**/indicators/{QINGSHAN}/records/governance.leading_group_meetings/**")
    assert (
        page.locator('[data-testid="records-governance.leading_group_meetings"] tbody tr').count()
        == 3
    )
    page.get_by_role("button", name="退出登录").click()

    _log_in(page, base, "qingshan.leader")
    page.goto(f"{base}/reports/{QINGSHAN}/?year={year}")
    with page.expect_navigation():
        page.get_by_role("button", name="审定（固定数字）").click()
    assert page.get_by_text("已审定").first.is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="报送县委依法治县办").click()
    page.screenshot(path=str(artifacts_dir / "report-submitted.png"), full_page=True)
    assert page.get_by_text("已报送").first.is_visible()
    # Submitted: no editing any more, only a new version.
    assert page.get_by_role("link", name="主要举措和成效").count() == 0
    assert page.get_by_role("button", name="复制为新版本").is_visible()
    page.screenshot(path=str(artifacts_dir / "report-submitted.png"), full_page=True)
    assert errors == []
    assert page.external_requests == []
