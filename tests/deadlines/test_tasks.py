"""The clerk's deadlines on the home page (fazhi.deadlines.tasks)."""

from datetime import timedelta

from django.utils import timezone

from fazhi.core.tasks import TaskKind
from fazhi.deadlines.models import Deadline
from fazhi.deadlines.services import deadline_set
from tests.deadlines.helpers import complaint
from tests.tasks_helpers import group_of, holders, titles

CODE = "complaint.answer"


def _deadline(world, org, due, matter):
    today = timezone.localdate()
    record = complaint(world.orgs[org], today - timedelta(days=60), matter=matter)
    deadline = deadline_set(record=record, code=CODE, triggered_on=today - timedelta(days=60))
    Deadline.objects.filter(pk=deadline.pk).update(due_on=due)
    return record


def test_clerk_sees_overdue_then_due_this_week_of_own_township_only(world):
    today = timezone.localdate()
    _deadline(world, "A1", today - timedelta(days=2), "甲镇逾期的投诉")
    _deadline(world, "A1", today + timedelta(days=3), "甲镇本周到期的投诉")
    _deadline(world, "A1", today + timedelta(days=12), "甲镇下月到期的投诉")
    _deadline(world, "A2", today - timedelta(days=2), "乙镇逾期的投诉")
    group = group_of(world.users["clerk"], "deadlines")
    assert [task.kind for task in group.tasks] == [TaskKind.OVERDUE, TaskKind.DUE]
    assert "甲镇逾期的投诉" in group.tasks[0].title and "甲镇本周到期的投诉" in group.tasks[1].title
    assert all("乙镇" not in title and "下月" not in title for title in titles(group))
    assert group.tasks[0].due == today - timedelta(days=2)
    assert group.tasks[0].detail == "已逾期 2 天" and group.tasks[1].detail == "还剩 3 天"
    assert group.tasks[0].organisation_name == "甲镇"
    assert group.tasks[0].url.startswith("/ledgers/complaints/")
    assert group.count == 2


def test_only_editors_have_the_group_and_an_empty_week_says_so(world):
    assert holders(world, "deadlines") == {"clerk"}
    group = group_of(world.users["clerk"], "deadlines")
    assert group.tasks == [] and group.empty == "本周没有到期事项"


def test_keys_are_stable_and_the_group_is_capped(world):
    today = timezone.localdate()
    for i in range(13):
        _deadline(world, "A1", today - timedelta(days=i + 1), f"逾期投诉{i}")
    first = group_of(world.users["clerk"], "deadlines")
    second = group_of(world.users["clerk"], "deadlines")
    assert len(first.tasks) == 10 and first.count == 13
    assert [t.key for t in first.tasks] == [t.key for t in second.tasks]
    assert first.tasks[0].key.startswith("deadline:") and first.tasks[0].key.endswith(":overdue")


def test_query_count_does_not_grow_with_the_deadlines(world, django_assert_max_num_queries):
    today = timezone.localdate()
    for i in range(12):
        _deadline(world, "A1", today - timedelta(days=i + 1), f"逾期投诉{i}")
    clerk = world.users["clerk"]
    group_of(clerk, "deadlines")
    from fazhi.deadlines.tasks import source

    with django_assert_max_num_queries(8):
        source(clerk)
