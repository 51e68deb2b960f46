"""The county comparison: every township of a county side by side, with ranks, the change on
last year and the overdue deadlines of each, and the county's own figure below them. The
indicators are shown one domain at a time (its key figures, or all of them on demand). One
engine.evaluate and one grouped deadline query for the whole county, whatever the number of
townships."""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from django.http import Http404

from fazhi.catalogue import Indicator, load_catalogue
from fazhi.core.http import require
from fazhi.dashboards import domains
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


def chosen_or_404(
    choices: list[Organisation], code: str | None, *, refused: str, missing: str
) -> tuple[Organisation, list[Organisation]]:
    """The organisation of `code` among the user's `choices` (the first without a code): 403
    with `refused` when there is none to choose, 404 with `missing` for a code not among them."""
    require(bool(choices), refused)
    if not code:
        return choices[0], choices
    for choice in choices:
        if choice.code == code:
            return choice, choices
    raise Http404(missing)


def county_or_404(user, code: str | None) -> tuple[Organisation, list[Organisation]]:
    """The county asked for (or the user's first) among those the user inspects."""
    return chosen_or_404(
        list(counties_for(user)),
        code,
        refused="只有县（区）督察和系统管理员可以查看各乡镇对比。",
        missing="未找到该县（区），或您无权查看。",
    )


def parse_domain(value: str | None) -> str:
    """The domain tab asked for (?domain=publicity); the overview for anything else."""
    domain = domains.domain_named(value)
    return domain.slug if domain else domains.OVERVIEW


def parse_codes(values: list[str], domain: str = domains.OVERVIEW) -> tuple[list[str], bool]:
    """Codes from ?codes=a,b (or repeated ?codes=), in catalogue order: "all" for every
    indicator of the domain (of the catalogue on the overview), by default the domain's key
    figures (one headline figure per domain on the overview); unknown codes are dropped. Also
    says whether every indicator of the domain is shown."""
    catalogue = load_catalogue()
    chosen = domains.domain_named(domain)
    wanted = [part.strip() for value in values for part in value.split(",") if part.strip()]
    if "all" in wanted:
        return (list(chosen.codes) if chosen else catalogue_codes()), True
    codes = domains.in_catalogue_order(code for code in wanted if code in catalogue)
    if codes:
        return codes, False
    return (list(chosen.key_codes) if chosen else domains.headline_codes()), False


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
    domain: str = domains.OVERVIEW
    totals: list[Cell] = field(default_factory=list)  # the county's own figure per column
    chart_code: str = ""  # the indicator of the bar chart

    @property
    def overdue_total(self) -> int:
        """Overdue deadlines across the townships: the sum of the rows' grouped counts."""
        return sum(row.overdue for row in self.rows)

    @property
    def groups(self) -> list[tuple[domains.Domain, int]]:
        return domains.column_groups([column.code for column in self.columns])

    @property
    def chart_column(self) -> Indicator | None:
        return next((c for c in self.columns if c.code == self.chart_code), None)

    def column_cells(self, code: str) -> list[Cell]:
        """One column's township cells in the order of the rows."""
        index = [column.code for column in self.columns].index(code)
        return [row.cells[index] for row in self.rows]


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
    domain: str = domains.OVERVIEW,
    chart: str | None = None,
) -> CountyDashboard:
    catalogue = load_catalogue()
    townships = list(
        organisations_in(county, user=user, capabilities=VIEW)
        .filter(level=Level.TOWNSHIP, parent=county)
        .order_by("code")
    )
    # The county's own figure (its whole subtree) comes from the same evaluation.
    cells = cells_for(codes, [*townships, county], year, today=today)
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
    if chart not in codes:
        chart = sort if sort in codes else (codes[0] if codes else "")
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
        domain=domain,
        totals=[cells[(code, county.pk)] for code in codes],
        chart_code=chart,
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


@dataclass(frozen=True)
class Weak:
    """A figure on which a township ranks last, beside the best township's."""

    cell: Cell
    ranked: int  # townships with a value
    best: Cell
    shortfall: float  # the gap to the best value, as a share of the larger of the two

    @property
    def domain(self) -> str:
        return domains.prefix_of(self.cell.code)


def weakest(dashboard: CountyDashboard, limit: int = 3) -> list[Weak]:
    """The weakest figures by rank: cells ranked last (among at least two townships, not all
    tied), the largest shortfall from the best township first."""
    found = []
    for index in range(len(dashboard.columns)):
        cells = [row.cells[index] for row in dashboard.rows if row.cells[index].rank]
        last = max((cell.rank for cell in cells), default=1)
        if last == 1:
            continue
        best = next(cell for cell in cells if cell.rank == 1)
        for cell in cells:
            if cell.rank == last:
                found.append(Weak(cell, len(cells), best, _shortfall(cell.value, best.value)))
    found.sort(key=lambda weak: (-weak.shortfall, weak.cell.organisation.code, weak.cell.code))
    return found[:limit]


def _shortfall(value, best) -> float:
    larger = max(abs(value), abs(best))
    return float(abs(best - value)) / float(larger) if larger else 0.0
