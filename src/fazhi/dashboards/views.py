"""Dashboard pages. Thin: the township and county modules gather, the templates show."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.catalogue import load_catalogue
from fazhi.core.http import require, year_param
from fazhi.dashboards import county as counties
from fazhi.dashboards.cells import domain_of
from fazhi.dashboards.township import township_dashboard, township_or_404
from fazhi.dashboards.workbook import county_workbook
from fazhi.indicators.selectors import require_figure_viewer
from fazhi.orgs.roles import ROLE_CAPABILITIES, Capability, Level
from fazhi.orgs.scoping import memberships_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
def home(request):
    """The user's own dashboard: the county one for county roles, else the township's."""
    require_figure_viewer(request.user)
    if counties.counties_for(request.user).exists():
        return redirect("dashboards:county")
    for membership in memberships_of(request.user):
        organisation = membership.organisation
        if Capability.LEDGER_VIEW not in ROLE_CAPABILITIES[membership.role]:
            continue
        if organisation.level == Level.TOWNSHIP:
            return redirect("dashboards:township", code=organisation.code)
    require(False, "您的角色没有可查看的乡镇（街道）看板。")


@require_GET
def township(request, code):
    organisation = township_or_404(request.user, code)
    today = timezone.localdate()
    year = year_param(request, today.year)
    dashboard = township_dashboard(request.user, organisation, year, today)
    context = {
        "dashboard": dashboard,
        "organisation": organisation,
        "year": year,
        "today": today,
        "years": _year_choices(today),
        "may_compare": counties.counties_for(request.user).exists(),
    }
    return render(request, "dashboards/township.html", context)


def _year_choices(today) -> list[int]:
    return list(range(today.year, today.year - 6, -1))


def _county_dashboard(request):
    county, choices = counties.county_or_404(request.user, request.GET.get("county"))
    today = timezone.localdate()
    codes, all_codes = counties.parse_codes(request.GET.getlist("codes"))
    return counties.county_dashboard(
        request.user,
        county,
        choices,
        year_param(request, today.year),
        today,
        codes,
        all_codes=all_codes,
        sort=request.GET.get("sort", counties.SORT_NAME),
        order=request.GET.get("order", "asc"),
    )


def _query(dashboard, **changes) -> str:
    params = {"year": dashboard.year, "codes": dashboard.codes_param}
    if len(dashboard.counties) > 1:
        params["county"] = dashboard.county.code
    params.update({"sort": dashboard.sort, "order": dashboard.order})
    params.update(changes)
    return urlencode(params)


@require_GET
def county(request):
    dashboard = _county_dashboard(request)
    sort_links = {}
    for key in [counties.SORT_NAME, counties.SORT_OVERDUE, *[c.code for c in dashboard.columns]]:
        # A second click on the sorted column turns the order round; values sort high first.
        if dashboard.sort == key:
            order = "asc" if dashboard.order == "desc" else "desc"
        else:
            order = "asc" if key == counties.SORT_NAME else "desc"
        sort_links[key] = "?" + _query(dashboard, sort=key, order=order)
    selected = {column.code for column in dashboard.columns}
    catalogue = load_catalogue()
    choices = [(domain_of(item.code), item, item.code in selected) for item in catalogue.indicators]
    context = {
        "dashboard": dashboard,
        "year": dashboard.year,
        "today": dashboard.today,
        "years": _year_choices(dashboard.today),
        "sort_links": sort_links,
        "headers": [(column, sort_links[column.code]) for column in dashboard.columns],
        "overdue_url": reverse("deadlines:county"),
        "export_url": reverse("dashboards:county_export") + "?" + _query(dashboard),
        "choices": choices,
        "key_codes": ",".join(catalogue.key_codes),
    }
    return render(request, "dashboards/county.html", context)


@require_GET
def county_export(request):
    dashboard = _county_dashboard(request)
    workbook = county_workbook(dashboard)
    response = HttpResponse(content_type=XLSX)
    filename = f"county-{dashboard.county.code}-{dashboard.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    workbook.save(response)
    return response
