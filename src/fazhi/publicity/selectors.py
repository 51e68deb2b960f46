"""Reads of 普法 records that compute something: which theme days were held, the theme-day
calendar, activities by month and form. Each figure is one function here, for a user (pages)
or for an organisation's subtree without a user (the drafted report)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth

from fazhi.indicators.named import named_figure
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import records_in
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level
from fazhi.orgs.scoping import organisations_in
from fazhi.publicity.models import Activity
from fazhi.publicity.theme_days import THEME_DAYS, ThemeDay

ACTIVITIES = "publicity-activities"
ACTIVITY_FORMS = Activity.Form.choices


def _activities(*, organisation=None, user=None):
    return records_in(get_kind(ACTIVITIES), user=user, organisation=organisation)


def _held_in_window(themes, year: int) -> Q:
    """Activities tagged with one of the theme days and held inside its window of `year`."""
    return reduce(
        or_, (Q(theme_day=theme.key, occurred_on__range=theme.window(year)) for theme in themes)
    )


def theme_day_holders(
    *, year: int, organisation=None, user=None, themes=THEME_DAYS
) -> dict[str, set[str]]:
    """For each theme day, the paths of the organisations that held an activity for it in its
    window of `year` (paths, so that a county finds which of its townships held one)."""
    rows = (
        _activities(organisation=organisation, user=user)
        .filter(year=year)
        .filter(_held_in_window(themes, year))
        .order_by()
        .values_list("theme_day", "organisation__path")
        .distinct()
    )
    holders: dict[str, set[str]] = {theme.key: set() for theme in themes}
    for key, path in rows:
        holders[key].add(path)
    return holders


@dataclass(frozen=True)
class ThemeGap:
    theme: ThemeDay
    start: date
    end: date


@named_figure("publicity.theme_days_past")
def theme_days_past(*, year: int, today: date, themes=THEME_DAYS) -> list[ThemeDay]:
    """The theme days whose window in `year` is over on `today`."""
    return [theme for theme in themes if theme.window(year)[1] < today]


@named_figure("publicity.theme_days_without_activity")
def theme_days_without_activity(
    *, year: int, today: date, organisation=None, user=None, themes=THEME_DAYS
) -> list[ThemeGap]:
    """The theme days (of `themes`) whose window in `year` is over on `today` with no activity of
    the subtree held in it, in date order. The dashboard asks for every theme day, the report
    for the ones it requires."""
    past = theme_days_past(year=year, today=today, themes=themes)
    if not past:
        return []
    holders = theme_day_holders(year=year, organisation=organisation, user=user, themes=past)
    gaps = [ThemeGap(theme, *theme.window(year)) for theme in past if not holders[theme.key]]
    return sorted(gaps, key=lambda gap: gap.start)


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


def theme_day_calendar(user, year: int, *, today: date, organisation=None) -> list[CalendarEntry]:
    """Each theme day of `year` with the activities tagged with it and held in its window, and
    the townships of the scope (the user's, within `organisation`) that held none."""
    kind = get_kind(ACTIVITIES)
    activities = (
        _activities(organisation=organisation, user=user)
        .filter(year=year)
        .filter(_held_in_window(THEME_DAYS, year))
        .select_related("organisation")
        .order_by("occurred_on", "pk")
    )
    by_theme = defaultdict(list)
    for activity in activities:
        by_theme[activity.theme_day].append(activity)
    holders = theme_day_holders(year=year, organisation=organisation, user=user)
    townships = list(
        organisations_in(organisation, user=user, capabilities=kind.view_capabilities)
        .filter(level=Level.TOWNSHIP)
        .order_by("code")
    )
    entries = []
    for theme in sorted(THEME_DAYS, key=lambda t: t.window(year)):
        start, end = theme.window(year)
        missing = [t for t in townships if not _held_by(t, holders[theme.key])]
        covered = bool(holders[theme.key]) and not missing
        entries.append(
            CalendarEntry(
                theme=theme,
                start=start,
                end=end,
                status=_status(start, end, covered, today),
                activities=by_theme[theme.key],
                missing=missing,
            )
        )
    return entries


def _held_by(township: Organisation, paths: set[str]) -> bool:
    return any(path.startswith(township.path) for path in paths)


def calendar_summary(entries: list[CalendarEntry]) -> dict[str, int]:
    counts = {status: 0 for status in STATUS_LABELS}
    for entry in entries:
        counts[entry.status] += 1
    return counts


@named_figure("publicity.theme_day_statuses")
def theme_day_statuses(*, year: int, today: date, organisation=None, user=None):
    """How many theme days of the calendar are in each status ({status: count})."""
    entries = theme_day_calendar(user, year, today=today, organisation=organisation)
    return calendar_summary(entries)


@named_figure("publicity.activities_by_month_and_form")
def activities_by_month_and_form(
    *, year: int, organisation=None, user=None
) -> dict[tuple[str, int], int]:
    """{(form, month): number of activities} of the year (the dashboard's chart)."""
    rows = (
        _activities(organisation=organisation, user=user)
        .filter(year=year)
        .order_by()
        .values("form", month=ExtractMonth("occurred_on"))
        .annotate(n=Count("pk"))
    )
    return {(row["form"], row["month"]): row["n"] for row in rows}
