"""Stored county totals: a province's and its counties' figures read one stored row per county,
equal the figures summed from every organisation's own, and are never served stale."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.indicators import engine
from fazhi.indicators.models import StoredRollup
from fazhi.orgs.roles import Level
from fazhi.orgs.services import organisation_create
from fazhi.publicity.models import Activity
from tests.indicators.helpers import budget, row, task

pytestmark = pytest.mark.django_db
YEAR = 2024
BUDGET = "governance.budget"
ACTIVITIES = "publicity.activities"
OVERDUE = "governance.tasks_overdue"
CODES = [BUDGET, ACTIVITIES, OVERDUE]


def _org(code, level, parent=None):
    return organisation_create(
        actor=None, code=code, name=f"单位{code}", level=level, parent=parent
    )


def _county(city, code, townships):
    county = _org(code, Level.COUNTY, city)
    towns = [_org(f"{code}{t:03d}", Level.TOWNSHIP, county) for t in range(1, townships + 1)]
    villages = [_org(f"{town.code}201", Level.VILLAGE, town) for town in towns]
    return county, towns, villages


@pytest.fixture
def province():
    """省 ── 市 ── 东县 (3 townships), 西县 (2); the province and city with records of their own."""
    p = _org("820000", Level.PROVINCE)
    city = _org("820100", Level.CITY, p)
    east, east_towns, east_villages = _county(city, "820101", 3)
    west, west_towns, west_villages = _county(city, "820102", 2)
    for n, town in enumerate(east_towns + west_towns, start=1):
        budget(town, date(YEAR, 3, n), str(10000 * n)).save()
        for day in range(1, n + 1):
            row(Activity, town, date(YEAR, 4, day), title="送法下乡").save()
        task(town, date(YEAR, 1, 5), due_on=date(YEAR, 6, n)).save()
    row(Activity, east_villages[0], date(YEAR, 5, 1), title="村里普法").save()
    budget(p, date(YEAR, 3, 1), "5000").save()
    budget(city, date(YEAR, 3, 1), "2500").save()
    return {"P": p, "C": city, "E": east, "W": west, "ET": east_towns, "WT": west_towns}


def _table(targets, today=date(YEAR, 6, 3)):
    return engine.evaluate(CODES, targets, [YEAR], today=today)


def _one_by_one(targets, today=date(YEAR, 6, 3)):
    """Each target evaluated on its own, none above a county: no rollup involved."""
    return {
        (code, t.pk): engine.evaluate([code], [t], [YEAR], today=today).value(code, t, YEAR)
        for code in CODES
        for t in targets
        if t.level not in (Level.PROVINCE, Level.CITY)
    }


def test_province_and_counties_equal_their_organisations_summed(province):
    p, city, east, west = province["P"], province["C"], province["E"], province["W"]
    table = _table([p, city, east, west])
    plain = _one_by_one([east, west])
    for code in CODES:
        assert table.value(code, east, YEAR) == plain[(code, east.pk)], code
        assert table.value(code, west, YEAR) == plain[(code, west.pk)], code
    # Budgets in 10,000 yuan: townships 1..5 × 1 plus the province's 0.5 and the city's 0.25.
    assert table.value(BUDGET, east, YEAR) == Decimal("6.00")
    assert table.value(BUDGET, west, YEAR) == Decimal("9.00")
    assert table.value(BUDGET, city, YEAR) == Decimal("15.25")
    assert table.value(BUDGET, p, YEAR) == Decimal("15.75")
    assert table.value(ACTIVITIES, p, YEAR) == 1 + 2 + 3 + 4 + 5 + 1
    # Overdue on 3 June: the tasks due on 1 and 2 June; changes daily, never stored.
    assert table.value(OVERDUE, p, YEAR) == 2
    assert table.value(OVERDUE, east, YEAR) == 2 and table.value(OVERDUE, west, YEAR) == 0
    assert _table([p], today=date(YEAR, 7, 1)).value(OVERDUE, p, YEAR) == 5
    stored = StoredRollup.objects.get(organisation=east, year=YEAR)
    assert OVERDUE not in stored.values and stored.values[ACTIVITIES] == 7
    assert set(StoredRollup.objects.values_list("organisation", flat=True)) == {east.pk, west.pk}


def test_a_stored_county_total_is_read_in_queries_that_do_not_grow(province):
    p, east = province["P"], province["E"]
    _table([p])
    with CaptureQueriesContext(connection) as few:
        _table([p])
    # Proof the stored row is what is served: tamper with it at the same state.
    StoredRollup.objects.filter(organisation=east, year=YEAR).update(
        values={**StoredRollup.objects.get(organisation=east, year=YEAR).values, ACTIVITIES: 100}
    )
    assert _table([p]).value(ACTIVITIES, p, YEAR) == 100 + 9
    # More townships (with records) in the same province: the same number of queries.
    more, towns, _ = _county(province["C"], "820103", 6)
    for town in towns:
        row(Activity, town, date(YEAR, 4, 1), title="送法下乡").save()
    _table([p])
    with CaptureQueriesContext(connection) as more_queries:
        _table([p])
    assert len(more_queries.captured_queries) == len(few.captured_queries) <= 8


def test_a_write_recomputes_only_its_county(province):
    p, east, west = province["P"], province["E"], province["W"]
    _table([p])
    west_row = StoredRollup.objects.get(organisation=west, year=YEAR)
    east_row = StoredRollup.objects.get(organisation=east, year=YEAR)
    record = budget(province["ET"][0], date(YEAR, 8, 1), "40000")
    record.save()
    assert _table([p, east]).value(BUDGET, east, YEAR) == Decimal("10.00")
    assert StoredRollup.objects.get(pk=west_row.pk).computed_at == west_row.computed_at
    assert StoredRollup.objects.get(pk=east_row.pk).revisions > east_row.revisions
    record.delete()
    assert _table([p, east]).value(BUDGET, east, YEAR) == Decimal("6.00")


def test_a_change_to_the_tree_forgets_every_county_total(province):
    p = province["P"]
    _table([p])
    assert StoredRollup.objects.count() == 2
    town = _org("820102009", Level.TOWNSHIP, province["W"])
    assert StoredRollup.objects.count() == 0
    _table([p])
    assert StoredRollup.objects.count() == 2
    town.delete()
    assert StoredRollup.objects.count() == 0


def test_a_rollup_stored_under_other_definitions_or_another_state_is_recomputed(province):
    p, east = province["P"], province["E"]
    _table([p])
    stale = StoredRollup.objects.filter(organisation=east, year=YEAR)
    stale.update(values={ACTIVITIES: 999}, definitions="an earlier release")
    assert _table([p, east]).value(ACTIVITIES, east, YEAR) == 7
    stale.update(values={ACTIVITIES: 999}, members=1)
    assert _table([p, east]).value(ACTIVITIES, east, YEAR) == 7


def test_a_county_page_sums_its_townships_without_rollups(province):
    east = province["E"]
    table = _table([east, *province["ET"]])
    assert table.value(ACTIVITIES, east, YEAR) == 7
    assert not StoredRollup.objects.exists()
