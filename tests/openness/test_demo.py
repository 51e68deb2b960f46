"""The demo generators: valid, deterministic, spread through the year, realistic complaint mix."""

from collections import Counter
from datetime import date
from random import Random

import pytest

from fazhi.deadlines.models import Deadline
from fazhi.deadlines.periods import get_period
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import validate_record
from fazhi.openness.models import ANSWER_PERIOD

SLUGS = ["disclosures", "supervision-records", "complaints"]
YEAR_END = date(2025, 12, 31)


def generate(kind, organisation, seed=7, last_day=YEAR_END):
    return list(kind.demo(organisation, 2025, Random(seed), last_day))


@pytest.mark.parametrize("slug", SLUGS)
def test_demo_records_are_valid_unique_and_deterministic(world, slug):
    kind = get_kind(slug)
    township = world.orgs["A1"]
    rows = generate(kind, township)
    assert rows == generate(kind, township)
    key_fields = [name for name in kind.natural_key if name != "organisation"]
    keys = [tuple(row[name] for name in key_fields) for row in rows]
    assert len(set(keys)) == len(keys)
    for row in rows:
        assert date(2025, 1, 1) <= row["occurred_on"] <= YEAR_END
        validate_record(kind, kind.model(organisation=township, **row))


@pytest.mark.parametrize(
    ("slug", "low", "high", "months"),
    [("disclosures", 40, 70, 12), ("supervision-records", 10, 25, 6), ("complaints", 25, 48, 10)],
)
def test_demo_volume_and_spread(world, slug, low, high, months):
    rows = generate(get_kind(slug), world.orgs["A1"])
    assert low <= len(rows) <= high
    assert len({row["occurred_on"].month for row in rows}) >= months


def test_disclosures_follow_monthly_and_quarterly_patterns(world):
    rows = generate(get_kind("disclosures"), world.orgs["A1"])
    by_type = Counter(row["disclosure_type"] for row in rows)
    assert by_type["finance"] == 12 and by_type["government"] == 12
    assert by_type["party"] == 4 and by_type["village"] == 4
    assert by_type["enforcement"] >= 7 and by_type["decision"] >= 2
    finance = sorted(row["period"] for row in rows if row["disclosure_type"] == "finance")
    assert "2024年12月" in finance and "2025年11月" in finance


def test_complaints_are_mostly_answered_on_time_with_a_few_late_or_open(world):
    kind = get_kind("complaints")
    today = date(2025, 9, 30)
    labels = Counter()
    period = get_period(ANSWER_PERIOD)
    for seed in range(10):
        for row in generate(kind, world.orgs["A1"], seed=seed, last_day=today):
            answered = row["answered_on"] is not None
            assert (row["status"] != "handling") == answered
            # The deadline the engine gives the complaint once it is saved.
            deadline = Deadline(
                due_on=period.due(row["occurred_on"]).day, met_on=row["answered_on"]
            )
            state = deadline.state(today)
            label = {"met_late": "逾期答复", "overdue": "已逾期"}.get(state)
            labels[label or ("on_time" if answered else "open")] += 1
    total = sum(labels.values())
    assert labels["on_time"] / total > 0.7
    assert labels["逾期答复"] >= 5 and labels["已逾期"] >= 3 and labels["open"] >= 3
    assert labels["已逾期"] < total * 0.1


def test_year_to_date_is_a_stable_part_of_the_full_year(world):
    last_day = date(2025, 5, 31)
    for slug in SLUGS:
        kind = get_kind(slug)
        key_fields = [name for name in kind.natural_key if name != "organisation"]
        partial = generate(kind, world.orgs["A1"], last_day=last_day)
        full = generate(kind, world.orgs["A1"])
        assert partial and all(row["occurred_on"] <= last_day for row in partial)
        full_keys = {tuple(row[name] for name in key_fields) for row in full}
        assert {tuple(row[name] for name in key_fields) for row in partial} <= full_keys
    # A complaint not yet answered by the last day is still being handled.
    for row in generate(get_kind("complaints"), world.orgs["A1"], last_day=last_day):
        assert row["answered_on"] is None or row["answered_on"] <= last_day
