"""Reports on the home page (工作台): for the township's writers, the reports the county returned
(selectors.returns_for, as the returned-reports panel reads them); for its leaders, the versions
waiting for 审定 or 报送 (selectors.awaiting_approval)."""

from django.urls import reverse

from fazhi.core.tasks import TASK_LIMIT, Task, TaskGroup, TaskKind
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import user_capabilities
from fazhi.reports import selectors
from fazhi.reports.models import State


def version_url(version) -> str:
    url = reverse("reports:township", kwargs={"code": version.report.organisation.code})
    return f"{url}?year={version.report.year}&v={version.number}"


def _name(version) -> str:
    report = version.report
    name = f"{report.organisation.name}{report.year}年度法治政府建设情况报告"
    return f"{name}（第{version.number}版）"


def returned(user) -> TaskGroup | None:
    if Capability.REPORT_DRAFT not in user_capabilities(user):
        return None
    versions = selectors.returns_for(user)
    tasks = [
        Task(
            # A second return is of another version, hence another key.
            key=f"report:{v.pk}:returned",
            kind=TaskKind.RETURNED,
            title=f"{_name(v)}被县里退回修改（{v.returned_at:%Y-%m-%d}）",
            url=version_url(v),
            organisation_name=v.report.organisation.name,
            detail=f"退回理由：{v.return_reason}" if v.return_reason else "",
        )
        for v in versions[:TASK_LIMIT]
    ]
    return TaskGroup(
        code="report_returns",
        title="县里退回的年度报告",
        empty="没有被退回的年度报告",
        tasks=tasks,
        order=20,
        link=reverse("reports:list"),
        total=len(versions),
    )


def awaiting(user) -> TaskGroup | None:
    if Capability.REPORT_APPROVE not in user_capabilities(user):
        return None
    versions = selectors.awaiting_approval(user)
    tasks = []
    for v in versions[:TASK_LIMIT]:
        step = "审定" if v.state == State.DRAFT else "报送"
        tasks.append(
            Task(
                key=f"report:{v.pk}:{v.state}",
                kind=TaskKind.AWAITING,
                title=f"{_name(v)}待{step}（成文日期 {v.signed_on:%Y-%m-%d}）",
                url=version_url(v),
                organisation_name=v.report.organisation.name,
                due=v.submission_due_on,
            )
        )
    return TaskGroup(
        code="report_approval",
        title="待审定、待报送的年度报告",
        empty="没有待审定或待报送的年度报告",
        tasks=tasks,
        order=20,
        link=reverse("reports:list"),
        total=versions.count(),
    )
