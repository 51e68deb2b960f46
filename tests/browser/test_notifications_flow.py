"""A clerk sees their pending work on the home page, follows the 通知 badge to the list, opens a
notification (marked read, taken to its page) and marks the rest read; also at phone width."""

import pytest

from fazhi.core.tasks import TaskKind
from tests.notifications.source import install, task
from tests.world import PASSWORD, build_world

pytestmark = pytest.mark.browser


def test_clerk_follows_a_notification(
    live_server, transactional_db, browser_page, artifacts_dir, monkeypatch
):
    build_world()
    source = install(monkeypatch)
    source.tasks["clerk"] = [
        task(1, TaskKind.OVERDUE, title="关于村道修缮的信访答复（2026-11-20 收到）", url="/orgs/"),
        task(2, TaskKind.RETURNED, title="甲镇2025年度法治政府建设报告", due=None),
        task(3, TaskKind.DUE, title="行政执法案件：违规占道经营（2026-11-28）"),
    ]
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("clerk")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    group = page.get_by_test_id("task-group-test_group")
    assert "测试待办事项" in group.inner_text()
    assert group.get_by_test_id("task").count() == 3
    assert page.get_by_test_id("nav-unread").inner_text() == "3"
    page.screenshot(path=str(artifacts_dir / "home-task-groups.png"), full_page=True)

    page.get_by_test_id("nav-notifications").click()
    page.wait_for_url(f"{live_server.url}/notifications/")
    assert page.get_by_test_id("notification-unread").count() == 3
    page.screenshot(path=str(artifacts_dir / "notifications-list.png"), full_page=True)

    page.get_by_text("关于村道修缮的信访答复").click()
    page.wait_for_url(f"{live_server.url}/orgs/")
    assert page.get_by_test_id("nav-unread").inner_text() == "2"

    page.goto(f"{live_server.url}/notifications/")
    page.get_by_test_id("read-all").click()
    page.wait_for_url(f"{live_server.url}/notifications/")
    assert page.get_by_text("已将 2 条通知标为已读。").is_visible()
    assert page.get_by_test_id("nav-unread").count() == 0

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/")
    page.screenshot(path=str(artifacts_dir / "home-task-groups-phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the home page scrolls sideways at 390 px ({width} px)"
    page.goto(f"{live_server.url}/notifications/settings/")
    page.screenshot(path=str(artifacts_dir / "notifications-settings-phone.png"), full_page=True)
    assert page.external_requests == []
