"""Reads of deadlines, always through the one scoping function. Callers pass `today`."""

import calendar as stdlib_calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from fazhi.deadlines.calendar import builtin_covers, builtin_days, is_working_day
from fazhi.deadlines.models import (  # noqa: F401  (deadlines_of re-exported)
    DayKind,
    Deadline,
    HolidayDay,
    HolidayYear,
    deadlines_of,
)
from fazhi.deadlines.resolve import period_for, periods_for  # noqa: F401  (re-exported)
from fazhi.indicators.named import named_figure
from fazhi.orgs.models import Organisation
from fazhi.orgs.paths import PathIndex
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import memberships_of, organisations_in, scope_queryset

VIEW = {Capability.LEDGER_VIEW}
COUNTY_VIEW = {Capability.INSPECT, Capability.ORG_MANAGE}
DEFAULT_DAYS = 14


def record_models() -> list[type]:
    """The record types deadlines are attached to: the concrete ledger records. Not the
    django-simple-history tables, which copy archived_at but never carry a deadline."""
    from fazhi.ledgers.models import LedgerRecord

    return [model for model in apps.get_models() if issubclass(model, LedgerRecord)]


def record_types_with_deadlines() -> list[tuple[type, int]]:
    """(model, content type id) of the record types that have deadlines at all, in a fixed
    order. One query of an index seek per ledger model (not a DISTINCT over every deadline):
    testing the others' archived rows would only make every deadline query longer to build."""
    models = record_models()
    types = ContentType.objects.get_for_models(*models)
    having = set(
        ContentType.objects.filter(pk__in=sorted(t.pk for t in types.values()))
        .filter(Exists(Deadline.objects.filter(record_type_id=OuterRef("pk"))))
        .values_list("pk", flat=True)
    )
    return [(model, types[model].pk) for model in models if types[model].pk in having]


def _archived(model) -> Q:
    # The ids of the model's archived rows: a few, read through the partial index on
    # archived_at; never the list of its active rows.
    return Q(record_id__in=model._default_manager.filter(archived_at__isnull=False).values("pk"))


def on_archived_record() -> Q:
    """Deadlines whose record has been archived, as one condition built without a query (the
    figures' conditions must be): every ledger model, named by its content type's labels."""
    condition = Q()
    for model in record_models():
        # The type test first: a row of another type never reaches the subquery.
        of_type = Q(record_type__app_label=model._meta.app_label) & Q(
            record_type__model=model._meta.model_name
        )
        condition |= of_type & _archived(model)
    return condition


def live(deadlines: QuerySet) -> QuerySet:
    """Drop deadlines whose record has been archived (records are never deleted, only
    archived): the deadlines on_archived_record() matches, tested only for the record types
    that have deadlines (one cheap query), so the lists' queries stay short to build."""
    condition = Q()
    for model, type_id in record_types_with_deadlines():
        condition |= Q(record_type_id=type_id) & _archived(model)
    return deadlines.exclude(condition)


def deadlines_in(*, organisation=None, user=None, capabilities=VIEW) -> QuerySet:
    """Deadlines on live records of an organisation's subtree (everywhere when None) that the
    user may see (as a ledger viewer, by default); every one without a user (the daily digest,
    the report). Filtered on the subtree's organisation ids, so that an index on the
    organisation serves the query."""
    deadlines = Deadline.objects.all()
    if organisation is not None or user is not None:
        scope = organisations_in(organisation, user=user, capabilities=capabilities)
        deadlines = deadlines.filter(organisation__in=scope.values("pk"))
    return live(deadlines).select_related("organisation")


def in_subtree(organisation: Organisation) -> QuerySet:
    """Deadlines on live records of one organisation's subtree (no user)."""
    return deadlines_in(organisation=organisation)


def upcoming_in(deadlines: QuerySet, today: date, days: int = DEFAULT_DAYS) -> QuerySet:
    """Unmet deadlines due from today up to `days` days ahead, soonest first."""
    end = today + timedelta(days=days)
    return deadlines.filter(met_on__isnull=True, due_on__gte=today, due_on__lte=end).order_by(
        "due_on", "pk"
    )


def overdue_in(deadlines: QuerySet, today: date) -> QuerySet:
    """Unmet deadlines whose last day has passed, oldest first."""
    return deadlines.filter(met_on__isnull=True, due_on__lt=today).order_by("due_on", "pk")


