"""Data of the township and county dashboards.

Figures come only from engine.evaluate; the lists and charts beside them from grouped queries.
Nothing here queries per record or per township, so a page costs the same number of queries for
ten records or ten thousand and for one township or fifty.
"""

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from urllib.parse import urlencode

from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractMonth
from django.http import Http404
from django.urls import get_script_prefix, get_urlconf, reverse

from fazhi.catalogue import Indicator, load_catalogue
from fazhi.deadlines import selectors as deadline_selectors
from fazhi.deadlines.models import Deadline
from fazhi.disputes.models import MediationCase
from fazhi.enforcement.models import Officer
from fazhi.indicators import engine, formatting
from fazhi.indicators.registry import catalogue_codes, registered_codes
from fazhi.ledgers.models import without_archived
from fazhi.legal_services.models import LegalService
from fazhi.legal_services.selectors import VillageGap
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import scope_queryset
from fazhi.publicity.models import Activity
from fazhi.publicity.theme_days import THEME_DAYS, ThemeDay
from fazhi.study.models import StudySession

VIEW = {Capability.LEDGER_VIEW}
COUNTY_VIEW = deadline_selectors.COUNTY_VIEW
DEADLINE_DAYS = deadline_selectors.DEFAULT_DAYS  # 14
SERVICE_WINDOW_DAYS = 90  # a village with no 法律顾问 service in this many days is a gap
CERTIFICATE_WARNING_DAYS = 90
DEADLINE_LIST_LIMIT = 50  # the page lists this many of each; the badge gives the full count

# Ledger domains in the order of the catalogue, by the first part of an indicator's code.
DOMAINS = {
    "governance": "组织领导",
    "study": "学法",
    "publicity": "普法",
    "normative": "规范性文件",
    "decisions": "重大行政决策",
    "enforcement": "行政执法",
    "disputes": "矛盾纠纷",
    "legal_services": "公共法律服务",
    "openness": "公开与监督",
    "deadlines": "期限",
}
NOT_COMPUTED = "未接入"


def domain_of(code: str) -> str:
    prefix = code.split(".", 1)[0]
    return DOMAINS.get(prefix, prefix)


def computable(codes) -> list[str]:
    """The codes whose computation is registered (a ratio also needs both of its parts)."""
    registered = registered_codes()
    catalogue = load_catalogue()
    result = []
    for code in codes:
        item = catalogue[code]
        parts = [item.numerator, item.denominator] if item.is_ratio else []
        if code in registered and all(part in registered for part in parts):
            result.append(code)
    return result


_SLOT = "__indicator__"
_PLAIN = re.compile(r"[A-Za-z0-9_.-]+")  # left as they are by reverse()'s quoting


@lru_cache(maxsize=4096)
def _records_path(script_prefix: str, urlconf, organisation_code: str) -> str:
    # The prefix and URLconf only key the cache: reverse() reads the current ones itself.
    return reverse("indicators:records", kwargs={"code": organisation_code, "indicator": _SLOT})


def records_url(organisation: Organisation, code: str, year: int) -> str:
    """The drill-down page of one figure. A county page links two per cell (1,400 for its key
    figures): reverse() once per organisation, then the indicator's code put in its place."""
    if _PLAIN.fullmatch(code):
        path = _records_path(get_script_prefix(), get_urlconf(), organisation.code)
        url = path.replace(_SLOT, code)
    else:
        url = reverse("indicators:records", kwargs={"code": organisation.code, "indicator": code})
    return f"{url}?year={year}"


def raw_value(value) -> str:
    """A value as written in data-value attributes: digits only, "" when there is none."""
    return "" if value is None else formatting.format_number(value)


@dataclass(frozen=True)
class Cell:
    """One indicator of one organisation: this year's value beside last year's."""

    indicator: Indicator
    organisation: Organisation
    year: int
    value: int | Decimal | None = None
    previous: int | Decimal | None = None
    computed: bool = True
    rank: int | None = None

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def text(self) -> str:
        return formatting.format_value(self.code, self.value) if self.computed else NOT_COMPUTED

    @property
    def previous_text(self) -> str:
        if not self.computed:
            return NOT_COMPUTED
        return formatting.format_value(self.code, self.previous)

    @property
    def change(self):
        return formatting.change(self.value, self.previous)

    @property
    def change_text(self) -> str:
        return formatting.format_change(self.code, self.value, self.previous)

    @property
    def change_direction(self) -> str:
        difference = self.change
        if not difference:
            return "same"
        return "up" if difference > 0 else "down"

    @property
    def raw(self) -> str:
        return raw_value(self.value)

    @property
    def previous_raw(self) -> str:
        return raw_value(self.previous)

    @property
    def url(self) -> str | None:
        return records_url(self.organisation, self.code, self.year) if self.computed else None

    @property
    def previous_url(self) -> str | None:
        return records_url(self.organisation, self.code, self.year - 1) if self.computed else None


