"""Deadlines of archived records: the lists (selectors.live) and the 期限 figure
(deadlines.overdue) drop the same ones, pairing each deadline with its own record type, and
the condition stays cheap (only ledger tables, only record types that have deadlines)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.deadlines import selectors
from fazhi.deadlines.models import Deadline
from fazhi.indicators import engine
from fazhi.ledgers.models import LedgerRecord
from fazhi.ledgers.registry import all_kinds
from fazhi.openness.models import Complaint
from tests.indicators.helpers import deadline, task

pytestmark = pytest.mark.django_db

TODAY = date(2025, 11, 20)
DUE = date(2025, 10, 1)  # unmet and past: overdue on TODAY


def _complaint(organisation, pk: int):
    return Complaint.objects.create(
        pk=pk,
        organisation=organisation,
        occurred_on=date(2025, 9, 1),
        year=2025,
        channel="letter",
        complainant="王先生",
        matter="反映路灯损坏",
        status="handling",
    )


def _archive(record) -> None:
    type(record).objects.filter(pk=record.pk).update(archived_at="2025-11-01T08:00:00Z")


def _overdue(organisation) -> int:
    table = engine.evaluate(["deadlines.overdue"], [organisation], [2025], today=TODAY)
    return table.value("deadlines.overdue", organisation, 2025)


def test_an_archived_record_drops_its_own_deadlines_only(world):
    a1 = world.orgs["A1"]
    item = task(a1, date(2025, 9, 1), DUE)
    item.save()
    # A complaint with the same id: archiving the task must not drop its deadline.
    other = _complaint(a1, pk=item.pk)
    Deadline.objects.bulk_create([deadline(item, DUE), deadline(other, DUE)])
    everything = Deadline.objects.all()
    assert selectors.live(everything).count() == 2
    assert _overdue(a1) == 2

    _archive(item)
    kept = selectors.live(everything)
    assert [(d.record_type.model, d.record_id) for d in kept] == [("complaint", other.pk)]
    assert _overdue(a1) == 1
    assert list(everything.filter(selectors.on_archived_record())) == list(
        everything.exclude(pk__in=kept.values("pk"))
    )

    _archive(other)
    assert not selectors.live(everything).exists()
    assert _overdue(a1) == 0


def test_record_types_are_the_ledger_records_with_their_archived_index():
    models = selectors.record_models()
    assert {kind.model for kind in all_kinds()} <= set(models)
    for model in models:
        assert issubclass(model, LedgerRecord)
        assert not model.__name__.startswith("Historical")
        index = next(i for i in model._meta.indexes if i.fields == ["archived_at"])
        assert index.condition is not None, model  # partial: archived rows only
    sql = str(Deadline.objects.filter(selectors.on_archived_record()).query).lower()
    assert "historical" not in sql
    assert "openness_complaint" in sql and "governance_task" in sql


def test_lists_test_only_the_record_types_that_have_deadlines(world):
    a1 = world.orgs["A1"]
    record = _complaint(a1, pk=10_001)
    Deadline.objects.bulk_create([deadline(record, DUE)])
    with CaptureQueriesContext(connection) as built:
        queryset = selectors.live(Deadline.objects.all())
    assert len(built.captured_queries) <= 2  # content types (when not cached), the types in use
    sql = str(queryset.query).lower()
    assert "openness_complaint" in sql
    assert "governance_task" not in sql and "publicity_activity" not in sql
    assert "distinct" not in sql
