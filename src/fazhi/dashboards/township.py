"""The township dashboard: every catalogue figure against last year, deadlines, coverage gaps
and charts. Figures come from fazhi.indicators; lists and counts from the ledger apps'
selectors. Nothing here queries per record, so a page costs the same for ten records or ten
thousand."""

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from fazhi.catalogue import load_catalogue
from fazhi.dashboards.cells import Cell, cells_for, domain_of
from fazhi.dashboards.charts import Chart, township_charts
from fazhi.deadlines import selectors as deadlines
from fazhi.enforcement import selectors as enforcement
from fazhi.indicators.registry import catalogue_codes
from fazhi.indicators.selectors import organisation_or_404
from fazhi.legal_services import selectors as legal_services
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level
from fazhi.publicity import selectors as publicity

DEADLINE_DAYS = deadlines.DEFAULT_DAYS  # 14
DEADLINE_LIST_LIMIT = 50  # the page lists this many of each; the badge gives the full count


@dataclass
class DomainSection:
    label: str
    cells: list[Cell]


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
    villages: list
    villages_without_service: list
    theme_gaps: list
    themes_past: list
    expiring_officers: list
    charts: dict[str, Chart]
    deadline_days: int = DEADLINE_DAYS
    service_window_days: int = legal_services.SERVICE_WINDOW_DAYS
    certificate_warning_days: int = enforcement.EXPIRY_WARNING_DAYS

    @property
    def charts_json(self) -> dict:
        return {key: chart.as_json() for key, chart in self.charts.items()}


def township_or_404(user, code: str) -> Organisation:
    """A township whose dashboard the user may open (403 without ledger view, else 404)."""
    organisation = organisation_or_404(user, code)
    if organisation.level != Level.TOWNSHIP:
        raise Http404("乡镇（街道）看板只对乡镇（街道）开放。")
    return organisation


def township_dashboard(user, organisation: Organisation, year: int, today: date):
    codes = catalogue_codes()
    cells = cells_for(codes, [organisation], year, today=today)
    domains: dict[str, list[Cell]] = {}
    for code in codes:
        domains.setdefault(domain_of(code), []).append(cells[(code, organisation.pk)])
    scope = {"organisation": organisation, "user": user}
    upcoming = deadlines.upcoming_deadlines(today=today, days=DEADLINE_DAYS, **scope)
    overdue = deadlines.overdue_deadlines(today=today, **scope)
    return TownshipDashboard(
        organisation=organisation,
        year=year,
        today=today,
        key_cells=[cells[(code, organisation.pk)] for code in load_catalogue().key_codes],
        domains=[DomainSection(label, items) for label, items in domains.items()],
        upcoming=list(upcoming.prefetch_related("record")[:DEADLINE_LIST_LIMIT]),
        upcoming_count=upcoming.count(),
        overdue=list(overdue.prefetch_related("record")[:DEADLINE_LIST_LIMIT]),
        overdue_count=overdue.count(),
        villages=legal_services.villages_in(**scope),
        villages_without_service=legal_services.villages_without_recent_service(
            today=today, **scope
        ),
        theme_gaps=publicity.theme_days_without_activity(year=year, today=today, **scope),
        themes_past=publicity.theme_days_past(year=year, today=today),
        expiring_officers=list(enforcement.expiring_certificates(today=today, **scope)),
        charts=township_charts(user, organisation, year),
    )
