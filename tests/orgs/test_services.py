import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.orgs.services import organisation_update


def test_update_records_who_changed_what(world):
    township = world.orgs["A1"]
    organisation_update(
        actor=world.users["admin"], organisation=township, name="甲镇人民政府", reason="更名"
    )
    latest = township.history.latest()
    assert latest.history_user == world.users["admin"]
    assert latest.history_change_reason == "更名"
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("name", "甲镇", "甲镇人民政府")]


def test_update_without_a_change_writes_no_history(world):
    township = world.orgs["A1"]
    before = township.history.count()
    organisation_update(actor=world.users["admin"], organisation=township, name="甲镇")
    assert township.history.count() == before


def test_update_refuses_roles_without_org_management(world):
    with pytest.raises(PermissionDenied):
        organisation_update(actor=world.users["clerk"], organisation=world.orgs["A1"], name="x")
    world.orgs["A1"].refresh_from_db()
    assert world.orgs["A1"].name == "甲镇"


def test_update_validates_and_changes_nothing_on_error(world):
    with pytest.raises(ValidationError):
        organisation_update(
            actor=world.users["admin"], organisation=world.orgs["A1V1"], code="100001101"
        )
    with pytest.raises(ValidationError, match="不能修改这些字段"):
        organisation_update(actor=world.users["admin"], organisation=world.orgs["A1"], level="x")
    world.orgs["A1V1"].refresh_from_db()
    assert world.orgs["A1V1"].code == "100001101201"
