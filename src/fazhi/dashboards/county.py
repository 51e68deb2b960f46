"""The county comparison: every township of a county side by side, with ranks, the change on
last year and the overdue deadlines of each. One engine.evaluate and one grouped deadline query
for the whole county, whatever the number of townships."""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from django.http import Http404

from fazhi.catalogue import Indicator, load_catalogue
from fazhi.core.http import require
from fazhi.dashboards.cells import Cell, cells_for
from fazhi.deadlines import selectors as deadlines
from fazhi.indicators.registry import catalogue_codes
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import organisations_in

VIEW = {Capability.LEDGER_VIEW}
SORT_NAME = "name"
SORT_OVERDUE = "overdue"


def counties_for(user):
    return deadlines.counties_inspected(user).order_by("code")


def county_or_404(user, code: str | None) -> tuple[Organisation, list[Organisation]]:
    """The county asked for (or the user's first) among those the user inspects."""
    counties = list(counties_for(user))
    require(bool(counties), "只有县（区）督察和系统管理员可以查看各乡镇对比。")
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
    columns: list[Indicator]
    rows: list[CountyRow]
    sort: str
    order: str
    all_codes: bool
    codes_param: str = ""

    @property
    def overdue_total(self) -> int:
        return sum(row.overdue for row in self.rows)


def ranks(values: dict[int, object], *, lower_is_better: bool = False) -> dict[int, int]:
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
        organisations_in(county, user=user, capabilities=VIEW)
        .filter(level=Level.TOWNSHIP, parent=county)
        .order_by("code")
    )
    cells = cells_for(codes, townships, year, today=today)
    ranked = {}
    for code in codes:
        by_township = ranks(
            {t.pk: cells[(code, t.pk)].value for t in townships},
            lower_is_better=catalogue[code].better == "lower",
        )
        for township in townships:
            cell = cells[(code, township.pk)]
            ranked[(code, township.pk)] = Cell(
                cell.indicator,
                township,
                year,
                cell.value,
                cell.previous,
                by_township.get(township.pk),
            )
    overdue = deadlines.overdue_counts(
        townships, today=today, organisation=county, user=user, capabilities=deadlines.COUNTY_VIEW
    )
    rows = [
        CountyRow(township, [ranked[(code, township.pk)] for code in codes], overdue[township.pk])
        for township in townships
    ]
    if sort not in (SORT_NAME, SORT_OVERDUE, *codes):
        sort = SORT_NAME
    order = "desc" if order == "desc" else "asc"
    return CountyDashboard(
        county=county,
        counties=list(counties),
        year=year,
        today=today,
        columns=[catalogue[code] for code in codes],
        rows=_sorted(rows, codes, sort, order),
        sort=sort,
        order=order,
        all_codes=all_codes,
        codes_param="all" if all_codes else ",".join(codes),
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
