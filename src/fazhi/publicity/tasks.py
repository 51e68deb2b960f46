"""Theme days (普法主题日) coming within LOOKAHEAD_DAYS with no activity held for them yet, on the
clerk's home page (工作台): the theme-day calendar's own statuses (selectors.theme_day_calendar)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from fazhi.core.tasks import TASK_LIMIT, Task, TaskGroup, TaskKind
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import user_capabilities
from fazhi.publicity import selectors

LOOKAHEAD_DAYS = 30


def source(user) -> TaskGroup | None:
    if Capability.LEDGER_EDIT not in user_capabilities(user):
        return None
    today = timezone.localdate()
    horizon = today + timedelta(days=LOOKAHEAD_DAYS)
    tasks = []
    for year in sorted({today.year, horizon.year}):
        calendar_url = f"{reverse('publicity:calendar')}?year={year}"
        for entry in selectors.theme_day_calendar(user, year, today=today):
            coming = entry.start <= horizon and entry.end >= today
            if not coming or entry.status not in (selectors.Status.FUTURE, selectors.Status.OPEN):
                continue
            for township in entry.missing:
                tasks.append(
                    Task(
                        key=f"theme_day:{entry.theme.key}:{year}:{township.code}",
                        kind=TaskKind.UPCOMING,
                        title=(
                            f"{entry.theme.name}（{entry.theme.label.split()[0]}）尚未安排普法活动"
                            f"（{entry.theme.window_text(year)}开展均计入）"
                        ),
                        url=calendar_url,
                        organisation_name=township.name,
                        due=entry.end,
                    )
                )
    return TaskGroup(
        code="theme_days",
        title="即将到来的普法主题日",
        empty=f"今后{LOOKAHEAD_DAYS}天的普法主题日都已安排活动",
        tasks=tasks[:TASK_LIMIT],
        order=50,
        link=reverse("publicity:calendar"),
        total=len(tasks),
    )
