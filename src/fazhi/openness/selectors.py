"""Reads of complaints by their answer deadline (the deadline engine's, never a typed date), for
a user (pages) or an organisation's subtree without a user. Callers pass `today` so the figures
are reproducible."""

from datetime import date

from django.db.models import F, Q

from fazhi.deadlines.models import has_deadline
from fazhi.indicators.named import named_figure
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import records_in
from fazhi.openness.models import ANSWER_PERIOD, Complaint


def _answer_deadline(**conditions) -> Q:
    return has_deadline(Complaint, [ANSWER_PERIOD], **conditions)


def answered_late() -> Q:
    """Answered after the answer deadline (the deadline's state 逾期完成)."""
    return _answer_deadline(met_on__isnull=False, met_on__gt=F("due_on"))


def open_past_due(today: date) -> Q:
    """Unanswered past the answer deadline on `today` (the deadline's state 已逾期)."""
    return _answer_deadline(met_on__isnull=True, due_on__lt=today)


def _complaints(*, organisation=None, user=None):
    return records_in(get_kind("complaints"), user=user, organisation=organisation)


@named_figure("openness.overdue_complaints")
def overdue_complaints(*, today: date, organisation=None, user=None):
    """Complaints flagged 逾期答复 or 已逾期 on `today` (same rule as Complaint.overdue_label)."""
    return _complaints(organisation=organisation, user=user).filter(
        answered_late() | open_past_due(today)
    )


@named_figure("openness.complaint_summary")
def complaint_summary(*, year: int, today: date, organisation=None, user=None) -> dict[str, int]:
    """Counts of the complaints received in `year`, by where they stand on `today`."""
    complaints = _complaints(organisation=organisation, user=user).filter(year=year)
    return {
        "total": complaints.count(),
        "answered": complaints.filter(answered_on__isnull=False).count(),
        "answered_late": complaints.filter(answered_late()).count(),
        "open": complaints.filter(answered_on__isnull=True).count(),
        "open_past_due": complaints.filter(open_past_due(today)).count(),
    }
