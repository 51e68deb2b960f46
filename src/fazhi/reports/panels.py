"""The reports' panel on the home page (工作台): a township's reports the county returned."""

from django.urls import reverse

from fazhi.core.home import Panel
from fazhi.orgs.scoping import user_capabilities
from fazhi.reports import selectors


def returned_reports(request) -> Panel | None:
    user = request.user
    if not user_capabilities(user) & set(selectors.WRITERS):
        return None
    returns = selectors.returns_for(user)
    if not returns:
        return None
    return Panel(
        title="县里退回修改的年度报告",
        template="reports/_returned_panel.html",
        context={"returns": returns},
        order=10,
        link=reverse("reports:list"),
    )


def county_board(request) -> Panel | None:
    """The inspector's headline of last year's report collection (报告收取), from the board's
    own computation."""
    from django.utils import timezone

    from fazhi.reports.collection import collection_board, collection_summary, inspected_counties

    county = inspected_counties(request.user).order_by("code").first()
    if county is None:
        return None
    year = timezone.localdate().year - 1
    rows = collection_board(county, year)
    url = f"{reverse('reports:board')}?county={county.code}&year={year}"
    return Panel(
        title=f"{county.name} · {year}年度报告收取",
        template="reports/_board_panel.html",
        context={"summary": collection_summary(rows), "rows": rows, "url": url, "year": year},
        order=10,
        link=url,
    )
