"""The reviewer's queue of enforcement cases awaiting 法制审核 (selectors.awaiting_review)."""

from django.urls import reverse

from fazhi.core.tasks import TASK_LIMIT, Task, TaskGroup, TaskKind
from fazhi.enforcement import selectors
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import user_capabilities


def source(user) -> TaskGroup | None:
    if Capability.LEGAL_REVIEW not in user_capabilities(user):
        return None
    cases = selectors.awaiting_review(user)
    tasks = []
    for case in cases[:TASK_LIMIT]:
        submitted = case.review_submitted_on
        tasks.append(
            Task(
                # One review round per submission date.
                key=f"case:{case.pk}:review:{submitted or ''}",
                kind=TaskKind.AWAITING,
                title=(
                    f"执法案件 {case.case_number} {case.get_case_type_display()}"
                    f"（{case.occurred_on:%Y-%m-%d}立案）待法制审核"
                ),
                url=reverse("enforcement:record", kwargs={"pk": case.pk}),
                organisation_name=case.organisation.name,
                detail=f"{submitted:%Y-%m-%d}提交审核" if submitted else "",
            )
        )
    return TaskGroup(
        code="case_review",
        title="待法制审核的执法案件",
        empty="没有待审核的执法案件",
        tasks=tasks,
        order=31,
        total=cases.count(),
    )
