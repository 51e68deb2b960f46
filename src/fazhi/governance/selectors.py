"""Reads of 组织领导 records, always through the ledger selectors (and so the scoping): for a
user (pages) or for an organisation's subtree without a user."""

from datetime import date

from fazhi.governance.models import Meeting, Task
from fazhi.indicators.named import named_figure
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import records_in


@named_figure("governance.overdue_tasks")
def overdue_tasks(*, today: date, organisation=None, user=None):
    """Active responsibility tasks past due and not completed on `today`, of any year."""
    tasks = records_in(get_kind("responsibility-tasks"), user=user, organisation=organisation)
    return tasks.exclude(status=Task.Status.DONE).filter(due_on__lt=today)


@named_figure("governance.principal_meetings")
def principal_meetings(*, year: int, organisation=None, user=None):
    """The year's meetings presided by the 党委书记 or the 镇长."""
    meetings = records_in(get_kind("governance-meetings"), user=user, organisation=organisation)
    return meetings.filter(year=year, presider_position__in=Meeting.PRINCIPALS)
