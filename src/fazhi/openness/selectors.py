"""Reads of complaints by deadline. Callers pass `today` so the figures are reproducible."""

from datetime import date

from django.db.models import F, Q
from django.utils import timezone


def answered_late() -> Q:
    return Q(answered_on__isnull=False, answered_on__gt=F("due_on"))


def open_past_due(today: date) -> Q:
    return Q(answered_on__isnull=True, due_on__lt=today)


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
