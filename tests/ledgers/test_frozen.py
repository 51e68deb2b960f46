"""The one "frozen after decision" rule (LedgerKind.frozen): once its condition holds for the
stored record, a form or an import may no longer change the locked fields. Tested on the study
ledger with a made-up rule, so the framework is proven independently of any domain; each
workflow kind's own rule is tested in its app."""

import dataclasses
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.ledgers import excel, registry
from fazhi.ledgers.registry import Frozen
from fazhi.ledgers.services import record_create, record_update
from tests.ledgers.helpers import workbook_with_rows

VALUES = {
    "occurred_on": date(2025, 5, 6),
    "session_type": "lecture",
    "topic": "信访工作条例专题讲座",
    "presenter": "李明",
    "attendees": 25,
    "hours": 2,
}
# Made up: a session with more than 30 attendees is on record and its topic and date are fixed.
FROZEN = Frozen(
    fields=("occurred_on", "topic"),
    when=lambda stored: stored.attendees > 30,
    message=lambda stored, labels: f"参加人数已达{stored.attendees}人，{labels}不能再修改。",
)


@pytest.fixture
def kind(monkeypatch):
    original = registry.get_kind("study-sessions")
    frozen = dataclasses.replace(original, frozen=FROZEN)
    monkeypatch.setitem(registry._KINDS, original.slug, frozen)
    return frozen


def test_fields_change_freely_until_the_condition_holds(world, kind):
    record = record_create(actor=None, kind=kind, organisation=world.orgs["A1"], data=VALUES)
    assert record_update(actor=None, kind=kind, record=record, data={"topic": "宪法宣誓"})
    assert record_update(actor=None, kind=kind, record=record, data={"attendees": 40})


def test_then_the_locked_fields_are_refused_with_their_labels(world, kind):
    record = record_create(
        actor=None, kind=kind, organisation=world.orgs["A1"], data={**VALUES, "attendees": 40}
    )
    with pytest.raises(ValidationError) as error:
        record_update(
            actor=None,
            kind=kind,
            record=record,
            data={"topic": "宪法宣誓", "occurred_on": date(2025, 5, 7)},
        )
    assert error.value.messages == [
        f"参加人数已达40人，{kind.field_label('occurred_on')}、{kind.field_label('topic')}不能再修改。"
    ]
    record.refresh_from_db()
    assert (record.topic, record.history.count()) == (VALUES["topic"], 1)
    # The other fields stay editable.
    assert record_update(actor=None, kind=kind, record=record, data={"presenter": "王芳"})


def test_an_import_is_refused_the_same_way(world, kind):
    record_create(
        actor=None, kind=kind, organisation=world.orgs["A1"], data={**VALUES, "attendees": 40}
    )
    frozen_kind = dataclasses.replace(kind, natural_key=("organisation", "occurred_on"))
    registry._KINDS[kind.slug] = frozen_kind
    data = workbook_with_rows(frozen_kind, [{**VALUES, "attendees": 40, "topic": "改"}], "甲镇")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=frozen_kind, data=data)
    assert [e.message for e in failure.value.result.errors] == [
        f"参加人数已达40人，{kind.field_label('topic')}不能再修改。"
    ]


def test_per_field_reasons(world, kind):
    per_field = dataclasses.replace(kind, frozen=dataclasses.replace(FROZEN, per_field=True))
    record = record_create(
        actor=None, kind=per_field, organisation=world.orgs["A1"], data={**VALUES, "attendees": 40}
    )
    with pytest.raises(ValidationError) as error:
        record_update(actor=None, kind=per_field, record=record, data={"topic": "改"})
    assert set(error.value.message_dict) == {"topic"}
