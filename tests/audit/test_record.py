import pytest

from fazhi.audit.models import AdminAction
from fazhi.audit.services import SYSTEM_ACTOR_NAME, record

pytestmark = pytest.mark.django_db


def test_an_action_keeps_who_what_and_where(world):
    township = world.orgs["A1"]
    entry = record(world.users["admin"], "org.rename", "改名：甲镇 → 甲新镇", organisation=township)

    stored = AdminAction.objects.get(pk=entry.pk)
    assert stored.actor == world.users["admin"]
    assert stored.actor_name == (world.users["admin"].display_name or "admin")
    assert (stored.verb, stored.summary) == ("org.rename", "改名：甲镇 → 甲新镇")
    assert (stored.scope_path, stored.scope_name) == (township.path, township.name)
    assert stored.at is not None


def test_the_command_line_is_named_as_the_system():
    entry = record(None, "backup", "备份")
    assert entry.actor_name == SYSTEM_ACTOR_NAME and entry.scope_path == ""
