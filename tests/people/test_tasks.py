"""Accounts an administrator should act on (fazhi.people.tasks)."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.utils import timezone

from fazhi.core.tasks import TaskKind
from fazhi.orgs.roles import Role
from fazhi.people.services import person_create
from fazhi.people.tasks import source
from tests.tasks_helpers import group_of, holders


def _made(world, org, username, days_ago):
    user, _ = person_create(
        actor=None,
        username=username,
        display_name=f"新人{username}",
        organisation=world.orgs[org],
        role=Role.CLERK,
    )
    made = timezone.now() - timedelta(days=days_ago)
    get_user_model().objects.filter(pk=user.pk).update(date_joined=made)
    return user


def test_unused_and_locked_accounts_of_the_administrators_subtree(
    world, django_assert_max_num_queries
):
    unused = _made(world, "A1", "jia.new", 10)
    _made(world, "A1", "jia.fresh", 2)  # made two days ago: not yet a concern
    _made(world, "A2", "yi.new", 10)  # another township's
    clerk = world.users["clerk"]
    clerk.last_login = timezone.now()
    clerk.save(update_fields=["last_login"])
    AccessAttempt.objects.create(
        username="clerk",
        ip_address="10.0.0.1",
        user_agent="test",
        failures_since_start=5,
        attempt_time=timezone.now(),
    )
    group = group_of(world.users["admin"], "accounts")
    keys = [t.key for t in group.tasks]
    assert f"account:{unused.pk}:unused" in keys
    assert any(k.startswith(f"account:{clerk.pk}:locked:") for k in keys)
    assert all("yi.new" not in t.title and "jia.fresh" not in t.title for t in group.tasks)
    locked = next(t for t in group.tasks if "locked" in t.key)
    assert locked.title == "clerk（clerk）多次密码错误，已被暂时锁定"
    assert locked.kind == TaskKind.AWAITING and locked.url == f"/people/{clerk.pk}/"
    # The county administrator manages the whole county: 乙镇's new account too.
    county = group_of(world.users["county_admin"], "accounts")
    assert any("yi.new" in t.title for t in county.tasks)
    with django_assert_max_num_queries(6):
        source(world.users["admin"])


def test_who_has_the_group(world):
    assert holders(world, "accounts") == {"admin", "county_admin"}