def cells_for(codes, organisations, year: int, *, today: date) -> dict[tuple[str, int], Cell]:
    """Cells for every code and organisation: one engine.evaluate over both years."""
    catalogue = load_catalogue()
    ready = set(computable(codes))
    table = engine.evaluate(
        [c for c in codes if c in ready], organisations, [year - 1, year], today=today
    )
    cells = {}
    for code in codes:
        for organisation in organisations:
            if code in ready:
                cell = Cell(
                    catalogue[code],
                    organisation,
                    year,
                    table.value(code, organisation, year),
                    table.value(code, organisation, year - 1),
                )
            else:
                cell = Cell(catalogue[code], organisation, year, computed=False)
            cells[(code, organisation.pk)] = cell
    return cells


# --- township dashboard ----------------------------------------------------------------------


@dataclass
class DomainSection:
    label: str
    cells: list[Cell]


@dataclass(frozen=True)
class ThemeGap:
    theme: ThemeDay
    start: date
    end: date


@dataclass
class TownshipDashboard:
    organisation: Organisation
    year: int
    today: date
    key_cells: list[Cell]
    domains: list[DomainSection]
    upcoming: list
    upcoming_count: int
    overdue: list
    overdue_count: int
    village_count: int
    villages_without_service: list[VillageGap]
    theme_gaps: list[ThemeGap]
    themes_past: int
    expiring_officers: list
    charts: dict
    deadline_days: int = DEADLINE_DAYS
    service_window_days: int = SERVICE_WINDOW_DAYS
    certificate_warning_days: int = CERTIFICATE_WARNING_DAYS


def township_or_404(user, code: str) -> Organisation:
    """A township whose dashboard the user may open (403 without ledger view, else 404)."""
    from fazhi.indicators.selectors import organisation_or_404

    organisation = organisation_or_404(user, code)
    if organisation.level != Level.TOWNSHIP:
        raise Http404("乡镇（街道）看板只对乡镇（街道）开放。")
    return organisation


def township_dashboard(user, organisation: Organisation, year: int, today: date):
    catalogue = load_catalogue()
    codes = catalogue_codes()
    cells = cells_for(codes, [organisation], year, today=today)
    domains: dict[str, list[Cell]] = {}
    for code in codes:
        domains.setdefault(domain_of(code), []).append(cells[(code, organisation.pk)])
    upcoming, upcoming_count, overdue, overdue_count = _deadlines(user, organisation, today)
    villages, gaps = _villages_without_service(user, organisation, today)
    theme_gaps, themes_past = _theme_gaps(user, organisation, year, today)
    return TownshipDashboard(
        organisation=organisation,
        year=year,
        today=today,
        key_cells=[cells[(code, organisation.pk)] for code in catalogue.key_codes],
        domains=[DomainSection(label, items) for label, items in domains.items()],
        upcoming=upcoming,
        upcoming_count=upcoming_count,
        overdue=overdue,
        overdue_count=overdue_count,
        village_count=villages,
        villages_without_service=gaps,
        theme_gaps=theme_gaps,
        themes_past=themes_past,
        expiring_officers=expiring_officers(user, organisation, today),
        charts=township_charts(user, organisation, year),
    )


def subtree_ids(user, organisation: Organisation, capabilities=VIEW):
    """The ids of the organisation's subtree that the user may see, as a subquery. Rows are
    filtered on these ids rather than on their organisation's path: a join on the path made
    the database read every row of the county, the ids let the (organisation, year) index
    work. The scoping is the same (scope_queryset on the organisations)."""
    return scope_queryset(
        Organisation.objects.filter(path__startswith=organisation.path),
        user,
        org_field="",
        capabilities=capabilities,
    ).values("pk")


def _subtree(queryset, user, organisation: Organisation):
    """Active rows of the organisation's subtree, scoped to what the user may view."""
    return without_archived(queryset.filter(organisation__in=subtree_ids(user, organisation)))


