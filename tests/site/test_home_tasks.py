"""The home page (工作台) shows each of the person's task groups (fazhi.core.tasks) as a card:
its title, count and tasks, each a link, or the group's sentence saying what is fine; the
apps' panels and the organisation cards follow."""

import pytest

from fazhi.core.tasks import TaskKind
from fazhi.notifications.models import Notification
from tests.inline_code import inline_code
from tests.notifications.source import install, task


@pytest.fixture
def source(monkeypatch):
    return install(monkeypatch)


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert inline_code(html) == []
    return html


def _card(html: str) -> str:
    start = html.index('data-testid="task-group-test_group"')
    return html[start : html.index("</section>", start)]


def test_a_group_shows_its_tasks_as_links(client, world, source):
    source.tasks["clerk"] = [
        task(1, TaskKind.OVERDUE, title="关于村道修缮的信访答复（2026-11-20）"),
        task(2, TaskKind.AWAITING, title="甲镇2025年度报告", due=None, detail="待审定"),
    ]
    card = _card(_home(client, world.users["clerk"]))
    assert "测试待办事项" in card
    assert 'data-testid="task-count">2<' in card
    assert card.count('data-testid="task"') == 2
    assert '<a class="list-group-item list-group-item-action" href="/deadlines/?item=1"' in card
    assert "关于村道修缮的信访答复（2026-11-20）" in card
    assert "甲镇" in card and "期限 2026-12-10" in card
    assert "已逾期" in card and "待办理" in card and "待审定" in card
    assert 'href="/deadlines/">查看全部</a>' in card


def test_an_empty_group_says_what_is_fine(client, world, source):
    source.tasks["clerk"] = []
    card = _card(_home(client, world.users["clerk"]))
    assert 'data-testid="task-count">0<' in card
    assert 'data-testid="task-empty">本周没有测试事项<' in card
    assert 'data-testid="task"' not in card


def test_a_group_cut_short_tells_how_many_more(client, world, source):
    source.tasks["clerk"] = [task(1), task(2)]
    source.totals["clerk"] = 9
    card = _card(_home(client, world.users["clerk"]))
    assert 'data-testid="task-count">9<' in card
    assert "另有 7 项" in card


def test_a_group_not_for_the_person_is_not_shown(client, world, source):
    source.tasks["clerk"] = [task(1)]
    html = _home(client, world.users["reviewer"])
    assert "测试待办事项" not in html


def test_groups_come_before_the_organisation_cards(client, world, source):
    source.tasks["clerk"] = [task(1)]
    html = _home(client, world.users["clerk"])
    assert html.index('data-testid="task-groups"') < html.index('data-testid="home-org"')
    assert "我的单位" in html


def test_opening_the_home_page_makes_the_notifications(client, world, source):
    source.tasks["clerk"] = [task(1), task(2)]
    _home(client, world.users["clerk"])
    _home(client, world.users["clerk"])
    keys = Notification.objects.filter(user=world.users["clerk"], key__startswith="test:")
    assert sorted(keys.values_list("key", flat=True)) == ["test:1:due", "test:2:due"]
