"""A clerk records a study session in Chromium, attaches a photo and finds it in the list."""

import pytest

from fazhi.orgs.demo import DEMO_PASSWORD
from fazhi.orgs.demo import load as load_demo_organisation
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
