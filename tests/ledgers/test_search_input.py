"""A ledger's search box takes any input without a server error: an overlong pattern (a 500 on
SQLite before, "LIKE or GLOB pattern too complex"; found by tests/api/test_fuzz.py) or a NUL
byte (which PostgreSQL refuses in a query) is a form error, not a query."""

import pytest
from django.urls import reverse

from fazhi.ledgers.forms import SEARCH_MAX
from fazhi.ledgers.registry import all_kinds

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["长" * 20_000, "甲\x00乙", "x" * (SEARCH_MAX + 1)])
def test_a_hostile_search_is_refused_not_run(client, ledger_world, world, query):
    kind = next(kind for kind in all_kinds() if kind.search_fields)
    client.force_login(world.users["clerk"])
    response = client.get(reverse("ledgers:list", kwargs={"kind": kind.slug}), {"q": query})
    assert response.status_code == 200
    assert response.context["filterset"].errors["q"]


def test_a_search_at_the_limit_is_run(client, ledger_world, world):
    kind = next(kind for kind in all_kinds() if kind.search_fields)
    client.force_login(world.users["clerk"])
    url = reverse("ledgers:list", kwargs={"kind": kind.slug})
    response = client.get(url, {"q": "无" * SEARCH_MAX})
    assert response.status_code == 200
    assert not response.context["filterset"].errors
    assert response.context["page"].paginator.count == 0
