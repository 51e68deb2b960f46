"""The reviewer's queue of normative documents awaiting 合法性审核 (selectors.awaiting_review)."""

from django.urls import reverse

from fazhi.core.tasks import TASK_LIMIT, Task, TaskGroup, TaskKind
from fazhi.normative import selectors
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import user_capabilities


def source(user) -> TaskGroup | None:
    if Capability.LEGAL_REVIEW not in user_capabilities(user):
        return None
    documents = selectors.awaiting_review(user)
    tasks = [
        Task(
            key=f"normative:{d.pk}:review:{d.revision}",
            kind=TaskKind.AWAITING,
            title=f"规范性文件《{d.title}》（{d.occurred_on:%Y-%m-%d}起草）待合法性审核",
            url=reverse("normative:record", kwargs={"pk": d.pk}),
            organisation_name=d.organisation.name,
        )
        for d in documents[:TASK_LIMIT]
    ]
    return TaskGroup(
        code="normative_review",
        title="待合法性审核的规范性文件",
        empty="没有待审核的规范性文件",
        tasks=tasks,
        order=30,
        total=documents.count(),
    )
