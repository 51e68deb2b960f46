"""The county inspector's home-page panel: the county comparison's headline (townships, overdue
deadlines across them, the weakest figures by rank) with links into the comparison. Computed by
the comparison itself (county.county_dashboard over the catalogue's key figures)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from fazhi.catalogue import load_catalogue
from fazhi.core.home import Panel
from fazhi.dashboards import county as counties

# Home panels of the county's year: report board 10, scores 20, findings 30, this one 40.
ORDER = 40
WEAKEST = 3


def county_panel(request) -> Panel | None:
    user = request.user
    if not user.is_authenticated:
        return None
    choices = list(counties.counties_for(user))
    if not choices:
        return None
    county = choices[0]
    today = timezone.localdate()
    dashboard = counties.county_dashboard(
        user, county, choices, today.year, today, load_catalogue().key_codes
    )
    base = {"year": dashboard.year}
    if len(choices) > 1:
        base["county"] = county.code
    comparison = reverse("dashboards:county")
    weakest = [
        (weak, _link(comparison, base, weak)) for weak in counties.weakest(dashboard, WEAKEST)
    ]
    return Panel(
        title=f"{county.name} · {dashboard.year}年各乡镇（街道）对比",
        template="dashboards/_county_panel.html",
        context={
            "dashboard": dashboard,
            "weakest": weakest,
            "comparison_url": f"{comparison}?{urlencode(base)}",
            "overdue_url": reverse("deadlines:county"),
        },
        order=ORDER,
        link=f"{comparison}?{urlencode(base)}",
    )


def _link(comparison: str, base: dict, weak: counties.Weak) -> str:
    """The weak figure's domain, sorted by it, the bar chart showing it."""
    code = weak.cell.code
    query = {**base, "domain": weak.domain, "sort": code, "order": "desc"}
    return f"{comparison}?{urlencode({**query, 'chart': code})}"
