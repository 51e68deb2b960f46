"""The drill-down page: every figure lists exactly the records it was computed from."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.governance.models import Budget
from fazhi.indicators import engine

YEAR = 2024


def _budget(org, amount, year=YEAR):
    return Budget.objects.create(
        organisation=org, occurred_on=date(year, 5, 1), year=year, purpose="general", amount=amount
    )


def _url(org, code, year=YEAR):
    return (
        reverse("indicators:records", kwargs={"code": org.code, "indicator": code})
        + f"?year={year}"
    )


@pytest.mark.django_db
def test_records_page_lists_the_rows_behind_the_figure_with_links(client, world):
    a1 = world.orgs["A1"]
    counted = [_budget(a1, 10000), _budget(a1, 5000)]
    _budget(a1, 8000, year=YEAR - 1)
    _budget(world.orgs["A2"], 3000)
    client.force_login(world.users["clerk"])
    html = client.get(_url(a1, "governance.budget")).content.decode()
    shown = {int(part.split('"')[0]) for part in html.split('data-record-id="')[1:]}
    assert shown == {r.pk for r in counted}
    assert shown == set(engine.records("governance.budget", a1, YEAR).values_list("pk", flat=True))
    assert "1.5万元" in html
    # The page says what the figure counts, as the catalogue states it.
    from fazhi.catalogue import load_catalogue

    assert f"统计口径：{load_catalogue()['governance.budget'].counts}" in html
    for record in counted:
        assert reverse("ledgers:detail", args=["rule-of-law-budget", record.pk]) in html


@pytest.mark.django_db
def test_inspector_sees_a_township_of_the_county_but_not_another_county(client, world):
    _budget(world.orgs["A1"], 10000)
    client.force_login(world.users["inspector"])
    assert client.get(_url(world.orgs["A1"], "governance.budget")).status_code == 200
    assert client.get(_url(world.orgs["B1"], "governance.budget")).status_code == 404


@pytest.mark.django_db
def test_unknown_indicator_is_not_found(client, world):
    client.force_login(world.users["clerk"])
    response = client.get(_url(world.orgs["A1"], "no.such_figure"))
    assert response.status_code == 404
