"""A case's deadlines (fazhi.deadlines) as its dates say. `sync_deadlines` is the cases' one
path to their deadlines: the ledger services call it after a form or an import writes a case
(LedgerKind.deadlines), the workflow services after each step that moves a date. Idempotent:
it writes only what changed.

The engine computes a due date from the period alone; an approved extension of the closing
period is added to the period here (see periods.closing_due).
"""

from fazhi.deadlines.periods import get_period
from fazhi.deadlines.services import Due, deadlines_sync
from fazhi.enforcement import periods
from fazhi.enforcement.models.ledgers import EnforcementType


def case_dues(case) -> list[Due]:
    penalty = case.case_type == EnforcementType.PENALTY
    extra = periods.extension_days(case)
    closing = Due(
        periods.CLOSING,
        case.occurred_on if periods.has_closing_period(case) else None,
        case.decided_on,
        extra_days=extra,
        name=_extended_name(case, extra),
        reason=f"办案期限延长{extra}日" if extra else "",
    )
    publicity = periods.publicity_code(case)
    return [
        closing,
        Due(periods.SERVICE, case.decided_on if penalty else None, case.served_on),
        *(Due(code, None) for code in periods.PUBLICITY_CODES if code != publicity),
        Due(publicity, case.decided_on, case.publicised_on),
        Due(
            periods.LEGAL_REVIEW,
            case.review_submitted_on if case.is_major else None,
            _last_review_on(case),
        ),
    ]


def sync_deadlines(case, actor=None) -> None:
    if case.pk is not None:
        deadlines_sync(case, case_dues(case), actor=actor)


def _extended_name(case, extra: int) -> str | None:
    return f"{get_period(periods.CLOSING).name}（已延长{extra}日）" if extra else None


def _last_review_on(case):
    if case.review_submitted_on is None or case.pk is None:
        return None
    review = case.legal_reviews.filter(reviewed_on__gte=case.review_submitted_on).last()
    return review.reviewed_on if review else None
