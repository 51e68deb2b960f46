"""Demo data of 组织领导: valid, deterministic and plausible in size and shape."""

from collections import Counter
from datetime import date

import pytest

from fazhi.governance.models import Task
from fazhi.ledgers.demo import _rng
from fazhi.ledgers.registry import all_kinds
from fazhi.ledgers.services import validate_record

KINDS = [kind for kind in all_kinds() if kind.domain == "组织领导"]
YEARS = [(2024, date(2024, 12, 31)), (2025, date(2025, 12, 31)), (2026, date(2026, 8, 15))]


def rows(kind, organisation, year, last_day):
    return list(kind.demo(organisation, year, _rng(kind.slug, organisation.code, year), last_day))


def by_slug(slug):
    return next(kind for kind in KINDS if kind.slug == slug)


def test_the_domain_has_its_five_ledgers():
    assert sorted(k.slug for k in KINDS) == [
        "governance-meetings",
        "governance-plans",
        "group-members",
        "responsibility-tasks",
        "rule-of-law-budget",
    ]


@pytest.mark.parametrize("kind", KINDS, ids=[k.slug for k in KINDS])
def test_demo_records_are_valid_unique_and_deterministic(world, kind):
    organisation = world.orgs["A1"]
    keys = set()
    for year, last_day in YEARS:
        values = rows(kind, organisation, year, last_day)
        assert values == rows(kind, organisation, year, last_day)
        assert values, f"no {kind.slug} records for {year}"
        for item in values:
            assert item["occurred_on"] <= last_day
            record = kind.model(organisation=organisation, **item)
            validate_record(kind, record)
            key = tuple(item.get(f) for f in kind.natural_key if f != "organisation")
            assert key not in keys
            keys.add(key)


def test_leading_group_meets_a_few_times_a_year_mostly_under_a_principal(world):
    kind = by_slug("governance-meetings")
    for code in ("A1", "A2", "B1"):
        meetings = rows(kind, world.orgs[code], 2025, date(2025, 12, 31))
        group = [m for m in meetings if m["meeting_type"] == "leading_group"]
        assert 4 <= len(group) <= 8
        principal = [m for m in group if m["presider_position"] in ("secretary", "head")]
        assert len(principal) > len(group) / 2


def test_tasks_a_year_with_some_overdue(world):
    kind = by_slug("responsibility-tasks")
    overdue_somewhere = 0
    for code in ("A1", "A2", "B1"):
        for year, last_day in YEARS[:2]:
            tasks = [Task(**t) for t in rows(kind, world.orgs[code], year, last_day)]
            assert 10 <= len(tasks) <= 30
            overdue = [t for t in tasks if t.is_overdue(today=last_day)]
            assert len(overdue) < len(tasks) / 2
            overdue_somewhere += len(overdue)
            assert Counter(t.status for t in tasks)["done"] > 0
    assert overdue_somewhere > 0


def test_budget_lines_and_leading_group(world):
    budget = by_slug("rule-of-law-budget")
    members = by_slug("group-members")
    for code in ("A1", "A2", "B1"):
        for year, last_day in YEARS[:2]:
            lines = rows(budget, world.orgs[code], year, last_day)
            assert 1 <= len(lines) <= 3
            assert len({line["purpose"] for line in lines}) == len(lines)
            roster = rows(members, world.orgs[code], year, last_day)
            roles = Counter(m["role"] for m in roster)
            assert roles["leader"] == 1 and roles["office_director"] == 1
    # The same people lead the group from one year to the next, mostly.
    names = [{m["name"] for m in rows(members, world.orgs["A1"], y, d)} for y, d in YEARS[:2]]
    assert len(names[0] & names[1]) >= len(names[0]) / 2


def test_demo_loader_fills_the_demo_townships_once(db):
    from fazhi.governance.models import Budget, Meeting, Member, Plan
    from fazhi.ledgers import demo
    from fazhi.orgs import demo as org_demo
    from fazhi.orgs.models import Organisation
    from fazhi.orgs.roles import Level

    org_demo.load()
    townships = Organisation.objects.filter(
        path__startswith=Organisation.objects.get(code=demo.DEMO_COUNTY_CODE).path,
        level=Level.TOWNSHIP,
    )
    models = (Member, Meeting, Plan, Task, Budget)

    def load():  # the loader's per-kind step, for this domain's kinds only
        for kind in KINDS:
            for township in townships:
                demo._load_kind(kind, township, date(2026, 8, 15))

    load()
    counts = [model.objects.count() for model in models]
    assert all(counts)
    assert set(Meeting.objects.values_list("year", flat=True)) == {2024, 2025, 2026}
    load()
    assert [model.objects.count() for model in models] == counts
