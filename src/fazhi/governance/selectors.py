"""Reads of 组织领导 records, always through the ledger selectors (and so the scoping): for a
user (pages) or for an organisation's subtree without a user."""

from datetime import date

from fazhi.governance.models import Task
from fazhi.indicators.named import named_figure
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import records_in


@named_figure("governance.overdue_tasks")
def overdue_tasks(*, today: date, organisation=None, user=None):
    """Active responsibility tasks past due and not completed on `today`, of any year."""
    tasks = records_in(get_kind("responsibility-tasks"), user=user, organisation=organisation)
    return tasks.filter(Task.overdue_on(today))
