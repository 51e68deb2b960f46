"""Notifications are made from a person's pending work (fazhi.core.tasks), one per event."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.tasks import TaskKind
from fazhi.notifications import selectors, services
from fazhi.notifications.models import Notification
from tests.notifications.source import task


def _mine(user):
    return Notification.objects.filter(user=user, key__startswith="test:")


def test_sync_makes_one_notification_per_task(world, fake_source):
    clerk = world.users["clerk"]
    fake_source.tasks["clerk"] = [
        task(1, TaskKind.OVERDUE, detail="已逾期 3 天"),
        task(2, TaskKind.RETURNED, due=None),
    ]
    assert services.sync_for(clerk) == 2
    made = {n.key: n for n in _mine(clerk)}
    assert set(made) == {"test:1:overdue", "test:2:returned"}
    first = made["test:1:overdue"]
    assert (first.kind, first.kind_label, first.group) == ("overdue", "已逾期", "test_group")
    assert first.title == "测试事项1号答复"
    assert first.url == "/deadlines/?item=1"
    assert first.organisation_name == "甲镇"
    assert str(first.due) == "2026-12-10" and first.detail == "已逾期 3 天"
    assert first.unread and first.read_at is None and first.emailed_at is None
    assert made["test:2:returned"].due is None


def test_syncing_twice_makes_no_duplicates(world, fake_source):
    clerk = world.users["clerk"]
    fake_source.tasks["clerk"] = [task(1), task(2)]
    services.sync_for(clerk)
    before = Notification.objects.count()
    assert services.sync_for(clerk) == 0
    assert Notification.objects.count() == before
    assert _mine(clerk).count() == 2
    # A new event (another key) is a new notification; the old ones stay single.
    fake_source.tasks["clerk"].append(task(1, TaskKind.OVERDUE))
    assert services.sync_for(clerk) == 1
    assert sorted(_mine(clerk).values_list("key", flat=True)) == [
        "test:1:due",
        "test:1:overdue",
        "test:2:due",
    ]


def test_a_read_notification_is_not_made_again(world, fake_source):
    clerk = world.users["clerk"]
    fake_source.tasks["clerk"] = [task(1)]
    services.sync_for(clerk)
    services.mark_all_read(user=clerk)
    services.sync_for(clerk)
    assert _mine(clerk).count() == 1
    assert selectors.unread_count(clerk) == 0


def test_each_person_has_their_own(world, fake_source):
    fake_source.tasks["clerk"] = [task(1)]
    fake_source.tasks["leader"] = [task(1)]  # the same event, told to both
    services.sync_for(world.users["clerk"])
    services.sync_for(world.users["leader"])
    assert _mine(world.users["clerk"]).count() == 1
    assert _mine(world.users["leader"]).count() == 1
    assert _mine(world.users["reviewer"]).count() == 0  # the group does not concern them


def test_an_event_gone_is_resolved_and_one_back_reopened(world, fake_source):
    clerk = world.users["clerk"]
    fake_source.tasks["clerk"] = [task(1), task(2)]
    services.sync_for(clerk)
    fake_source.tasks["clerk"] = [task(2)]  # item 1 was dealt with
    services.sync_for(clerk)
    gone = _mine(clerk).get(key="test:1:due")
    assert gone.resolved_at is not None and not gone.unread
    assert selectors.unread_count(clerk) == 1
    fake_source.tasks["clerk"] = [task(1), task(2)]
    services.sync_for(clerk)
    assert _mine(clerk).get(key="test:1:due").resolved_at is None
    assert selectors.unread_count(clerk) == 2


def test_a_group_cut_short_resolves_nothing(world, fake_source):
    clerk = world.users["clerk"]
    fake_source.tasks["clerk"] = [task(1), task(2)]
    services.sync_for(clerk)
    # Only the first is shown of 5: item 2 may be among the hidden ones.
    fake_source.tasks["clerk"] = [task(1)]
    fake_source.totals["clerk"] = 5
    services.sync_for(clerk)
    assert _mine(clerk).get(key="test:2:due").resolved_at is None


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def test_sync_costs_the_same_for_few_or_many_tasks(world, fake_source):
    fake_source.tasks["clerk"] = [task(n) for n in range(3)]
    fake_source.tasks["leader"] = [task(n) for n in range(40)]
    few = _queries(lambda: services.sync_for(world.users["clerk"]))
    many = _queries(lambda: services.sync_for(world.users["leader"]))
    assert few == many
    # Nothing new: a single read, no write.
    assert _queries(lambda: services.sync_for(world.users["leader"])) == 1


def test_unread_count_is_one_query(world, fake_source, django_assert_num_queries):
    fake_source.tasks["clerk"] = [task(1), task(2), task(3)]
    services.sync_for(world.users["clerk"])
    with django_assert_num_queries(1):
        assert selectors.unread_count(world.users["clerk"]) == 3


def test_mark_read_only_ones_own(world, fake_source):
    fake_source.tasks["clerk"] = [task(1)]
    services.sync_for(world.users["clerk"])
    mine = _mine(world.users["clerk"]).get()
    try:
        services.mark_read(user=world.users["leader"], pk=mine.pk)
    except Notification.DoesNotExist:
        pass
    else:
        raise AssertionError("another person's notification was marked read")
    mine.refresh_from_db()
    assert mine.read_at is None
    assert services.mark_read(user=world.users["clerk"], pk=mine.pk).read_at is not None
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_sync_everyone_reaches_active_people_only(world, fake_source):
    fake_source.tasks["clerk"] = [task(1)]
    fake_source.tasks["leader"] = [task(2)]
    world.users["leader"].is_active = False
    world.users["leader"].save()
    assert services.sync_everyone() == len(world.users) - 1
    assert _mine(world.users["clerk"]).count() == 1
    assert _mine(world.users["leader"]).count() == 0
