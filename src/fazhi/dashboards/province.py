"""The comparison above a county: every county under a province or city the user inspects, side
by side, ranked, with the region's own figure below, each county linking to its own comparison
of townships. The figures are the county page's cells (one engine.evaluate for every row)."""

from dataclasses import dataclass
from datetime import date

from fazhi.catalogue import Indicator, load_catalogue
from fazhi.dashboards import domains
from fazhi.dashboards.cells import Cell, cells_for
from fazhi.dashboards.county import chosen_or_404, ranks
from fazhi.deadlines import selectors as deadlines
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import ABOVE_COUNTY, Level
from fazhi.orgs.scoping import organisations_in, scope_queryset


def regions_for(user):
    """Provinces and cities in the subtrees where the user inspects (or administers), the
    widest first."""
    regions = Organisation.objects.filter(level__in=ABOVE_COUNTY)
    return scope_queryset(regions, user, org_field="", capabilities=deadlines.COUNTY_VIEW).order_by(
        "path"
    )


def region_or_404(user, code: str | None) -> tuple[Organisation, list[Organisation]]:
    """The province or city asked for (or the user's widest) among those the user inspects."""
    return chosen_or_404(
        list(regions_for(user)),
        code,
        refused="只有省、市督察可以查看各县（区）对比。",
        missing="未找到该地区，或您无权查看。",
    )


@dataclass
class RegionRow:
    county: Organisation
    cells: list[Cell]
    overdue: int


@dataclass
class RegionDashboard:
    region: Organisation
    regions: list[Organisation]
    year: int
    today: date
    domain: str
    columns: list[Indicator]
    rows: list[RegionRow]
    totals: list[Cell]  # the region's own figure (its whole subtree) per column

    @property
    def overdue_total(self) -> int:
        return sum(row.overdue for row in self.rows)

    @property
    def groups(self) -> list[tuple[domains.Domain, int]]:
        return domains.column_groups([column.code for column in self.columns])


def region_dashboard(
    user, region: Organisation, regions, year: int, today: date, codes, *, domain=""
) -> RegionDashboard:
    catalogue = load_catalogue()
    counties = list(
        organisations_in(region, user=user, capabilities=deadlines.COUNTY_VIEW)
        .filter(level=Level.COUNTY)
        .order_by("code")
    )
    cells = cells_for(codes, [*counties, region], year, today=today)
    rows = []
    by_code = {
        code: ranks(
            {c.pk: cells[(code, c.pk)].value for c in counties},
            lower_is_better=catalogue[code].better == "lower",
        )
        for code in codes
    }
    overdue = deadlines.overdue_counts(
        counties,
        today=today,
        organisation=region,
        user=user,
        capabilities=deadlines.COUNTY_VIEW,
    )
    for county in counties:
        row_cells = []
        for code in codes:
            cell = cells[(code, county.pk)]
            row_cells.append(
                Cell(
                    cell.indicator,
                    county,
                    year,
                    cell.value,
                    cell.previous,
                    by_code[code].get(county.pk),
                )
            )
        rows.append(RegionRow(county, row_cells, overdue[county.pk]))
    return RegionDashboard(
        region=region,
        regions=list(regions),
        year=year,
        today=today,
        domain=domain,
        columns=[catalogue[code] for code in codes],
        rows=rows,
        totals=[cells[(code, region.pk)] for code in codes],
    )
