"""Reads of complaints by their answer deadline (the deadline engine's, never a typed date).
Callers pass `today` so the figures are reproducible."""

from datetime import date

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from fazhi.deadlines.models import Deadline
from fazhi.openness.models import ANSWER_PERIOD, Complaint


def _answer_deadline(**conditions) -> Q:
    return Q(
        Exists(
            Deadline.objects.filter(
                record_type__app_label=Complaint._meta.app_label,
                record_type__model=Complaint._meta.model_name,
                record_id=OuterRef("pk"),
                code=ANSWER_PERIOD,
                **conditions,
            )
        )
    )


def answered_late() -> Q:
    """Answered after the answer deadline (the deadline's state 逾期完成)."""
    return _answer_deadline(met_on__isnull=False, met_on__gt=F("due_on"))


def open_past_due(today: date) -> Q:
    """Unanswered past the answer deadline on `today` (the deadline's state 已逾期)."""
    return _answer_deadline(met_on__isnull=True, due_on__lt=today)


def overdue_complaints(complaints, today: date | None = None):
    """Complaints flagged 逾期答复 or 已逾期 on `today` (same rule as Complaint.overdue_label)."""
    today = today or timezone.localdate()
    return complaints.filter(answered_late() | open_past_due(today))


def complaint_summary(complaints, today: date | None = None) -> dict[str, int]:
    """Counts for one set of complaints (already scoped by the caller through records_for)."""
    today = today or timezone.localdate()
    answered = complaints.filter(answered_on__isnull=False)
    return {
        "total": complaints.count(),
        "answered": answered.count(),
        "answered_late": complaints.filter(answered_late()).count(),
        "open": complaints.filter(answered_on__isnull=True).count(),
        "open_past_due": complaints.filter(open_past_due(today)).count(),
    }
