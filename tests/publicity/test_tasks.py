"""Theme days coming with nothing planned, on the clerk's home page (fazhi.publicity.tasks)."""

from datetime import date
from types import SimpleNamespace

import pytest

from fazhi.core.tasks import TaskKind
from fazhi.publicity import tasks
from tests.reports.helpers import activity
from tests.tasks_helpers import group_of, holders

TODAY = date(2026, 11, 20)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(tasks, "timezone", SimpleNamespace(localdate=lambda: TODAY))
    return TODAY


def test_theme_days_of_the_next_30_days_without_an_activity(
    world, today, django_assert_max_num_queries
):
    # 国家宪法日 (12·4) has an activity in its window; 全国交通安全日 (12·2) has none. 全国消防日
    # (11·9) is over: the calendar reports it, not the home page.
    activity(world.orgs["A1"], year=2026, month=12, theme_day="constitution")
    group = group_of(world.users["clerk"], "theme_days")
    assert [t.key for t in group.tasks] == ["theme_day:traffic_safety:2026:100001101"]
    task = group.tasks[0]
    assert task.kind == TaskKind.UPCOMING
    assert task.title == "全国交通安全日（12·2）尚未安排普法活动（11月25日至12月9日开展均计入）"
    assert task.due == date(2026, 12, 9) and task.organisation_name == "甲镇"
    assert task.url == "/publicity/calendar/?year=2026"
    with django_assert_max_num_queries(6):
        tasks.source(world.users["clerk"])


def test_nothing_coming_says_so(world, today):
    for key in ("traffic_safety", "constitution"):
        activity(world.orgs["A1"], year=2026, month=12, theme_day=key)
    group = group_of(world.users["clerk"], "theme_days")
    assert group.tasks == [] and group.empty == "今后30天的普法主题日都已安排活动"
    assert holders(world, "theme_days") == {"clerk"}
