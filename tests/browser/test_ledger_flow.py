"""A clerk records a study session in Chromium, attaches a photo and finds it in the list; two
clerks edit one record at once."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from fazhi.orgs.demo import DEMO_PASSWORD
from fazhi.orgs.demo import load as load_demo_organisation
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Role
from fazhi.orgs.services import membership_grant
from tests.ledger_world import png_bytes

pytestmark = pytest.mark.browser


def test_clerk_records_a_study_session_with_a_photo(
    live_server, transactional_db, browser_page, artifacts_dir, tmp_path
):
    load_demo_organisation()  # the demo county and its users; no ledger records needed
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("qingshan.clerk")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("link", name="台账").click()
    page.get_by_role("link", name="学法活动").click()
    page.get_by_role("link", name="新增").click()
    page.get_by_label("单位").select_option(label="青山镇")
    page.get_by_label("学习日期").fill("2026-03-12")
    page.get_by_label("学习形式").select_option(label="专题讲座")
    page.get_by_label("学习主题").fill("浏览器测试：民法典专题讲座")
    page.get_by_label("参加人数").fill("36")
    page.get_by_label("学时").fill("2")
    page.get_by_role("button", name="保存").click()
    assert page.get_by_text("已保存学法活动。").is_visible()

    photo = tmp_path / "讲座现场.png"
    photo.write_bytes(png_bytes(size=(64, 48)))
    page.get_by_label("上传附件（照片、签到表、纪要扫描件等）").set_input_files(str(photo))
    page.get_by_role("button", name="上传", exact=True).click()
    assert page.get_by_text("附件已上传。").is_visible()
    assert page.get_by_role("link", name="讲座现场.png").is_visible()
    page.screenshot(path=str(artifacts_dir / "study-session-detail.png"), full_page=True)

    page.get_by_role("link", name="返回列表").click()
    page.get_by_label("搜索").fill("浏览器测试")
    page.get_by_role("button", name="筛选").click()
    assert "q=" in page.url
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert "浏览器测试：民法典专题讲座" in rows.first.inner_text()
    page.screenshot(path=str(artifacts_dir / "study-session-list.png"), full_page=True)
    assert page.external_requests == []


def test_two_clerks_edit_one_record_and_the_second_save_is_refused(
    live_server, transactional_db, browser_page, artifacts_dir
):
    """No lost update through real forms: both open the edit form, the first saves, the second
    is told who changed what and keeps what they typed; saving again is their choice."""
    load_demo_organisation()
    qingshan = Organisation.objects.get(code="999901101")
    li = get_user_model().objects.create_user(
        username="qingshan.li", password=DEMO_PASSWORD, display_name="李四"
    )
    membership_grant(actor=None, user=li, organisation=qingshan, role=Role.CLERK)
    kind = get_kind("study-sessions")
    record = record_create(
        actor=None,
        kind=kind,
        organisation=qingshan,
        data={
            "occurred_on": date(2026, 3, 12),
            "session_type": "lecture",
            "topic": "民法典专题讲座",
            "attendees": 36,
            "hours": 2,
        },
    )
    edit = f"{live_server.url}/ledgers/{kind.slug}/{record.pk}/edit/"
    first = browser_page
    second = first.context.browser.new_page(viewport={"width": 1280, "height": 800})
    for page, username in ((first, "qingshan.clerk"), (second, "qingshan.li")):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/")
        page.goto(edit)

    first.get_by_label("学习主题").fill("民法典专题讲座（第一讲）")
    first.get_by_role("button", name="保存").click()
    assert first.get_by_text("修改已保存。").is_visible()

    second.get_by_label("学习主题").fill("民法典婚姻家庭编专题讲座")
    second.get_by_label("参加人数").fill("40")
    second.get_by_role("button", name="保存").click()
    conflict = second.get_by_test_id("conflict")
    assert "保存未生效：您打开此页面之后，青山镇录入员于" in conflict.inner_text()
    assert "学习主题：民法典专题讲座 → 民法典专题讲座（第一讲）" in conflict.inner_text()
    assert second.get_by_label("学习主题").input_value() == "民法典婚姻家庭编专题讲座"
    assert second.get_by_label("参加人数").input_value() == "40"
    second.screenshot(path=str(artifacts_dir / "stale-edit-refused.png"), full_page=True)
    record.refresh_from_db()
    assert (record.topic, record.attendees) == ("民法典专题讲座（第一讲）", 36)

    second.get_by_role("button", name="保存").click()
    assert second.get_by_text("修改已保存。").is_visible()
    record.refresh_from_db()
    assert (record.topic, record.attendees) == ("民法典婚姻家庭编专题讲座", 40)
    second.close()
