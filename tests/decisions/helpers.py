"""Builders and a state snapshot for the decision tests."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.deadlines.models import Deadline
from fazhi.decisions import services
from fazhi.decisions.kinds import CATALOGUES, DECISIONS
from fazhi.decisions.models import DecisionProcedure, MajorDecision, Opinion, Result, Step
from fazhi.ledgers.attachments import attachment_add
from fazhi.ledgers.services import record_create
from tests.ledger_world import png_bytes
from tests.snapshots import database_state

START = date(2025, 3, 3)


def make_decision(world, org="A1", title="2025年实施集镇道路提质改造工程", on=START):
    return record_create(
        actor=world.users["clerk"] if org == "A1" else None,
        kind=DECISIONS,
        organisation=world.orgs[org],
        data={
            "occurred_on": on,
            "title": title,
            "sponsor_unit": "村镇建设办公室",
            "content": "改造集镇主街道路及排水设施。",
        },
    )


def attach(decision, name="纪要.png"):
    upload = SimpleUploadedFile(name, png_bytes(), content_type="image/png")
    return attachment_add(
        actor=None, kind=DECISIONS, record=decision, uploaded=upload, category="document"
    )


def snapshot() -> tuple:
    """Everything a refused action must leave unchanged."""
    return database_state(MajorDecision, DecisionProcedure, Deadline)


def ready_for_decision(world, decision):
    """公众参与 waived, 专家论证 and 风险评估 done, a passed legality review (2025-04-01)."""
    clerk = world.users["clerk"]
    services.procedure_waive(
        actor=clerk, record=decision, step=Step.PARTICIPATION, reason="依法不予公开的事项。"
    )
    for step in (Step.EXPERT, Step.RISK):
        services.procedure_record(
            actor=clerk, record=decision, step=step, done_on=date(2025, 3, 20), evidence="已完成。"
        )
    services.legality_review_record(
        actor=world.users["reviewer"],
        record=decision,
        submitted_on=date(2025, 3, 21),
        reviewed_on=date(2025, 4, 1),
        opinion=Opinion.PASSED,
        evidence="合法。",
    )


def decide(world, decision, on=date(2025, 4, 8), result=Result.ADOPTED):
    return services.collective_decide(
        actor=world.users["clerk"],
        record=decision,
        decided_on=on,
        meeting="镇人民政府常务会议",
        result=result,
        dissent="无",
        evidence="会议纪要。",
    )


__all__ = ["CATALOGUES", "DECISIONS"]
