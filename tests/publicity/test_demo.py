"""The 普法 demo generators: valid, deterministic, realistic in size, theme days on their days."""

from collections import Counter
from datetime import date
from random import Random

import pytest

from fazhi.ledgers.demo import _load_kind
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import validate_record
from fazhi.orgs.demo import TOWNSHIPS
from fazhi.orgs.roles import Level
from fazhi.publicity import demo, kinds
from fazhi.publicity.models import Activity
from fazhi.publicity.selectors import Status, theme_day_calendar
from fazhi.publicity.theme_days import BY_KEY, THEME_DAYS

ALL = [
    kinds.ACTIVITIES,
    kinds.ASSETS,
    kinds.TEAMS,
    kinds.TEAM_MEMBERS,
    kinds.LEGAL_PEOPLE,
    kinds.DEMONSTRATION_VILLAGES,
]


def _owner(world, kind):
    return world.orgs["A1V1" if kind.org_level == Level.VILLAGE else "A1"]


@pytest.mark.parametrize("kind", ALL, ids=lambda k: k.slug)
@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_every_demo_record_passes_the_rules(world, kind, year):
    organisation = _owner(world, kind)
    rows = list(kind.demo(organisation, year, Random(year), date(year, 12, 31)))
    # Awards come every year or two: odd years always, even years now and then.
    if kind is not kinds.DEMONSTRATION_VILLAGES or year % 2:
        assert rows
    for values in rows:
        assert values["occurred_on"].year == year
        validate_record(kind, kind.model(organisation=organisation, **values))


def test_demo_is_deterministic(world):
    township = world.orgs["A1"]
    first = list(demo.activities(township, 2025, Random(7), date(2025, 12, 31)))
    second = list(demo.activities(township, 2025, Random(7), date(2025, 12, 31)))
    assert first == second


def test_a_year_of_activities_is_realistic(world):
    township = world.orgs["A1"]
    rows = list(demo.activities(township, 2025, Random(3), date(2025, 12, 31)))
    assert 60 <= len(rows) <= 150
    months = Counter(row["occurred_on"].month for row in rows)
    assert len(months) == 12
    for row in rows:
        if row["theme_day"]:
            assert BY_KEY[row["theme_day"]].contains(row["occurred_on"])


def test_the_current_year_stops_at_today(world):
    rows = list(demo.activities(world.orgs["A1"], 2026, Random(1), date(2026, 4, 1)))
    assert rows and max(row["occurred_on"] for row in rows) <= date(2026, 4, 1)


def test_one_demo_township_a_year_leaves_one_theme_day_uncovered():
    for year in (2024, 2025, 2026):
        gaps = [demo.gap_theme(_Code(code), year) for code, *_ in TOWNSHIPS]
        assert len([gap for gap in gaps if gap]) == 1
        assert all(gap in BY_KEY for gap in gaps if gap)


class _Code:
    def __init__(self, code):
        self.code = code


def test_loaded_demo_shows_a_gap_on_the_calendar(world):
    """The township the rule picks for 2025 gets no activity on that theme day."""
    kind = get_kind("publicity-activities")
    township = world.orgs["A1"]
    year = next(y for y in range(2024, 2030) if demo.gap_theme(township, y))
    _load_kind(kind, township, date(year + 1, 6, 30))
    missing = demo.gap_theme(township, year)
    assert not Activity.objects.filter(year=year, theme_day=missing).exists()
    entries = theme_day_calendar(world.users["clerk"], year, today=date(year + 1, 6, 30))
    statuses = {entry.theme.key: entry.status for entry in entries}
    assert statuses[missing] == Status.GAP
    assert [key for key, status in statuses.items() if status != Status.DONE] == [missing]
    assert len(THEME_DAYS) == len(entries)


def test_every_theme_day_window_lies_inside_its_year():
    """Activities are judged against the theme day of their own year; no window may cross."""
    for year in (2024, 2025, 2028):
        for theme in THEME_DAYS:
            start, end = theme.window(year)
            assert start.year == end.year == year
            assert end >= start
