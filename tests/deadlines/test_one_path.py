"""Deadlines follow records by one explicit path, LedgerKind.deadlines: an Excel import of each
deadline-bearing kind (written in bulk or row by row) leaves every record with its deadlines,
and no post_save receiver keeps deadlines any more."""

import importlib.util
from datetime import date

import pytest
from django.db.models.signals import post_save

from fazhi.deadlines.models import Deadline
from fazhi.deadlines.selectors import deadlines_of
from fazhi.ledgers import excel
from fazhi.ledgers.registry import all_kinds, get_kind
from tests.ledgers.helpers import sample_rows, workbook_with_rows

# The kinds whose records carry statutory deadlines, and what a record just registered gets:
# its code, or None when the kind's deadlines start only with a later workflow step.
FIRST_DEADLINE = {
    "enforcement-cases": "penalty.case_closing",  # 行政处罚 cases only
    "petitions": "petition.acceptance",
    "complaints": "complaint.answer",
    "major-decisions": None,
    "normative-documents": None,
}


def test_the_deadline_bearing_kinds_declare_their_sync():
    declared = {kind.slug for kind in all_kinds() if kind.deadlines is not None}
    assert declared == set(FIRST_DEADLINE)


@pytest.mark.parametrize("slug", [s for s, code in FIRST_DEADLINE.items() if code])
def test_an_excel_import_attaches_the_deadlines(world, slug):
    kind = get_kind(slug)
    rows = sample_rows(kind, world.orgs["A1"], 6)
    data = workbook_with_rows(kind, rows, "甲镇")
    result = excel.import_rows(actor=world.users["clerk"], kind=kind, data=data)
    assert result.created == 6
    code = FIRST_DEADLINE[slug]
    records = list(kind.model.objects.all())
    bearing = [r for r in records if slug != "enforcement-cases" or r.case_type == "penalty"]
    assert bearing, "the sample has no record that bears the deadline"
    for record in bearing:
        deadline = deadlines_of(record).get(code=code)
        assert (deadline.triggered_on, deadline.organisation) == (
            record.occurred_on,
            world.orgs["A1"],
        )
    if slug == "complaints":
        met = {d.record_id: d.met_on for d in Deadline.objects.filter(code=code)}
        assert met == {r.pk: r.answered_on for r in records}
    # A second import of the same file changes nothing, deadlines included.
    before = list(Deadline.objects.order_by("pk").values())
    excel.import_rows(actor=world.users["clerk"], kind=kind, data=data)
    assert list(Deadline.objects.order_by("pk").values()) == before


def test_an_import_that_moves_the_received_date_moves_the_deadline(world):
    kind = get_kind("complaints")
    row = {
        "occurred_on": date(2025, 4, 1),
        "channel": "letter",
        "complainant": "王先生",
        "matter": "反映路灯损坏",
        "status": "handling",
    }
    excel.import_rows(
        actor=world.users["clerk"], kind=kind, data=workbook_with_rows(kind, [row], "甲镇")
    )
    assert Deadline.objects.get().due_on == date(2025, 4, 16)
    # The natural key includes the date, so this is a new complaint; the first keeps its own.
    moved = {**row, "occurred_on": date(2025, 4, 3)}
    excel.import_rows(
        actor=world.users["clerk"], kind=kind, data=workbook_with_rows(kind, [moved], "甲镇")
    )
    assert sorted(Deadline.objects.values_list("due_on", flat=True)) == [
        date(2025, 4, 16),
        date(2025, 4, 18),
    ]


def test_no_post_save_receiver_keeps_deadlines():
    for module in ("fazhi.enforcement.signals", "fazhi.disputes.signals"):
        assert importlib.util.find_spec(module) is None, module
    for slug in FIRST_DEADLINE:
        model = get_kind(slug).model
        receivers = [r for r in post_save._live_receivers(model)[0]]
        modules = {getattr(r, "__module__", "") for r in receivers}
        # Left: the stored figures' invalidation and the change history, nothing of deadlines.
        assert not [
            m for m in modules if m.startswith("fazhi.") and m != "fazhi.indicators.signals"
        ]
        assert not any("deadline" in getattr(r, "__name__", "") for r in receivers)
