"""Deadlines on records: computation, states, idempotence, archive, scoping."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.deadlines import selectors
from fazhi.deadlines.models import Deadline, State
from fazhi.deadlines.services import deadline_clear, deadline_meet, deadline_set, period_set
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_archive
from tests.deadlines.helpers import complaint

CODE = "complaint.answer"


def test_deadline_states_at_fixed_todays(world):
    record = complaint(world.orgs["A1"], date(2024, 9, 16))
    deadline = deadline_set(record=record, code=CODE, triggered_on=date(2024, 9, 16))
    # 16 Sept + 15 days = 1 Oct, a holiday: rolls to 8 Oct.
    assert (deadline.due_on, deadline.estimated, deadline.name) == (
        date(2024, 10, 8),
        False,
        "投诉答复期限",
    )
    assert deadline.state(date(2024, 10, 8)) == State.PENDING
    assert deadline.state(date(2024, 10, 9)) == State.OVERDUE
    deadline = deadline_meet(record=record, code=CODE, met_on=date(2024, 10, 8))
    assert deadline.state(date(2025, 1, 1)) == State.MET_ON_TIME
    deadline = deadline_meet(record=record, code=CODE, met_on=date(2024, 10, 9))
    assert deadline.state(date(2024, 10, 9)) == State.MET_LATE
    assert deadline.history.count() == 3


def test_deadline_set_is_idempotent_and_recomputes(world):
    record = complaint(world.orgs["A1"], date(2024, 11, 5))
    first = deadline_set(record=record, code=CODE, triggered_on=date(2024, 11, 5))
    again = deadline_set(record=record, code=CODE, triggered_on=date(2024, 11, 5))
    assert first.pk == again.pk and Deadline.objects.count() == 1
    assert first.history.count() == 1
    # A county setting applies on the next recomputation.
    period_set(actor=None, county=world.orgs["A"], code=CODE, days=10)
    moved = deadline_set(record=record, code=CODE, triggered_on=date(2024, 11, 5))
    assert moved.pk == first.pk and moved.due_on == date(2024, 11, 15) and moved.days == 10


def test_year_past_the_data_gives_an_estimated_deadline(world):
    record = complaint(world.orgs["A1"], date(2026, 12, 20))
    deadline = deadline_set(record=record, code=CODE, triggered_on=date(2030, 3, 1))
    assert deadline.estimated is True and deadline.due_on == date(2030, 3, 18)


def test_invalid_writes_are_refused_in_chinese_and_change_nothing(world):
    record = complaint(world.orgs["A1"], date(2024, 11, 5))
    deadline_clear(record=record, code=CODE)  # the answer deadline the complaint came with
    with pytest.raises(ValidationError) as error:
        deadline_meet(record=record, code=CODE, met_on=date(2024, 11, 6))
    assert "没有“投诉答复期限”期限" in str(error.value)
    deadline_set(record=record, code=CODE, triggered_on=date(2024, 11, 5))
    with pytest.raises(ValidationError) as error:
        deadline_meet(record=record, code=CODE, met_on=date(2024, 11, 1))
    assert "完成日期不能早于起算日期" in str(error.value)
    assert Deadline.objects.get().met_on is None
    with pytest.raises(ValidationError):
        deadline_set(record=record, code="no.such", triggered_on=date(2024, 11, 5))


def test_clear_removes_the_deadline(world):
    record = complaint(world.orgs["A1"], date(2024, 11, 5))
    deadline_set(record=record, code=CODE, triggered_on=date(2024, 11, 5))
    assert deadline_clear(record=record, code=CODE) is True
    assert deadline_clear(record=record, code=CODE) is False
    assert not Deadline.objects.exists()


def _setup(world):
    """A1: one overdue, one upcoming, one met; A2: one overdue."""
    today = date(2024, 11, 20)
    items = {}
    for key, org, received in [
        ("late", "A1", date(2024, 10, 15)),
        ("soon", "A1", date(2024, 11, 15)),
        ("done", "A1", date(2024, 10, 16)),
        ("other", "A2", date(2024, 10, 14)),
    ]:
        record = complaint(world.orgs[org], received, matter=f"事项{key}")
        deadline_set(record=record, code=CODE, triggered_on=received)
        items[key] = record
    deadline_meet(record=items["done"], code=CODE, met_on=date(2024, 10, 20))
    return today, items


def test_upcoming_and_overdue_are_scoped(world):
    today, items = _setup(world)
    clerk = world.users["clerk"]
    assert [d.record_id for d in selectors.overdue_deadlines(user=clerk, today=today)] == [
        items["late"].pk
    ]
    assert [d.record_id for d in selectors.upcoming_deadlines(user=clerk, today=today)] == [
        items["soon"].pk
    ]
    inspector = world.users["inspector"]
    assert {d.record_id for d in selectors.overdue_deadlines(user=inspector, today=today)} == {
        items["late"].pk,
        items["other"].pk,
    }
    assert not selectors.overdue_deadlines(user=world.users["advisor"], today=today).exists()
    assert not selectors.upcoming_deadlines(user=clerk, today=today, days=2).exists()


def test_archived_records_drop_out_of_the_lists(world):
    today, items = _setup(world)
    record_archive(actor=None, kind=get_kind("complaints"), record=items["late"], reason="重复登记")
    clerk = world.users["clerk"]
    assert not selectors.overdue_deadlines(user=clerk, today=today).exists()
    assert selectors.upcoming_deadlines(user=clerk, today=today).count() == 1
    assert not selectors.overdue_in(selectors.in_subtree(world.orgs["A1"]), today).exists()


def test_county_view_groups_overdue_by_township(world):
    today, items = _setup(world)
    rows = selectors.overdue_by_township(world.users["inspector"], today)
    assert [(row.township.name, row.count) for row in rows] == [("甲镇", 1), ("乙镇", 1)]
    assert selectors.overdue_by_township(world.users["admin"], today) == []
    assert selectors.overdue_by_township(world.users["clerk"], today) == []