@named_figure("deadlines.upcoming")
def upcoming_deadlines(
    *, today: date, organisation=None, user=None, days: int = DEFAULT_DAYS
) -> QuerySet:
    """Unmet deadlines of the scope falling due from `today` up to `days` days ahead."""
    return upcoming_in(deadlines_in(organisation=organisation, user=user), today, days)


@named_figure("deadlines.overdue")
def overdue_deadlines(*, today: date, organisation=None, user=None) -> QuerySet:
    """Unmet deadlines of the scope (of any year) past their last day on `today`."""
    return overdue_in(deadlines_in(organisation=organisation, user=user), today)


def record_url(deadline) -> str:
    """The page of the ledger record a deadline is on ("" for a type with no ledger page)."""
    from django.urls import reverse

    from fazhi.ledgers.registry import kind_for_model

    model = ContentType.objects.get_for_id(deadline.record_type_id).model_class()
    kind = kind_for_model(model)
    if kind is None:
        return ""
    return reverse("ledgers:detail", kwargs={"kind": kind.slug, "pk": deadline.record_id})


def counties_inspected(user) -> QuerySet:
    """Counties on which the user holds a county-level inspector or administrator role."""
    counties = Organisation.objects.filter(level=Level.COUNTY)
    return scope_queryset(counties, user, org_field="", capabilities=COUNTY_VIEW)


def _grouped(deadlines: QuerySet, townships) -> tuple[dict[int, int], int]:
    """({township id: deadlines of `deadlines` in its subtree}, all of them), in one query
    grouped by the deadline's organisation; the total also counts those on no township (a
    county's own records), so it is `deadlines.count()` without a second scan."""
    per_path = (
        deadlines.order_by()
        .values("organisation__path")
        .annotate(n=Count("pk"))
        .values_list("organisation__path", "n")
    )
    counts = {township.pk: 0 for township in townships}
    index = PathIndex(townships)
    total = 0
    for path, n in per_path:
        total += n
        for township_id in index.containing(path):
            counts[township_id] += n
    return counts, total


def _per_township(deadlines: QuerySet, townships) -> dict[int, int]:
    return _grouped(deadlines, townships)[0]


def overdue_counts(
    townships, *, today: date, organisation=None, user=None, capabilities=VIEW
) -> dict[int, int]:
    """Overdue deadlines (as overdue_deadlines counts them) of each township's subtree, in one
    grouped query over `organisation` (the townships' county): {township id: count}."""
    deadlines = deadlines_in(organisation=organisation, user=user, capabilities=capabilities)
    return _per_township(overdue_in(deadlines, today), townships)


def upcoming_counts(
    townships, *, today: date, organisation=None, user=None, days: int = DEFAULT_DAYS
) -> dict[int, int]:
    """Deadlines falling due soon (as upcoming_deadlines counts them) of each township's
    subtree, in one grouped query: {township id: count}."""
    deadlines = deadlines_in(organisation=organisation, user=user)
    return _per_township(upcoming_in(deadlines, today, days), townships)


def townships_seen(user, capabilities=VIEW) -> list[Organisation]:
    """The townships (乡镇、街道) whose deadlines the user sees, in the tree's order."""
    scope = organisations_in(user=user, capabilities=capabilities)
    return list(scope.filter(level=Level.TOWNSHIP).order_by("path"))


@dataclass
class TownshipStates:
    """One row of the deadline page's summary: a township's counts by state."""

    township: Organisation
    overdue: int
    upcoming: int


@dataclass
class DeadlineSummary:
    """The deadline page's counts: a row per township the user sees, and each state's total
    over the user's whole scope (as overdue_deadlines / upcoming_deadlines count them)."""

    rows: list[TownshipStates]
    totals: dict[str, int]  # {"overdue": n, "upcoming": n}

    def row_of(self, township: Organisation) -> TownshipStates | None:
        return next((row for row in self.rows if row.township.pk == township.pk), None)


def deadline_summary(user, today: date) -> DeadlineSummary:
    """For each township the user sees: its overdue deadlines and those due within
    DEFAULT_DAYS days; two grouped queries whatever the number of deadlines, which also give
    the totals (no separate COUNT)."""
    townships = townships_seen(user)
    deadlines = deadlines_in(user=user)
    overdue, overdue_total = _grouped(overdue_in(deadlines, today), townships)
    upcoming, upcoming_total = _grouped(upcoming_in(deadlines, today), townships)
    rows = [TownshipStates(t, overdue[t.pk], upcoming[t.pk]) for t in townships]
    return DeadlineSummary(rows, {"overdue": overdue_total, "upcoming": upcoming_total})


