"""Reads of 组织领导 records, always through the ledger selectors (and so the scoping)."""

from datetime import date

from django.utils import timezone

from fazhi.governance.models import Meeting, Task
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import records_for


def overdue_tasks(user, today: date | None = None):
    """Active responsibility tasks the user may see that are past due and not completed."""
    today = today or timezone.localdate()
    tasks = records_for(user, get_kind("responsibility-tasks"))
    return tasks.exclude(status=Task.Status.DONE).filter(due_on__lt=today)


def principal_meetings(user, year: int):
    """The year's meetings presided by the 党委书记 or the 镇长."""
    meetings = records_for(user, get_kind("governance-meetings")).filter(year=year)
    return meetings.filter(presider_position__in=Meeting.PRINCIPALS)
