"""Documents at each stage of the procedure, made through the services with fixed dates."""

from datetime import date

from fazhi.deadlines.models import Deadline
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from fazhi.normative import services
from fazhi.normative.models import (
    Amendment,
    CleanupItem,
    Consultation,
    Deliberation,
    LegalityReview,
    NormativeDocument,
)
from tests.snapshots import database_state

TODAY = date(2025, 12, 31)
DRAFTED = date(2025, 3, 3)
# 2025-03-10 + 30 days = 2025-04-09, a Wednesday (a working day).
COMMENT_START, COMMENT_END = date(2025, 3, 10), date(2025, 4, 9)
SUBMITTED, REVIEWED = date(2025, 4, 11), date(2025, 4, 18)
MEETING, PUBLISHED = date(2025, 4, 25), date(2025, 4, 28)
STAGES = [
    "drafting",
    "consultation",
    "consulted",
    "review",
    "deliberation",
    "approved",
    "published",
    "effective",
]


def document(world, org="A1", title="关于加强农村村民建房管理的实施办法", drafted=DRAFTED):
    return record_create(
        actor=None,
        kind=get_kind("normative-documents"),
        organisation=world.orgs[org],
        data={"occurred_on": drafted, "title": title, "drafting_unit": "党政办公室"},
    )


def at_stage(world, stage, org="A1", number="甲政规〔2025〕1号", **kwargs):
    """A document taken by the clerk and the reviewer up to `stage` (see STAGES)."""
    clerk, reviewer = world.users["clerk"], world.users["reviewer"]
    if org != "A1":  # the test users work in A1; another township's steps are the system's
        clerk = reviewer = None
    record = document(world, org, **kwargs)
    steps = STAGES.index(stage)
    if steps >= 1:
        services.consultation_start(
            actor=clerk,
            record=record,
            starts_on=COMMENT_START,
            ends_on=COMMENT_END,
            channel="政府网站",
            today=TODAY,
        )
    if steps >= 2:
        services.consultation_close(
            actor=clerk, record=record, closed_on=COMMENT_END, comments_received=3, today=TODAY
        )
    if steps >= 3:
        services.review_submit(actor=clerk, record=record, submitted_on=SUBMITTED, today=TODAY)
    if steps >= 4:
        services.review_record(
            actor=reviewer, record=record, reviewed_on=REVIEWED, opinion="passed", today=TODAY
        )
    if steps >= 5:
        services.deliberation_record(
            actor=clerk,
            record=record,
            meeting_on=MEETING,
            meeting_title="镇党政联席会议",
            today=TODAY,
        )
    if steps >= 6:
        services.document_publish(
            actor=clerk,
            record=record,
            published_on=PUBLISHED,
            doc_number=number,
            channel="政府网站",
            today=TODAY,
        )
    if steps >= 7:
        services.document_file(
            actor=clerk,
            record=record,
            filed_on=date(2025, 5, 6),
            authority="甲县人民政府",
            today=TODAY,
        )
    record.refresh_from_db()
    return record


def snapshot() -> tuple:
    """Everything a refused transition must leave unchanged."""
    return database_state(
        NormativeDocument,
        Consultation,
        LegalityReview,
        Deliberation,
        Amendment,
        CleanupItem,
        Deadline,
    )
