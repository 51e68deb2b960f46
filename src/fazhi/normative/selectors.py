"""Reads of the 规范性文件 workflow pages, always through the scoped ledger selectors."""

from dataclasses import dataclass
from datetime import date, timedelta

from fazhi.deadlines.periods import get_period
from fazhi.deadlines.resolve import period_for
from fazhi.deadlines.selectors import deadlines_of
from fazhi.indicators.named import named_figure
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import records_in
from fazhi.normative.models import (
    IN_FORCE,
    Amendment,
    CleanupItem,
    Consultation,
    Deliberation,
    LegalityReview,
    Status,
)
from fazhi.normative.services.cleanup import documents_in_force
from fazhi.normative.services.common import (
    COMMENT_PERIOD,
    FILING_PERIOD,
    REVIEW_PERIOD,
    VALIDITY_SOURCE,
)
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import has_capability

# 有效期届满前6个月评估是否延期【地方 R21】.
EVALUATION_WINDOW = timedelta(days=183)


def _steps(model, user, document):
    return model.objects.for_user(user).filter(document=document)


@dataclass(frozen=True)
class Stage:
    """One step of the statutory procedure as the page shows it: done, current or pending."""

    name: str
    state: str  # "done" | "current" | "pending"
    detail: str = ""

    @property
    def state_label(self) -> str:
        return {"done": "已完成", "current": "当前步骤", "pending": "未开始"}[self.state]


# The step a document in each state is at (起草→征求意见→合法性审核→集体讨论→公布→备案).
CURRENT_STAGE = {
    Status.DRAFTING: "起草",
    Status.AMENDING: "起草",
    Status.CONSULTATION: "征求意见",
    Status.REVIEW: "合法性审核",
    Status.DELIBERATION: "集体讨论",
    Status.APPROVED: "公布",
    Status.PUBLISHED: "备案",
}


def _day(value) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def procedure(document, consultations, reviews, deliberations) -> list[Stage]:
    """Every step of the procedure for the document's current draft, each done (with its date),
    the current one, or not yet begun; 公布 and 备案 included."""
    revision = document.revision
    consulted = [c for c in consultations if c.revision == revision and c.closed_on]
    reviewed = [r for r in reviews if r.revision == revision and r.opinion]
    agreed = [d for d in deliberations if d.revision == revision and d.agreed]
    done = {
        "起草": _day(document.occurred_on) + " 起草" if revision == 1 else f"第{revision}稿修改",
        "征求意见": consulted and f"{_day(consulted[-1].closed_on)} 结束",
        "合法性审核": reviewed
        and f"{_day(reviewed[-1].reviewed_on)} {reviewed[-1].get_opinion_display()}",
        "集体讨论": agreed and f"{_day(agreed[-1].meeting_on)} 审议通过",
        "公布": document.published_on and f"{_day(document.published_on)} 公布",
        "备案": document.filed_on
        and f"{_day(document.filed_on)} 报{document.filing_authority}备案",
    }
    current = CURRENT_STAGE.get(document.status)
    stages = []
    for name, detail in done.items():
        if name == current:
            stages.append(Stage(name, "current", "" if name != "起草" else detail))
        elif detail and (current is None or list(done).index(name) < list(done).index(current)):
            stages.append(Stage(name, "done", detail))
        else:
            stages.append(Stage(name, "pending"))
    # A step left behind while a later one is done was never recorded: say so.
    last_done = max((i for i, stage in enumerate(stages) if stage.state == "done"), default=-1)
    return [
        Stage(stage.name, stage.state, "未登记")
        if stage.state == "pending" and i < last_done
        else stage
        for i, stage in enumerate(stages)
    ]


def document_page(user, document, today: date) -> dict:
    deadlines = [
        {
            "deadline": deadline,
            "state": deadline.state(today),
            "source": get_period(deadline.code).source,
        }
        for deadline in deadlines_of(document)
    ]
    expiry = None
    if document.expires_on and document.status in IN_FORCE:
        expiry = {
            "expires_on": document.expires_on,
            "passed": today > document.expires_on,
            "evaluate": today >= document.expires_on - EVALUATION_WINDOW,
            "source": VALIDITY_SOURCE,
        }
    consultations = list(_steps(Consultation, user, document).order_by("starts_on", "pk"))
    reviews = list(
        _steps(LegalityReview, user, document)
        .select_related("reviewer")
        .order_by("submitted_on", "pk")
    )
    deliberations = list(_steps(Deliberation, user, document).order_by("meeting_on", "pk"))
    return {
        "procedure": procedure(document, consultations, reviews, deliberations),
        "consultations": consultations,
        "reviews": reviews,
        "deliberations": deliberations,
        "amendments": _steps(Amendment, user, document).order_by("started_on", "pk"),
        "deadlines": deadlines,
        "periods": [
            period_for(code, document.organisation)
            for code in (COMMENT_PERIOD, REVIEW_PERIOD, FILING_PERIOD)
        ],
        "expiry": expiry,
        "may_edit": has_capability(user, Capability.LEDGER_EDIT, document.organisation),
        "may_review": has_capability(user, Capability.LEGAL_REVIEW, document.organisation),
    }


def cleanup_items(user, cleanup):
    """A round's listed documents and their conclusions, as its page lists them."""
    return (
        CleanupItem.objects.for_user(user)
        .filter(cleanup=cleanup)
        .select_related("document")
        .order_by("document__published_on", "pk")
    )


def cleanup_page(user, cleanup) -> dict:
    items = list(cleanup_items(user, cleanup))
    listed = {item.document_id for item in items}
    unlisted = 0
    if cleanup.completed_on is None:
        unlisted = documents_in_force(cleanup).exclude(pk__in=listed).count()
    counts = {choice: 0 for choice in CleanupItem.Decision.values}
    for item in items:
        if item.decision:
            counts[item.decision] += 1
    return {
        "items": items,
        "unlisted": unlisted,
        "undecided": sum(1 for item in items if not item.decision),
        "counts": [(label, counts[value]) for value, label in CleanupItem.Decision.choices],
        "may_edit": has_capability(user, Capability.LEDGER_EDIT, cleanup.organisation),
    }


@named_figure("normative.expiring_documents")
def expiring_documents(*, today: date, organisation=None, user=None):
    """Documents in force whose validity has run out or ends within the evaluation window
    (the validity period has no deadline-engine code: see services.common)."""
    return (
        records_in(get_kind("normative-documents"), user=user, organisation=organisation)
        .filter(status__in=IN_FORCE, expires_on__lte=today + EVALUATION_WINDOW)
        .select_related("organisation")
        .order_by("expires_on", "pk")
    )


def awaiting_review(user):
    """Documents sent for 合法性审核 and not yet answered, where the user reviews: the state
    review_record_check accepts (services.documents)."""
    from fazhi.normative.kinds import DOCUMENTS
    from fazhi.normative.models import Status

    return (
        records_in(DOCUMENTS, user=user, capabilities={Capability.LEGAL_REVIEW})
        .filter(status=Status.REVIEW)
        .select_related("organisation")
        .order_by("occurred_on", "pk")
    )
