"""Major decisions on the home page (工作台): for a reviewer, those awaiting 合法性审查; for a
township leader, those ready for 集体讨论决定 (selectors.awaiting_legality_review and
selectors.awaiting_collective, which restate the workflow checks' conditions)."""

from django.urls import reverse

from fazhi.core.tasks import TASK_LIMIT, Task, TaskGroup, TaskKind
from fazhi.decisions import selectors
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import user_capabilities


def _tasks(decisions, step: str, label: str) -> list[Task]:
    return [
        Task(
            key=f"decision:{d.pk}:{step}",
            kind=TaskKind.AWAITING,
            title=f"重大行政决策“{d.title}”（{d.occurred_on:%Y-%m-%d}启动）待{label}",
            url=reverse("decisions:record", kwargs={"pk": d.pk}),
            organisation_name=d.organisation.name,
        )
        for d in decisions[:TASK_LIMIT]
    ]


def legality(user) -> TaskGroup | None:
    if Capability.LEGAL_REVIEW not in user_capabilities(user):
        return None
    decisions = selectors.awaiting_legality_review(user)
    return TaskGroup(
        code="decision_review",
        title="待合法性审查的重大行政决策",
        empty="没有待审查的重大行政决策",
        tasks=_tasks(decisions, "legality", "合法性审查"),
        order=32,
        total=decisions.count(),
    )


def collective(user) -> TaskGroup | None:
    if Capability.REPORT_APPROVE not in user_capabilities(user):
        return None
    decisions = selectors.awaiting_collective(user)
    return TaskGroup(
        code="decision_collective",
        title="待集体讨论决定的重大行政决策",
        empty="没有待集体讨论的重大行政决策",
        tasks=_tasks(decisions, "collective", "集体讨论决定"),
        order=21,
        total=decisions.count(),
    )
