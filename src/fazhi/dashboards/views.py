"""Dashboard pages. Thin: the township and county modules gather, the templates show."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.catalogue import load_catalogue
from fazhi.core.http import require, year_param
from fazhi.core.routers import replica_view
from fazhi.dashboards import county as counties
from fazhi.dashboards import domains
from fazhi.dashboards import province as regions
from fazhi.dashboards.cells import domain_of
from fazhi.dashboards.county_charts import county_charts
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
    if regions.regions_for(request.user).exists():
        return redirect("dashboards:province")
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
@replica_view
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
    domain = counties.parse_domain(request.GET.get("domain"))
    codes, all_codes = counties.parse_codes(request.GET.getlist("codes"), domain)
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
        domain=domain,
        chart=request.GET.get("chart"),
    )


def _base(dashboard) -> dict:
    """The year and county of the page: what every link on it keeps."""
    params = {"year": dashboard.year}
    if len(dashboard.counties) > 1:
        params["county"] = dashboard.county.code
    return params


def _query(dashboard, **changes) -> str:
    params = _base(dashboard)
    if dashboard.domain:
        params["domain"] = dashboard.domain
    params["codes"] = dashboard.codes_param
    params.update({"sort": dashboard.sort, "order": dashboard.order})
    if dashboard.chart_code:
        params["chart"] = dashboard.chart_code
    params.update(changes)
    return urlencode({key: value for key, value in params.items() if value != ""})


def _tabs(dashboard) -> list[tuple[str, str, str, bool]]:
    """(slug, label, link, active) of the overview and each domain."""
    base = _base(dashboard)
    tabs = [("", "概览", "?" + urlencode(base), not dashboard.domain)]
    for domain in domains.domains():
        link = "?" + urlencode({**base, "domain": domain.slug})
        tabs.append((domain.slug, domain.label, link, dashboard.domain == domain.slug))
    return tabs


def _scope_links(dashboard) -> dict:
    """The domain's key figures and all of its figures (of the catalogue on the overview)."""
    base = {**_base(dashboard), **({"domain": dashboard.domain} if dashboard.domain else {})}
    domain = domains.domain_named(dashboard.domain)
    return {
        "key": "?" + urlencode(base),
        "all": "?" + urlencode({**base, "codes": "all"}),
        "all_count": len(domain.codes) if domain else len(load_catalogue()),
        "label": domain.label if domain else "全部领域",
    }


@require_GET
@replica_view
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
    charts = county_charts(dashboard)
    context = {
        "dashboard": dashboard,
        "year": dashboard.year,
        "today": dashboard.today,
        "years": _year_choices(dashboard.today),
        "sort_links": sort_links,
        "headers": [(column, sort_links[column.code]) for column in dashboard.columns],
        "overdue_url": reverse("deadlines:county"),
        "may_compare_counties": regions.regions_for(request.user).exists(),
        "export_url": reverse("dashboards:county_export") + "?" + _query(dashboard),
        "choices": choices,
        "tabs": _tabs(dashboard),
        "scope": _scope_links(dashboard),
        "charts": charts,
        "charts_json": {
            key: {"option": c["option"], "height": c.get("height")} for key, c in charts.items()
        },
    }
    return render(request, "dashboards/county.html", context)


@require_GET
@replica_view
def province(request):
    """A province's (or city's) counties side by side, for its inspectors."""
    region, choices = regions.region_or_404(request.user, request.GET.get("region"))
    today = timezone.localdate()
    year = year_param(request, today.year)
    domain = counties.parse_domain(request.GET.get("domain"))
    codes, _ = counties.parse_codes(request.GET.getlist("codes"), domain)
    dashboard = regions.region_dashboard(
        request.user, region, choices, year, today, codes, domain=domain
    )
    base = {"year": year, "region": region.code}
    tabs = [("", "概览", "?" + urlencode(base), not domain)]
    for item in domains.domains():
        link = "?" + urlencode({**base, "domain": item.slug})
        tabs.append((item.slug, item.label, link, domain == item.slug))
    context = {
        "dashboard": dashboard,
        "year": year,
        "today": today,
        "years": _year_choices(today),
        "tabs": tabs,
        "county_url": reverse("dashboards:county"),
    }
    return render(request, "dashboards/province.html", context)


@require_GET
@replica_view
def county_export(request):
    dashboard = _county_dashboard(request)
    workbook = county_workbook(dashboard)
    response = HttpResponse(content_type=XLSX)
    filename = f"county-{dashboard.county.code}-{dashboard.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    workbook.save(response)
    return response
