"""The clerk's deadlines on the home page (工作台): overdue ones and those due within a week,
read by the same selectors as the deadline list (fazhi.deadlines.selectors)."""

from django.urls import reverse
from django.utils import timezone

from fazhi.core.tasks import TASK_LIMIT, Task, TaskGroup, TaskKind
from fazhi.deadlines import selectors
from fazhi.ledgers.selectors import record_name
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import user_capabilities

EDIT = {Capability.LEDGER_EDIT}
DAYS = 7


def _task(deadline, kind: TaskKind, today, user) -> Task:
    left = deadline.days_left(today)
    if left < 0:
        detail = f"已逾期 {-left} 天"
    elif left == 0:
        detail = "今天到期"
    else:
        detail = f"还剩 {left} 天"
    return Task(
        key=f"deadline:{deadline.pk}:{kind}",
        kind=kind,
        title=f"{deadline.name}：{record_name(deadline.record, user)}",
        url=selectors.record_url(deadline) or reverse("deadlines:list"),
        organisation_name=deadline.organisation.name,
        due=deadline.due_on,
        detail=detail,
    )


def source(user) -> TaskGroup | None:
    if not user_capabilities(user) & EDIT:
        return None
    today = timezone.localdate()
    mine = selectors.deadlines_in(user=user, capabilities=EDIT)
    overdue = selectors.overdue_in(mine, today)
    upcoming = selectors.upcoming_in(mine, today, DAYS)
    late = list(overdue.prefetch_related("record__organisation")[:TASK_LIMIT])
    soon = list(upcoming.prefetch_related("record__organisation")[: max(TASK_LIMIT - len(late), 0)])
    tasks = [_task(d, TaskKind.OVERDUE, today, user) for d in late]
    tasks += [_task(d, TaskKind.DUE, today, user) for d in soon]
    return TaskGroup(
        code="deadlines",
        title="到期和逾期事项",
        empty="本周没有到期事项",
        tasks=tasks,
        order=10,
        link=reverse("deadlines:list"),
        total=overdue.count() + upcoming.count(),
    )
