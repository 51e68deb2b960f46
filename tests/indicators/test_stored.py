"""Stored figures are a cache that is never stale: every write to an organisation's records
invalidates its stored figures, and figures that change with the date are never stored."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.governance.models import Budget, Task
from fazhi.indicators import engine
from fazhi.indicators.models import StoredFigures
from fazhi.ledgers.registry import kind_for_model
from fazhi.ledgers.services import record_archive, records_bulk_save
from fazhi.publicity.models import Activity
from tests.indicators.helpers import row

pytestmark = pytest.mark.django_db
YEAR = 2024
BUDGET = "governance.budget"
MATERIALS = "publicity.materials"


def _budget(org, amount, **extra):
    return Budget(
        organisation=org,
        occurred_on=date(YEAR, 3, 1),
        year=YEAR,
        purpose="general",
        amount=amount,
        **extra,
    )


def _value(code, org, year=YEAR, **kwargs):
    return engine.evaluate([code], [org], [year], **kwargs).value(code, org, year)


def test_figures_are_stored_and_read_back_in_a_few_queries(world):
    a1, county = world.orgs["A1"], world.orgs["A"]
    _budget(a1, 10000).save()
    assert _value(BUDGET, county) == Decimal("1.00")
    assert StoredFigures.objects.filter(organisation=a1, year=YEAR).exists()
    with CaptureQueriesContext(connection) as queries:
        assert _value(BUDGET, county) == Decimal("1.00")
    assert len(queries.captured_queries) == 2  # the subtree with revisions, the stored rows


def test_a_stored_row_is_what_is_served_until_the_organisation_changes(world):
    a1 = world.orgs["A1"]
    _budget(a1, 10000).save()
    assert _value(BUDGET, a1) == Decimal("1.00")
    # Proof that the stored row is read: tamper with it at the same revision.
    stored = StoredFigures.objects.get(organisation=a1, year=YEAR)
    stored.values = {**stored.values, BUDGET: "55555"}
    stored.save()
    assert _value(BUDGET, a1) == Decimal("5.56")
    _budget(a1, 20000).save()  # any write moves the revision on: recomputed from the ledger
    assert _value(BUDGET, a1) == Decimal("3.00")


def test_updates_archiving_deleting_and_bulk_imports_invalidate(world):
    a1 = world.orgs["A1"]
    record = _budget(a1, 10000)
    record.save()
    assert _value(BUDGET, a1) == Decimal("1.00")
    record.amount = 30000
    record.save()
    assert _value(BUDGET, a1) == Decimal("3.00")
    kind = kind_for_model(Budget)
    record_archive(actor=world.users["clerk"], kind=kind, record=record, reason="重复录入")
    assert _value(BUDGET, a1) == 0
    record.delete()  # not something users do; still invalidates
    _budget(a1, 7000).save()
    assert _value(BUDGET, a1) == Decimal("0.70")
    Budget.objects.get(amount=7000).delete()
    assert _value(BUDGET, a1) == 0
    # Imports write in bulk, without model signals: they say what they wrote.
    assert _value(MATERIALS, a1) == 0
    activities = [row(Activity, a1, date(YEAR, 5, 1), materials=300, title="送法下乡")]
    activity_kind = kind_for_model(Activity)
    records_bulk_save(actor=world.users["clerk"], kind=activity_kind, new=activities, changed=[])
    assert _value(MATERIALS, a1) == 300


def test_a_change_in_one_township_recomputes_only_that_township(world):
    a1, a2, county = world.orgs["A1"], world.orgs["A2"], world.orgs["A"]
    _budget(a1, 10000).save()
    _budget(a2, 20000).save()
    assert _value(BUDGET, county) == Decimal("3.00")
    a2_row = StoredFigures.objects.get(organisation=a2, year=YEAR)
    _budget(a1, 5000).save()
    assert _value(BUDGET, county) == Decimal("3.50")
    assert StoredFigures.objects.get(organisation=a2, year=YEAR).computed_at == a2_row.computed_at


def test_figures_that_change_with_the_date_are_computed_each_time(world):
    a1 = world.orgs["A1"]
    Task.objects.create(
        organisation=a1,
        occurred_on=date(YEAR, 1, 5),
        year=YEAR,
        task="制定年度法治建设计划",
        responsible_unit="党政办",
        owner="李四",
        due_on=date(YEAR, 6, 30),
        status="in_progress",
    )
    codes = ["governance.tasks", "governance.tasks_overdue"]
    early = engine.evaluate(codes, [a1], [YEAR], today=date(YEAR, 6, 1))
    late = engine.evaluate(codes, [a1], [YEAR], today=date(YEAR, 7, 1))
    assert early.value("governance.tasks_overdue", a1, YEAR) == 0
    assert late.value("governance.tasks_overdue", a1, YEAR) == 1
    stored = StoredFigures.objects.get(organisation=a1, year=YEAR).values
    assert "governance.tasks" in stored and "governance.tasks_overdue" not in stored


def test_a_row_stored_under_other_definitions_is_recomputed(world):
    """A release that changes how a figure is computed (same code, same records) must not keep
    serving figures computed the old way."""
    from fazhi.indicators.registry import definitions_fingerprint

    a1 = world.orgs["A1"]
    _budget(a1, 10000).save()
    assert _value(BUDGET, a1) == Decimal("1.00")
    stored = StoredFigures.objects.get(organisation=a1, year=YEAR)
    assert stored.definitions == definitions_fingerprint()
    # As if computed by an earlier release: another value under another fingerprint.
    stored.values = {**stored.values, BUDGET: "55555"}
    stored.definitions = "an earlier release"
    stored.save()
    assert _value(BUDGET, a1) == Decimal("1.00")
    assert StoredFigures.objects.get(pk=stored.pk).definitions == definitions_fingerprint()


def test_the_fingerprint_covers_every_app_that_computes_figures():
    import sys

    from fazhi.indicators.registry import computation_for, definitions_fingerprint, registered_codes

    assert len(definitions_fingerprint()) == 64
    apps = {
        computation_for(code).model.__module__.split(".")[1]
        for code in registered_codes()
        if not computation_for(code).is_ratio
    }
    modules = {name.split(".")[1] for name in sys.modules if name.endswith(".indicators")}
    assert apps <= modules, apps - modules