def _deadlines(user, organisation: Organisation, today: date):
    mine = deadline_selectors.live(
        Deadline.objects.filter(organisation__in=subtree_ids(user, organisation))
    ).select_related("organisation")
    upcoming = deadline_selectors.upcoming_in(mine, today, DEADLINE_DAYS)
    overdue = deadline_selectors.overdue_in(mine, today)
    return (
        list(upcoming.prefetch_related("record")[:DEADLINE_LIST_LIMIT]),
        upcoming.count(),
        list(overdue.prefetch_related("record")[:DEADLINE_LIST_LIMIT]),
        overdue.count(),
    )


def _villages_without_service(user, organisation: Organisation, today: date):
    """Villages of the township with no 法律顾问 service on `today` or the 89 days before."""
    since = today - timedelta(days=SERVICE_WINDOW_DAYS - 1)
    villages = list(
        scope_queryset(
            Organisation.objects.filter(level=Level.VILLAGE, path__startswith=organisation.path),
            user,
            org_field="",
            capabilities=VIEW,
        ).order_by("code")
    )
    # The villages just read (scoped) are the only organisations asked for: the index on
    # (organisation, year) finds their rows.
    last_service = dict(
        LegalService.objects.active()
        .filter(organisation__in=[village.pk for village in villages], occurred_on__lte=today)
        .order_by()
        .values("organisation_id")
        .annotate(last=Max("occurred_on"))
        .values_list("organisation_id", "last")
    )
    gaps = [
        VillageGap(village, last_service.get(village.pk))
        for village in villages
        if last_service.get(village.pk) is None or last_service[village.pk] < since
    ]
    return len(villages), gaps


def _theme_gaps(user, organisation: Organisation, year: int, today: date):
    """Theme days of the year whose window is over with no activity of the township held in it."""
    past = [theme for theme in THEME_DAYS if theme.window(year)[1] < today]
    if not past:
        return [], 0
    years = {day.year for theme in past for day in theme.window(year)}
    counts = (
        _subtree(Activity.objects, user, organisation)
        .filter(year__in=sorted(years))
        .aggregate(
            **{
                theme.key: Count(
                    "pk", filter=Q(theme_day=theme.key, occurred_on__range=theme.window(year))
                )
                for theme in past
            }
        )
    )
    gaps = [ThemeGap(theme, *theme.window(year)) for theme in past if not counts[theme.key]]
    return sorted(gaps, key=lambda gap: gap.start), len(past)


def expiring_officers(user, organisation: Organisation, today: date) -> list:
    """Officers whose certificate has expired or expires within 90 days of `today`."""
    limit = today + timedelta(days=CERTIFICATE_WARNING_DAYS)
    return list(
        _subtree(Officer.objects, user, organisation)
        .filter(valid_until__lte=limit)
        .select_related("organisation")
        .order_by("valid_until", "pk")
    )


# --- charts ----------------------------------------------------------------------------------


def _list_url(slug: str, organisation: Organisation, year: int, **filters) -> str:
    query = {"year": year, "organisation": organisation.pk, **filters}
    return f"{reverse('ledgers:list', kwargs={'kind': slug})}?{urlencode(query)}"


def township_charts(user, organisation: Organisation, year: int) -> dict:
    """ECharts options (plain JSON) for the township's year; every data item carries the URL
    of the ledger records behind it."""
    return {
        "publicity": publicity_chart(user, organisation, year),
        "mediation": mediation_chart(user, organisation, year),
        "study": study_chart(user, organisation, year),
    }


def publicity_counts(user, organisation: Organisation, year: int) -> dict[tuple[str, int], int]:
    rows = (
        _subtree(Activity.objects, user, organisation)
        .filter(year=year)
        .order_by()
        .values("form", month=ExtractMonth("occurred_on"))
        .annotate(n=Count("pk"))
    )
    return {(row["form"], row["month"]): row["n"] for row in rows}


def publicity_chart(user, organisation: Organisation, year: int) -> dict:
    counts = publicity_counts(user, organisation, year)
    months = list(range(1, 13))
    series = []
    for form, label in Activity.Form.choices:
        if not any(counts.get((form, m)) for m in months):
            continue
        series.append(
            {
                "name": label,
                "type": "bar",
                "stack": "forms",
                "data": [
                    {
                        "value": counts.get((form, m), 0),
                        "url": _list_url(
                            "publicity-activities", organisation, year, form=form, month=m
                        ),
                    }
                    for m in months
                ],
            }
        )
    return {
        "title": "普法活动（按月、按形式）",
        "total": sum(counts.values()),
        "option": {
            "tooltip": {"trigger": "item"},
            "legend": {"type": "scroll", "bottom": 0},
            "grid": {"left": 40, "right": 16, "top": 16, "bottom": 56},
            "xAxis": {"type": "category", "data": [f"{m}月" for m in months]},
            "yAxis": {"type": "value", "minInterval": 1},
            "series": series,
        },
    }


