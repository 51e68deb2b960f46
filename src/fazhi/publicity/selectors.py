"""Reads of 普法 records that compute something: the theme-day calendar."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import records_for
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level
from fazhi.orgs.scoping import scope_queryset
from fazhi.publicity.theme_days import THEME_DAYS, ThemeDay

ACTIVITIES = "publicity-activities"


class Status:
    DONE = "done"  # every township in scope held an activity
    GAP = "gap"  # the window is over and some township held none
    OPEN = "open"  # the window is running and some township has none yet
    FUTURE = "future"  # the window has not begun


STATUS_LABELS = {
    Status.DONE: "已开展",
    Status.GAP: "未开展",
    Status.OPEN: "进行中，尚未全部开展",
    Status.FUTURE: "未到",
}


@dataclass
class CalendarEntry:
    theme: ThemeDay
    start: date
    end: date
    status: str
    activities: list = field(default_factory=list)
    missing: list = field(default_factory=list)  # townships in scope with no activity

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def _status(start: date, end: date, covered: bool, today: date) -> str:
    if covered:
        return Status.DONE
    if today < start:
        return Status.FUTURE
    return Status.OPEN if today <= end else Status.GAP


def theme_day_calendar(user, year: int, *, today: date) -> list[CalendarEntry]:
    """Each theme day of `year` with the activities tagged with it and held in its window, and
    the townships of the user's scope that held none."""
    kind = get_kind(ACTIVITIES)
    activities = (
        records_for(user, kind)
        .filter(year=year)
        .exclude(theme_day="")
        .select_related("organisation")
        .order_by("occurred_on", "pk")
    )
    by_theme = defaultdict(list)
    for activity in activities:
        by_theme[activity.theme_day].append(activity)
    townships = list(
        scope_queryset(
            Organisation.objects.filter(level=Level.TOWNSHIP),
            user,
            org_field="",
            capabilities=kind.view_capabilities,
        ).order_by("code")
    )
    entries = []
    for theme in sorted(THEME_DAYS, key=lambda t: t.window(year)):
        start, end = theme.window(year)
        held = [a for a in by_theme[theme.key] if start <= a.occurred_on <= end]
        held_by = {a.organisation_id for a in held}
        missing = [t for t in townships if t.pk not in held_by]
        covered = bool(held) and not missing
        entries.append(
            CalendarEntry(
                theme=theme,
                start=start,
                end=end,
                status=_status(start, end, covered, today),
                activities=held,
                missing=missing,
            )
        )
    return entries


def calendar_summary(entries: list[CalendarEntry]) -> dict[str, int]:
    counts = {status: 0 for status in STATUS_LABELS}
    for entry in entries:
        counts[entry.status] += 1
    return counts


@dataclass(frozen=True)
class ThemeGap:
    theme: ThemeDay
    start: date
    end: date


def theme_days_without_activity(
    organisation, year: int, *, today: date, themes=THEME_DAYS, user=None
) -> list[ThemeGap]:
    """Theme days of `year` whose window is over by `today` with no activity of the
    organisation's subtree held in it (scoped to the user when one is given)."""
    from django.db.models import Count, Q

    from fazhi.ledgers.models import without_archived
    from fazhi.publicity.models import Activity

    past = [theme for theme in themes if theme.window(year)[1] < today]
    if not past:
        return []
    rows = without_archived(
        Activity.objects.filter(organisation__path__startswith=organisation.path, year=year)
    )
    if user is not None:
        rows = rows.filter(pk__in=records_for(user, get_kind(ACTIVITIES)).values("pk"))
    counts = rows.aggregate(
        **{
            theme.key: Count(
                "pk", filter=Q(theme_day=theme.key, occurred_on__range=theme.window(year))
            )
            for theme in past
        }
    )
    gaps = [ThemeGap(theme, *theme.window(year)) for theme in past if not counts[theme.key]]
    return sorted(gaps, key=lambda gap: gap.start)
