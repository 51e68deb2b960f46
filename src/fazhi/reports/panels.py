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