def mediation_counts(user, organisation: Organisation, year: int) -> dict[str, int]:
    rows = (
        _subtree(MediationCase.objects, user, organisation)
        .filter(year=year)
        .order_by()
        .values("result")
        .annotate(n=Count("pk"))
    )
    return {row["result"]: row["n"] for row in rows}


def mediation_chart(user, organisation: Organisation, year: int) -> dict:
    counts = mediation_counts(user, organisation, year)
    data = [
        {
            "name": label,
            "value": counts[result],
            "url": _list_url("mediations", organisation, year, result=result),
        }
        for result, label in MediationCase.Result.choices
        if counts.get(result)
    ]
    if counts.get(""):
        # Cases still being mediated have no result to filter on: list the whole year.
        data.append(
            {
                "name": "调解中",
                "value": counts[""],
                "url": _list_url("mediations", organisation, year),
            }
        )
    return {
        "title": "调解结果",
        "total": sum(counts.values()),
        "option": {
            "tooltip": {"trigger": "item", "formatter": "{b}：{c}件（{d}%）"},
            "legend": {"bottom": 0},
            "series": [{"type": "pie", "radius": ["35%", "65%"], "data": data}],
        },
    }


def study_counts(user, organisation: Organisation, year: int) -> dict[str, int]:
    rows = (
        _subtree(StudySession.objects, user, organisation)
        .filter(year=year)
        .order_by()
        .values("session_type")
        .annotate(n=Count("pk"))
    )
    return {row["session_type"]: row["n"] for row in rows}


def study_chart(user, organisation: Organisation, year: int) -> dict:
    counts = study_counts(user, organisation, year)
    choices = StudySession.Type.choices
    return {
        "title": "学法活动（按形式）",
        "total": sum(counts.values()),
        "option": {
            "tooltip": {"trigger": "item"},
            "grid": {"left": 96, "right": 24, "top": 8, "bottom": 24},
            "xAxis": {"type": "value", "minInterval": 1},
            "yAxis": {"type": "category", "data": [label for _, label in choices]},
            "series": [
                {
                    "type": "bar",
                    "data": [
                        {
                            "value": counts.get(key, 0),
                            "url": _list_url(
                                "study-sessions", organisation, year, session_type=key
                            ),
                        }
                        for key, _ in choices
                    ],
                }
            ],
        },
    }


# --- county dashboard ------------------------------------------------------------------------

SORT_NAME = "name"
SORT_OVERDUE = "overdue"


def counties_for(user):
    return deadline_selectors.counties_inspected(user).order_by("code")


def county_or_404(user, code: str | None) -> tuple[Organisation, list[Organisation]]:
    """The county asked for (or the user's first) among those the user inspects."""
    counties = list(counties_for(user))
    if not counties:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("只有县（区）督察和系统管理员可以查看各乡镇对比。")
    if not code:
        return counties[0], counties
    for county in counties:
        if county.code == code:
            return county, counties
    raise Http404("未找到该县（区），或您无权查看。")


def parse_codes(values: list[str]) -> tuple[list[str], bool]:
    """Codes from ?codes=a,b (or repeated ?codes=): "all" for every indicator, the key ones by
    default; unknown codes are dropped. Also says whether every indicator is shown."""
    catalogue = load_catalogue()
    wanted = [part.strip() for value in values for part in value.split(",") if part.strip()]
    if "all" in wanted:
        return catalogue_codes(), True
    codes = list(dict.fromkeys(code for code in wanted if code in catalogue))
    return (codes or catalogue.key_codes), False


@dataclass
class CountyColumn:
    indicator: Indicator
    computed: bool

    @property
    def code(self) -> str:
        return self.indicator.code


@dataclass
class CountyRow:
    township: Organisation
    cells: list[Cell]
    overdue: int


@dataclass
class CountyDashboard:
    county: Organisation
    counties: list[Organisation]
    year: int
    today: date
    columns: list[CountyColumn]
    rows: list[CountyRow]
    sort: str
    order: str
    all_codes: bool
    codes_param: str = ""
    overdue_total: int = field(default=0)


def _ranks(values: dict[int, object], *, lower_is_better: bool = False) -> dict[int, int]:
    """Competition ranks (1, 2, 2, 4), the best value first (the highest, or the lowest for
    figures such as overdue items); no rank without a value."""
    present = sorted(v for v in values.values() if v is not None)
    if lower_is_better:
        return {key: 1 + bisect_left(present, v) for key, v in values.items() if v is not None}
    return {
        key: 1 + len(present) - bisect_right(present, v)
        for key, v in values.items()
        if v is not None
    }