@dataclass
class TownshipOverdue:
    township: Organisation
    count: int


def overdue_by_township(user, today: date) -> list[TownshipOverdue]:
    """For each township of the counties the user inspects: the number of its overdue
    deadlines (the items are listed, a page at a time, on the deadline page)."""
    counties = list(counties_inspected(user))
    if not counties:
        return []
    townships = list(
        Organisation.objects.filter(level=Level.TOWNSHIP, parent__in=counties).order_by("path")
    )
    counts = overdue_counts(townships, today=today, user=user, capabilities=COUNTY_VIEW)
    return [TownshipOverdue(township, counts[township.pk]) for township in townships]


def home_county(user) -> Organisation | None:
    """The county whose period values the user sees (that of the user's first membership)."""
    for membership in memberships_of(user):
        organisation = membership.organisation
        county_id = organisation.ancestor_ids()[0]
        return Organisation.objects.filter(pk=county_id).first()
    return None


def missed_in(deadlines: QuerySet, today: date) -> QuerySet:
    """Deadlines met after their last day, or still unmet with their last day passed."""
    from django.db.models import F

    return deadlines.filter(Q(met_on__gt=F("due_on")) | Q(met_on__isnull=True, due_on__lt=today))


def of_records(records: QuerySet, codes) -> QuerySet:
    """Live deadlines with one of `codes` on the rows of a queryset of ledger records."""
    record_type = ContentType.objects.get_for_model(records.model)
    return live(
        Deadline.objects.filter(
            record_type=record_type, record_id__in=records.values("pk"), code__in=list(codes)
        )
    )


# --- the official holiday calendar ----------------------------------------------------------


class CalendarSource:
    OFFICIAL = "official"
    BUILTIN = "builtin"
    ESTIMATED = "estimated"


@dataclass(frozen=True)
class CalendarDay:
    day: date
    working: bool
    mark: str  # "holiday", "workday" (调休上班), "weekend" or "" (an ordinary working day)
    name: str = ""


@dataclass(frozen=True)
class YearCalendar:
    year: int
    source: str  # a CalendarSource value
    source_label: str
    table: HolidayYear | None
    months: list  # [(month, weeks: [[CalendarDay | None] * 7])]
    marked: list  # [CalendarDay] of holidays and make-up days, in date order


def year_calendar(year: int) -> YearCalendar:
    """A year's days as the deadline engine judges them, with where that judgement comes from:
    the stored official table, chinese-calendar's data, or an estimate (Monday–Friday)."""
    table = HolidayYear.objects.filter(year=year).first()
    if table is not None:
        source = CalendarSource.OFFICIAL
        label = f"国务院办公厅通知 {table.notice_number}（{table.notice_date:%Y年%m月%d日}发布）"
        names = {d.day: (d.kind == DayKind.WORKDAY, d.name) for d in table.days.all()}
    elif builtin_covers(year):
        source, label = CalendarSource.BUILTIN, "chinese-calendar 数据（系统内置）"
        names = {day: (workday, name) for day, workday, name in builtin_days(year)}
    else:
        source = CalendarSource.ESTIMATED
        label = "估算（尚无该年放假安排，按周一至周五为工作日计算）"
        names = {}
    cells = {}
    months = []
    for month in range(1, 13):
        weeks = []
        for week in stdlib_calendar.Calendar().monthdatescalendar(year, month):
            row = []
            for day in week:
                if day.month != month:
                    row.append(None)
                    continue
                if day not in cells:
                    working, _ = is_working_day(day)
                    workday, name = names.get(day, (False, ""))
                    if day in names:
                        mark = "workday" if workday else "holiday"
                    else:
                        mark = "" if working else "weekend"
                    cells[day] = CalendarDay(day, working, mark, name)
                row.append(cells[day])
            weeks.append(row)
        months.append((month, weeks))
    marked = [cells[day] for day in sorted(names) if day in cells]
    return YearCalendar(year, source, label, table, months, marked)


def holiday_rows_text(table: HolidayYear | None) -> str:
    """A stored table's days as the edit form's text (日期 类型 名称, one a line)."""
    if table is None:
        return ""
    return "\n".join(
        f"{d.day:%Y-%m-%d}\t{d.get_kind_display()}\t{d.name}" for d in table.days.order_by("day")
    )


def holiday_table(year: int) -> HolidayYear | None:
    return HolidayYear.objects.filter(year=year).first()


def stored_years() -> list[int]:
    return list(HolidayYear.objects.order_by("year").values_list("year", flat=True))
