"""Each demo role logs in and finds its pending work (待办) on the home page, in Chromium: the
clerk a complaint due this week, the leader a report to approve, the reviewer a document awaiting
its legality review, the advisor a village to visit, the administrator an unused account."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from fazhi.deadlines.models import Deadline
from fazhi.deadlines.services import deadline_set
from fazhi.orgs.demo import DEMO_PASSWORD
from fazhi.orgs.demo import load as load_demo_organisation
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Role
from fazhi.people.services import person_create
from fazhi.reports import services as reports
from tests.deadlines.helpers import complaint
from tests.normative.helpers import at_stage

pytestmark = pytest.mark.browser

QINGSHAN = "999901101"


def _pending_work(township) -> dict[str, str]:
    """One pending item per role, made through the services; {username: text on the page}."""
    today = timezone.localdate()
    record = complaint(township, today - timedelta(days=10), matter="反映青山村路灯损坏")
    deadline = deadline_set(record=record, code="complaint.answer", triggered_on=record.occurred_on)
    Deadline.objects.filter(pk=deadline.pk).update(due_on=today + timedelta(days=3))
    year = today.year - 1
    reports.report_create(actor=None, organisation=township, year=year)
    world = SimpleNamespace(orgs={"Q": township}, users={"clerk": None, "reviewer": None})
    at_stage(world, "review", org="Q", title="青山镇农村建房管理办法")
    user, _ = person_create(
        actor=None,
        username="qingshan.new",
        display_name="李新",
        organisation=township,
        role=Role.CLERK,
    )
    made = timezone.now() - timedelta(days=10)
    get_user_model().objects.filter(pk=user.pk).update(date_joined=made)
    return {
        "qingshan.clerk": "投诉答复期限：",
        "qingshan.leader": f"青山镇{year}年度法治政府建设情况报告（第1版）待审定",
        "qingshan.reviewer": "规范性文件《青山镇农村建房管理办法》（2025-03-03起草）待合法性审核",
        "qingshan.advisor": "青山村近90天没有法律顾问服务（尚无服务记录）",
        "qingshan.admin": "李新（qingshan.new，",
    }


def test_each_role_finds_its_pending_item_on_the_home_page(
    live_server, transactional_db, browser_page, artifacts_dir
):
    load_demo_organisation()
    expected = _pending_work(Organisation.objects.get(code=QINGSHAN))
    page, base = browser_page, live_server.url
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for username, text in expected.items():
        page.goto(f"{base}/accounts/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{base}/")
        link = page.get_by_role("link", name=text).first
        if not link.count():
            link = page.locator("a", has_text=text).first
        assert link.is_visible(), username
        page.screenshot(path=str(artifacts_dir / f"home-{username}.png"), full_page=True)
        href = link.get_attribute("href")
        link.click()
        page.wait_for_load_state()
        assert page.url.startswith(f"{base}{href.split('?')[0]}"), (username, page.url)
        assert "页面不存在" not in page.content() and "无权" not in page.title(), username
        with page.expect_navigation():
            page.get_by_role("button", name="退出登录").click()
    assert errors == []