def overdue_by_township(user, townships: list[Organisation], county, today: date) -> dict:
    """Overdue deadline counts per township in one grouped query."""
    scoped = Deadline.objects.filter(organisation__in=subtree_ids(user, county, COUNTY_VIEW))
    overdue = deadline_selectors.overdue_in(deadline_selectors.live(scoped), today)
    per_path = (
        overdue.order_by()
        .values("organisation__path")
        .annotate(n=Count("pk"))
        .values_list("organisation__path", "n")
    )
    counts: dict[int, int] = defaultdict(int)
    for path, n in per_path:
        for township in townships:
            if path.startswith(township.path):
                counts[township.pk] += n
    return counts


def county_dashboard(
    user,
    county: Organisation,
    counties,
    year: int,
    today: date,
    codes,
    *,
    all_codes=False,
    sort: str = SORT_NAME,
    order: str = "asc",
) -> CountyDashboard:
    catalogue = load_catalogue()
    townships = list(
        scope_queryset(
            Organisation.objects.filter(level=Level.TOWNSHIP, parent=county),
            user,
            org_field="",
            capabilities=VIEW,
        ).order_by("code")
    )
    cells = cells_for(codes, townships, year, today=today)
    ranked = {}
    for code in codes:
        ranks = _ranks(
            {t.pk: cells[(code, t.pk)].value for t in townships},
            lower_is_better=load_catalogue()[code].better == "lower",
        )
        for township in townships:
            cell = cells[(code, township.pk)]
            ranked[(code, township.pk)] = Cell(
                cell.indicator,
                township,
                year,
                cell.value,
                cell.previous,
                cell.computed,
                ranks.get(township.pk),
            )
    overdue = overdue_by_township(user, townships, county, today)
    rows = [
        CountyRow(township, [ranked[(code, township.pk)] for code in codes], overdue[township.pk])
        for township in townships
    ]
    if sort not in (SORT_NAME, SORT_OVERDUE, *codes):
        sort = SORT_NAME
    order = "desc" if order == "desc" else "asc"
    rows = _sorted(rows, codes, sort, order)
    ready = set(computable(codes))
    return CountyDashboard(
        county=county,
        counties=list(counties),
        year=year,
        today=today,
        columns=[CountyColumn(catalogue[code], code in ready) for code in codes],
        rows=rows,
        sort=sort,
        order=order,
        all_codes=all_codes,
        codes_param="all" if all_codes else ",".join(codes),
        overdue_total=sum(row.overdue for row in rows),
    )


def _sorted(rows: list[CountyRow], codes: list[str], sort: str, order: str) -> list[CountyRow]:
    reverse = order == "desc"
    if sort == SORT_NAME:
        return sorted(rows, key=lambda row: row.township.code, reverse=reverse)
    if sort == SORT_OVERDUE:
        return sorted(rows, key=lambda row: (row.overdue, row.township.code), reverse=reverse)
    index = codes.index(sort)
    # Townships without a value go last whichever way the column is sorted.
    known = [row for row in rows if row.cells[index].value is not None]
    unknown = [row for row in rows if row.cells[index].value is None]
    known.sort(key=lambda row: row.township.code)
    known.sort(key=lambda row: row.cells[index].value, reverse=reverse)
    return known + sorted(unknown, key=lambda row: row.township.code)


def county_workbook(dashboard: CountyDashboard):
    """The county table as an openpyxl workbook: the same rows, values, ranks and changes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{dashboard.year}年各乡镇对比"
    sheet.append([f"{dashboard.county.name} {dashboard.year}年各乡镇（街道）法治建设指标对比"])
    sheet["A1"].font = Font(bold=True, size=13)
    header = ["乡镇（街道）", "单位代码"]
    for column in dashboard.columns:
        name = f"{column.indicator.name}（{column.indicator.unit}）"
        header += [name, f"{name}排名", f"{name}上年", f"{name}同比变化"]
    header.append("逾期期限（项）")
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in dashboard.rows:
        values = [row.township.name, row.township.code]
        for cell in row.cells:
            if not cell.computed:
                values += [NOT_COMPUTED, None, NOT_COMPUTED, None]
                continue
            values += [cell.value, cell.rank, cell.previous, cell.change]
        values.append(row.overdue)
        sheet.append(values)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 14
    sheet.freeze_panes = "C3"
    return workbook
