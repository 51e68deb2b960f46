"""Villages without a 法律顾问 service in the last SERVICE_WINDOW_DAYS days, on the home page
(工作台): the township clerk's villages, and an advisor's own (the coverage page's selector,
villages_without_recent_service)."""

from django.urls import reverse
from django.utils import timezone

from fazhi.core.tasks import TASK_LIMIT, Task, TaskGroup, TaskKind
from fazhi.legal_services import selectors
from fazhi.legal_services.kinds import SERVICES
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import user_capabilities


def _tasks(gaps, today, url: str) -> list[Task]:
    tasks = []
    for gap in gaps[:TASK_LIMIT]:
        village = gap.village
        last = f"上次服务 {gap.last_date:%Y-%m-%d}" if gap.last_date else "尚无服务记录"
        tasks.append(
            Task(
                # One event per village and window: a village that is served and falls behind
                # again later is a new event.
                key=f"village:{village.pk}:no_service:{gap.last_date or 'never'}",
                kind=TaskKind.MISSING,
                title=f"{village.name}近{selectors.SERVICE_WINDOW_DAYS}天没有法律顾问服务（{last}）",
                url=url,
                organisation_name=village.parent.name if village.parent_id else village.name,
            )
        )
    return tasks


def township(user) -> TaskGroup | None:
    if Capability.LEDGER_EDIT not in user_capabilities(user):
        return None
    today = timezone.localdate()
    gaps = selectors.villages_without_recent_service(today=today, user=user)
    return TaskGroup(
        code="village_services",
        title="未开展法律顾问服务的村（社区）",
        empty=f"每个村（社区）近{selectors.SERVICE_WINDOW_DAYS}天都有法律顾问服务",
        tasks=_tasks(gaps, today, reverse("legal_services:coverage")),
        order=40,
        link=reverse("legal_services:coverage"),
        total=len(gaps),
    )


def advisor(user) -> TaskGroup | None:
    if Capability.ADVISOR_LOG not in user_capabilities(user):
        return None
    today = timezone.localdate()
    gaps = selectors.villages_without_recent_service(
        today=today, user=user, capabilities={Capability.ADVISOR_LOG}
    )
    url = reverse("ledgers:create", kwargs={"kind": SERVICES.slug})
    return TaskGroup(
        code="advisor_services",
        title="我负责的村（社区）待服务",
        empty=f"您负责的村（社区）近{selectors.SERVICE_WINDOW_DAYS}天都已服务",
        tasks=_tasks(gaps, today, url),
        order=10,
        link=reverse("ledgers:list", kwargs={"kind": SERVICES.slug}),
        total=len(gaps),
    )
