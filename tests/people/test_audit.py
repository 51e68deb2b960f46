"""The audit page: every administrative action, scoped to the viewer's subtree, filterable."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.audit.models import AdminAction
from fazhi.audit.services import record
from fazhi.people import services


@pytest.fixture
def entries(world):
    record(
        world.users["admin"], "person.create", "新增人员 甲镇的人", organisation=world.orgs["A1"]
    )
    record(
        world.users["county_admin"], "role.grant", "授予 乙镇的人", organisation=world.orgs["A2"]
    )
    record(None, "org.rename", "丙县改名", organisation=world.orgs["B"])
    record(None, "org.rename", "甲县改名", organisation=world.orgs["A"])


def _summaries(client, **params):
    response = client.get(reverse("people:audit"), params)
    assert response.status_code == 200
    html = response.content.decode()
    return {text for text in ("甲镇的人", "乙镇的人", "丙县改名", "甲县改名") if text in html}


def test_township_admin_sees_only_their_townships_entries(client, world, entries):
    client.force_login(world.users["admin"])
    assert _summaries(client) == {"甲镇的人"}


def test_inspector_and_county_admin_see_their_county(client, world, entries):
    for role in ("inspector", "county_admin"):
        client.force_login(world.users[role])
        assert _summaries(client) == {"甲镇的人", "乙镇的人", "甲县改名"}


def test_clerk_may_not_read_the_audit_page(client, world, entries):
    client.force_login(world.users["clerk"])
    assert client.get(reverse("people:audit")).status_code == 403


def test_audit_filters(client, world, entries):
    client.force_login(world.users["county_admin"])
    assert _summaries(client, verb="role.") == {"乙镇的人"}
    assert _summaries(client, q="改名") == {"甲县改名"}
    assert _summaries(client, since="2000-01-01", until="2000-01-02") == set()
    assert "系统（命令行）" in client.get(reverse("people:audit")).content.decode()


def test_a_refused_action_leaves_no_entry(world):
    """The entry is written in the action's transaction: a refusal writes neither."""
    with pytest.raises(ValidationError):
        services.person_create(
            actor=world.users["admin"],
            username="bad name!",
            display_name="某人",
            organisation=world.orgs["A1"],
        )
    assert not AdminAction.objects.exists()
    assert not get_user_model().objects.filter(display_name="某人").exists()


def test_the_audit_page_paginates(client, world):
    for number in range(55):
        record(
            world.users["admin"], "person.update", f"第{number}条", organisation=world.orgs["A1"]
        )
    client.force_login(world.users["admin"])
    first = client.get(reverse("people:audit")).content.decode()
    assert "第 1 / 2 页" in first and "第54条" in first and "第0条" not in first
    second = client.get(reverse("people:audit"), {"page": 2}).content.decode()
    assert "第0条" in second
