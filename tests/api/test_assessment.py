"""Assessment over the API: schemes, a township's scores as the result page computes them, and
supervision findings; another township's result or finding is 404."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.assessment.models import ItemScore
from fazhi.assessment.results import scheme_result
from fazhi.assessment.scoring import refresh_scores
from tests.assessment.scoring_world import simple_scheme
from tests.assessment.test_scoring import sessions
from tests.supervision.helpers import finding, rectified

pytestmark = pytest.mark.django_db
YEAR = 2025
TODAY = date(2026, 12, 6)


@pytest.fixture
def scored(world):
    scheme = simple_scheme(world.orgs["A"], YEAR)
    sessions(world.orgs["A1"], 3)
    refresh_scores(scheme, today=TODAY)
    ItemScore.objects.filter(assessment__organisation=world.orgs["A1"], item__code="3.1").update(
        self_score=Decimal("60")
    )
    return scheme


def _get(client, world, role, name, query="", **kwargs):
    client.force_login(world.users[role])
    return client.get(reverse(f"api:{name}", kwargs=kwargs or None) + query)


def test_schemes_of_the_users_county_with_their_items(client, world, scored):
    simple_scheme(world.orgs["B"], YEAR)
    rows = _get(client, world, "clerk", "scheme-list").json()
    assert [(r["county_code"], r["year"]) for r in rows] == [(world.orgs["A"].code, YEAR)]
    detail = _get(client, world, "clerk", "scheme-detail", pk=scored.pk).json()
    items = [i for c in detail["categories"] for i in c["items"]]
    assert {i["code"] for i in items} == set(scored.items.values_list("code", flat=True))
    assert all(i["rule"] for i in items)
    other = simple_scheme(world.orgs["B"], YEAR - 1)
    assert _get(client, world, "clerk", "scheme-detail", pk=other.pk).status_code == 404


def test_a_townships_scores_are_the_result_pages(client, world, scored):
    a1 = world.orgs["A1"]
    data = _get(client, world, "clerk", "assessment-result", f"?year={YEAR}", code=a1.code).json()
    mine = scheme_result(scored, [a1]).for_organisation(a1)
    assert data["total"] == float(mine.total) == 75.0 and data["grade"] == "合格"
    rows = {i["code"]: i for c in data["categories"] for i in c["items"]}
    assert rows["3.1"]["score"] == 60.0 and rows["3.1"]["source"] == "self"
    computed = next(r for r in rows.values() if r["source"] == "computed")
    assert computed["explanation"]
    # The inspector sees the county's townships; a clerk never another township's result.
    a2 = world.orgs["A2"]
    assert _get(client, world, "inspector", "assessment-result", code=a2.code).json()["total"] == 0
    assert _get(client, world, "clerk", "assessment-result", code=a2.code).status_code == 404
    response = _get(client, world, "clerk", "assessment-result", "?year=abc", code=a1.code)
    assert response.status_code == 400 and "year" in response.json()
    assert (
        _get(client, world, "clerk", "assessment-result", "?year=2001", code=a1.code).status_code
        == 404
    )


def test_findings_are_listed_and_shown_in_scope(client, world):
    mine = rectified(world.orgs["A1"])
    theirs = finding(world.orgs["A2"], title="乙镇的问题")
    rows = _get(client, world, "clerk", "finding-list").json()
    assert [r["id"] for r in rows] == [mine.pk]
    assert rows[0]["state"] == "rectified" and rows[0]["state_label"] == "已整改待销号"
    county = _get(client, world, "inspector", "finding-list", "?state=open").json()
    assert [r["id"] for r in county] == [theirs.pk]
    detail = _get(client, world, "clerk", "finding-detail", pk=mine.pk).json()
    assert [r["text"] for r in detail["rectifications"]] == ["已整改"]
    assert _get(client, world, "clerk", "finding-detail", pk=theirs.pk).status_code == 404
    other = world.orgs["A2"].code
    assert _get(client, world, "clerk", "finding-list", f"?township={other}").status_code == 404
    assert _get(client, world, "clerk", "finding-list", "?state=lost").status_code == 400
