"""A clerk's mistakes are caught in Chinese by the site itself, whatever the browser's language:
a future date, an empty upload; the file input is the site's "选择文件" with the chosen name."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from fazhi.orgs.demo import DEMO_PASSWORD
from fazhi.orgs.demo import load as load_demo_organisation
from fazhi.orgs.models import Organisation

pytestmark = pytest.mark.browser


def test_mistakes_are_named_in_chinese_in_an_english_browser(
    live_server, transactional_db, browser_page, artifacts_dir, tmp_path
):
    load_demo_organisation()
    kind = get_kind("study-sessions")
    record = record_create(
        actor=None,
        kind=kind,
        organisation=Organisation.objects.get(code="999901101"),
        data={
            "occurred_on": date(2026, 3, 12),
            "session_type": "lecture",
            "topic": "民法典专题讲座",
            "attendees": 30,
            "hours": 2,
        },
    )
    # An English browser: the browser's own "Choose file / No file chosen" would show here.
    page = browser_page.context.browser.new_page(
        viewport={"width": 1280, "height": 900}, locale="en-US"
    )
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else 0)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("qingshan.clerk")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(live_server.url + reverse("ledgers:create", args=[kind.slug]))
    date_input = page.get_by_label("学习日期")
    assert date_input.get_attribute("placeholder") == "年-月-日"
    # The empty picker reads "mm/dd/yyyy" in this browser: the site's own line says the order.
    hint = page.locator("#id_occurred_on_format")
    assert hint.is_visible() and hint.inner_text() == "格式：年-月-日，如 2025-03-15"
    assert date_input.get_attribute("aria-describedby") == "id_occurred_on_format"
    page.screenshot(path=str(artifacts_dir / "form-mistakes-date-hint.png"))
    page.get_by_label("单位").select_option(label="青山镇")
    date_input.fill("2099-12-31")
    page.get_by_label("学习形式").select_option(label="专题讲座")
    page.get_by_label("参加人数").fill("36")
    page.get_by_role("button", name="保存").click()
    today = timezone.localdate()
    alerts = page.get_by_role("alert").all_inner_texts()
    assert f"学习日期不能晚于今天（{today.year}年{today.month}月{today.day}日）" in alerts
    assert "请填写学习主题" in alerts
    assert page.locator("#id_topic.is-invalid").count() == 1
    page.screenshot(path=str(artifacts_dir / "form-mistakes-errors.png"), full_page=True)

    page.goto(live_server.url + reverse("ledgers:detail", args=[kind.slug, record.pk]))
    chosen = page.locator(".fazhi-file-name")
    assert page.locator(".fazhi-file-button").inner_text() == "选择文件"
    assert chosen.inner_text() == "未选择文件"
    empty = tmp_path / "签到表.png"
    empty.write_bytes(b"")
    page.get_by_label("上传附件").set_input_files(str(empty))
    assert chosen.inner_text() == "签到表.png"
    page.screenshot(path=str(artifacts_dir / "form-mistakes-file-chosen.png"), full_page=True)
    page.get_by_role("button", name="上传", exact=True).click()
    assert page.get_by_text("上传失败：上传的文件是空的，请重新选择").is_visible()
    page.screenshot(path=str(artifacts_dir / "form-mistakes-empty-upload.png"), full_page=True)
    assert refused == []
    page.close()
