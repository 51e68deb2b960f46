"""The import's write: one short transaction of prepared statements, still all or nothing and
idempotent when other users save meanwhile."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from fazhi.core.prepared import reserve_ids
from fazhi.deadlines.models import Deadline
from fazhi.ledgers import excel
from fazhi.ledgers.registry import all_kinds, get_kind
from fazhi.ledgers.services import record_create, record_update
from fazhi.orgs.roles import Level
from tests.ledgers.helpers import sample_rows, workbook_with_rows

COMPLAINTS = get_kind("complaints")
STUDY = get_kind("study-sessions")


def complaint(number: int, **values) -> dict:
    return {
        "occurred_on": date(2025, 3, 1 + number % 28),
        "channel": "12345",
        "complainant": f"投诉人{number}",
        "matter": f"第{number}件投诉",
        "status": "handling",
        **values,
    }


class Statements:
    """SQL run inside transactions opened below the test's own (the import's)."""

    def __init__(self):
        self.depth = len(connection.atomic_blocks)
        self.inside: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        if len(connection.atomic_blocks) > self.depth:
            self.inside.append(sql)
        return execute(sql, params, many, context)


def statements_of_import(world, rows: list[dict]) -> list[str]:
    data = workbook_with_rows(COMPLAINTS, rows, "甲镇")
    statements = Statements()
    with connection.execute_wrapper(statements):
        result = excel.import_rows(actor=world.users["clerk"], kind=COMPLAINTS, data=data)
    assert result.created == len(rows)
    return statements.inside


def test_the_write_lock_is_held_for_prepared_statements_only(world):
    """Inside its transactions the import runs as many statements for 60 rows as for 20: the
    rows, their history and their deadlines go in prepared beforehand, not row by row."""
    small = statements_of_import(world, [complaint(n) for n in range(20)])
    large = statements_of_import(world, [complaint(n) for n in range(20, 80)])
    assert len(large) == len(small) < 20
    assert COMPLAINTS.model.objects.count() == 80


def test_imported_records_get_the_deadlines_and_history_a_form_gives(world):
    clerk, township = world.users["clerk"], world.orgs["A1"]
    by_form = record_create(actor=clerk, kind=COMPLAINTS, organisation=township, data=complaint(1))
    data = workbook_with_rows(COMPLAINTS, [complaint(2, occurred_on=by_form.occurred_on)], "甲镇")
    excel.import_rows(actor=clerk, kind=COMPLAINTS, data=data)
    imported = COMPLAINTS.model.objects.get(complainant="投诉人2")
    [expected] = by_form.deadlines.all()
    [deadline] = imported.deadlines.all()
    fields = ("code", "name", "days", "unit", "triggered_on", "due_on", "estimated", "met_on")
    assert [getattr(deadline, f) for f in fields] == [getattr(expected, f) for f in fields]
    assert deadline.organisation == township
    [entry] = imported.history.all()
    assert (entry.history_type, entry.history_user, entry.matter) == ("+", clerk, "第2件投诉")
    [deadline_entry] = deadline.history.all()
    assert (deadline_entry.history_type, deadline_entry.history_user) == ("+", clerk)
    assert imported.created_by == clerk and imported.year == 2025


def test_a_failure_inside_the_write_leaves_nothing(world):
    data = workbook_with_rows(COMPLAINTS, [complaint(n) for n in range(5)], "甲镇")

    def fail_on_deadline_history(execute, sql, params, many, context):
        if "historicaldeadline" in sql.lower() and sql.lstrip().upper().startswith("INSERT"):
            raise OperationalError("disk I/O error")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail_on_deadline_history), pytest.raises(OperationalError):
        excel.import_rows(actor=world.users["clerk"], kind=COMPLAINTS, data=data)
    assert not COMPLAINTS.model.objects.exists()
    assert not COMPLAINTS.model.history.exists()
    assert not Deadline.objects.exists() and not Deadline.history.exists()


def test_an_import_overtaken_by_a_save_plans_again_and_duplicates_nothing(world, monkeypatch):
    """Someone saves a record with the key of a row between the import's check and its write
    (a second click on 导入, a form): the import sees it and updates it instead of adding it."""
    clerk, township = world.users["clerk"], world.orgs["A1"]
    rows = sample_rows(STUDY, township, 3)
    check_rows = excel._check_rows
    calls = []

    def interleaved(*args, **kwargs):
        plan = check_rows(*args, **kwargs)
        if not calls:
            record_create(
                actor=clerk, kind=STUDY, organisation=township, data={**rows[1], "hours": 9}
            )
        calls.append(1)
        return plan

    monkeypatch.setattr(excel, "_check_rows", interleaved)
    result = excel.import_rows(
        actor=clerk, kind=STUDY, data=workbook_with_rows(STUDY, rows, "甲镇")
    )
    assert len(calls) == 2
    assert (result.created, result.updated, result.unchanged) == (2, 1, 0)
    assert STUDY.model.objects.count() == 3
    assert STUDY.model.objects.get(topic=rows[1]["topic"]).hours == rows[1]["hours"]


def test_an_import_always_overtaken_saves_nothing_and_says_so(world, monkeypatch):
    clerk, township = world.users["clerk"], world.orgs["A1"]
    rows = sample_rows(STUDY, township, 2)
    check_rows = excel._check_rows
    hours = iter(range(10, 20))

    def interleaved(kind, columns, parsed, existing, result):
        plan = check_rows(kind, columns, parsed, existing, result)
        record = STUDY.model.objects.filter(topic=rows[0]["topic"]).first()
        if record is None:
            record_create(actor=clerk, kind=STUDY, organisation=township, data=rows[0])
        else:
            record_update(actor=clerk, kind=STUDY, record=record, data={"hours": next(hours)})
        return plan

    monkeypatch.setattr(excel, "_check_rows", interleaved)
    with pytest.raises(ValidationError, match="本次导入未保存任何数据"):
        excel.import_rows(actor=clerk, kind=STUDY, data=workbook_with_rows(STUDY, rows, "甲镇"))
    assert list(STUDY.model.objects.values_list("topic", flat=True)) == [rows[0]["topic"]]


def test_a_kind_with_cross_record_rules_imports_a_bounded_number_of_rows(world, monkeypatch):
    kind = next(k for k in all_kinds() if k.rules is not None and k.org_level == Level.TOWNSHIP)
    monkeypatch.setattr(excel, "MAX_RULE_CHECKED_ROWS", 2)
    rows = sample_rows(kind, world.orgs["A1"], 3)
    with pytest.raises(ValidationError, match="一次最多导入 2 行"):
        excel.import_rows(
            actor=world.users["clerk"], kind=kind, data=workbook_with_rows(kind, rows, "甲镇")
        )
    assert not kind.model.objects.exists()


def test_reserved_ids_are_never_given_to_another_row(world):
    record_create(
        actor=None,
        kind=STUDY,
        organisation=world.orgs["A1"],
        data=sample_rows(STUDY, world.orgs["A1"], 1)[0],
    )
    reserved = reserve_ids(STUDY.model, 5)
    assert len(set(reserved)) == 5
    later = record_create(
        actor=None,
        kind=STUDY,
        organisation=world.orgs["A1"],
        data=sample_rows(STUDY, world.orgs["A1"], 2)[1],
    )
    assert later.pk > max(reserved)
