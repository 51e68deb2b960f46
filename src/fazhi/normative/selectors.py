"""Reads of the 规范性文件 workflow pages, always through the scoped ledger selectors."""

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
    return {
        "consultations": _steps(Consultation, user, document).order_by("starts_on", "pk"),
        "reviews": _steps(LegalityReview, user, document)
        .select_related("reviewer")
        .order_by("submitted_on", "pk"),
        "deliberations": _steps(Deliberation, user, document).order_by("meeting_on", "pk"),
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


def cleanup_page(user, cleanup) -> dict:
    items = list(
        CleanupItem.objects.for_user(user)
        .filter(cleanup=cleanup)
        .select_related("document")
        .order_by("document__published_on", "pk")
    )
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
