"""Deadlines over the API: the page's overdue and upcoming lists, scoped to the user."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.deadlines import selectors
from fazhi.deadlines.services import deadline_set
from tests.deadlines.helpers import complaint

pytestmark = pytest.mark.django_db
CODE = "complaint.answer"


def _deadline(world, org, received, matter):
    record = complaint(world.orgs[org], received, matter=matter)
    return deadline_set(record=record, code=CODE, triggered_on=received)


def _get(client, world, role, query=""):
    client.force_login(world.users[role])
    return client.get(reverse("api:deadline-list") + query)


def test_the_lists_are_the_pages_own_township_only(client, world):
    today = timezone.localdate()
    late = _deadline(world, "A1", today - timedelta(days=40), "甲镇逾期事项")
    soon = _deadline(world, "A1", today - timedelta(days=3), "甲镇近期事项")
    _deadline(world, "A2", today - timedelta(days=40), "乙镇逾期事项")
    data = _get(client, world, "clerk").json()
    assert data["count"] == 2 and [r["id"] for r in data["results"]] == [late.pk, soon.pk]
    first = data["results"][0]
    assert first["list"] == "overdue" and first["state"] == "overdue"
    assert first["state_label"] == "已逾期" and first["days_left"] == late.days_left(today)
    assert first["organisation_name"] == "甲镇" and first["due_on"] == late.due_on.isoformat()
    assert first["record_url"] == selectors.record_url(late)
    assert data["results"][1]["list"] == "upcoming"
    only = _get(client, world, "clerk", "?list=upcoming").json()
    assert [r["id"] for r in only["results"]] == [soon.pk]
    # The county inspector sees both townships; ?org= narrows to one subtree in scope.
    county = _get(client, world, "inspector", "?list=overdue").json()
    assert county["count"] == 2
    narrowed = _get(client, world, "inspector", f"?org={world.orgs['A2'].code}").json()
    assert [r["organisation_name"] for r in narrowed["results"]] == ["乙镇"]


def test_the_record_is_named_as_on_the_page(client, world):
    today = timezone.localdate()
    deadline = _deadline(world, "A1", today - timedelta(days=40), "反映路灯损坏")
    from fazhi.ledgers.selectors import record_name

    row = _get(client, world, "clerk").json()["results"][0]
    assert row["record"] == f"反映路灯损坏（{deadline.triggered_on:%Y-%m-%d}）"
    assert row["record"] == record_name(deadline.record, world.users["clerk"])


def test_another_township_is_not_found_and_bad_input_is_a_chinese_400(client, world):
    response = _get(client, world, "clerk", f"?org={world.orgs['A2'].code}")
    assert response.status_code == 404
    for query, field in (("?list=all", "list"), ("?days=0", "days"), ("?days=x", "days")):
        response = _get(client, world, "clerk", query)
        assert response.status_code == 400 and field in response.json(), query
    assert _get(client, world, "advisor").status_code == 403
