"""Indicators over the API: the same figures as the pages, only for organisations in scope."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.catalogue import load_catalogue
from fazhi.governance.models import Budget
from fazhi.indicators import engine

pytestmark = pytest.mark.django_db
YEAR = 2024


def _budget(org, amount, year=YEAR):
    return Budget.objects.create(
        organisation=org, occurred_on=date(year, 5, 1), year=year, purpose="general", amount=amount
    )


def _get(client, world, role, name, query="", **kwargs):
    client.force_login(world.users[role])
    return client.get(reverse(f"api:{name}", kwargs=kwargs or None) + query)


def test_values_for_organisations_and_years_are_the_engines(client, world):
    a, a1, a2 = world.orgs["A"], world.orgs["A1"], world.orgs["A2"]
    _budget(a1, 10000)
    _budget(a1, 5000)
    _budget(a2, 3000)
    _budget(a1, 8000, year=YEAR - 1)
    query = f"?org={a1.code},{a.code}&year={YEAR}&year={YEAR - 1}&code=governance.budget"
    response = _get(client, world, "county_admin", "indicator-values", query)
    assert response.status_code == 200
    rows = {(r["organisation_code"], r["year"]): r for r in response.json()["results"]}
    assert len(rows) == 4
    assert rows[(a1.code, YEAR)]["value"] == 1.5 and rows[(a1.code, YEAR)]["text"] == "1.5万元"
    assert rows[(a.code, YEAR)]["value"] == 1.8  # the county is its townships' total
    assert rows[(a1.code, YEAR - 1)]["text"] == "0.8万元"
    table = engine.evaluate(["governance.budget"], [a], [YEAR])
    assert rows[(a.code, YEAR)]["value"] == float(table.value("governance.budget", a, YEAR))


def test_every_catalogue_figure_by_default_and_ratios_carry_their_parts(client, world):
    a1 = world.orgs["A1"]
    response = _get(client, world, "clerk", "indicator-values", f"?org={a1.code}&year={YEAR}")
    results = response.json()["results"]
    catalogue = load_catalogue()
    assert [r["code"] for r in results] == [i.code for i in catalogue.indicators]
    ratio = next(r for r in results if catalogue[r["code"]].is_ratio)
    assert ratio["value"] is None and ratio["text"] == "—" and ratio["denominator"] == 0


def test_another_township_is_not_found_and_bad_input_is_a_chinese_400(client, world):
    a2 = world.orgs["A2"]
    _budget(a2, 3000)
    assert _get(
        client, world, "clerk", "indicator-values", f"?org={a2.code}&year={YEAR}"
    ).json() == {"detail": "没有找到，或您无权查看。"}
    a1 = world.orgs["A1"].code
    bad = {
        "": "org",
        f"?org={a1}": "year",
        f"?org={a1}&year=99999999999999999999": "year",
        f"?org={a1}&year={YEAR}&code=nope": "code",
    }
    for query, field in bad.items():
        response = _get(client, world, "clerk", "indicator-values", query)
        assert response.status_code == 400 and field in response.json(), query
    assert (
        _get(client, world, "advisor", "indicator-values", f"?org={a1}&year={YEAR}").status_code
        == 403
    )


def test_catalogue_names_each_indicator_with_its_unit(client, world):
    rows = _get(client, world, "clerk", "indicator-catalogue").json()
    budget = next(r for r in rows if r["code"] == "governance.budget")
    item = load_catalogue()["governance.budget"]
    assert budget["name"] == item.name and budget["unit"] == "万元"
    assert len(rows) == len(load_catalogue().indicators)


def test_records_behind_a_figure_are_the_engines_rows(client, world):
    a1 = world.orgs["A1"]
    counted = [_budget(a1, 10000), _budget(a1, 5000)]
    _budget(a1, 8000, year=YEAR - 1)
    _budget(world.orgs["A2"], 3000)
    response = _get(
        client,
        world,
        "clerk",
        "indicator-records",
        f"?year={YEAR}",
        code=a1.code,
        indicator="governance.budget",
    )
    data = response.json()
    assert data["text"] == "1.5万元" and len(data["sections"]) == 1
    section = data["sections"][0]
    assert section["count"] == 2 and section["pages"] == 1
    assert {r["record_id"] for r in section["records"]} == {r.pk for r in counted}
    assert section["records"][0]["url"] == reverse(
        "ledgers:detail", args=["rule-of-law-budget", counted[1].pk]
    )
    assert section["records"][0]["occurred_on"] == f"{YEAR}-05-01"
    other = world.orgs["A2"].code
    response = _get(
        client, world, "clerk", "indicator-records", code=other, indicator="governance.budget"
    )
    assert response.status_code == 404
    response = _get(client, world, "clerk", "indicator-records", code=a1.code, indicator="nope")
    assert response.status_code == 404
