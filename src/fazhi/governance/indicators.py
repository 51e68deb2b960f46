"""Computations of the 组织领导 figures (catalogue codes governance.*)."""

from decimal import Decimal

from django.db.models import Q

from fazhi.governance.models import Budget, Meeting, Task
from fazhi.indicators.registry import Computation, register

register(
    Computation(
        "governance.leading_group_meetings",
        Meeting,
        Q(meeting_type=Meeting.Type.LEADING_GROUP),
    )
)
register(
    Computation(
        "governance.special_meetings",
        Meeting,
        Q(meeting_type__in=[Meeting.Type.SPECIAL, Meeting.Type.PARTY_COMMITTEE_STUDY]),
    )
)
register(
    Computation(
        "governance.first_responsible_meetings",
        Meeting,
        Q(presider_position__in=Meeting.PRINCIPALS),
    )
)
# 述法 has no meeting type of its own: a meeting whose title or topics name it.
register(
    Computation(
        "governance.law_report_sessions",
        Meeting,
        Q(title__contains="述法") | Q(topics__contains="述法"),
    )
)
register(Computation("governance.tasks", Task))
# A task is late once its due date has passed without completion (as Task.days_overdue says).
register(
    Computation(
        "governance.tasks_overdue",
        Task,
        lambda period: Task.overdue_on(period.today),
        changes_daily=True,
    )
)
register(Computation("governance.budget", Budget, sum_field="amount", scale=Decimal("0.0001")))
