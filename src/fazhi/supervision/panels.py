"""The supervision panel of the home page (工作台): the township's unclosed findings, or for
the inspector the rectifications waiting for 销号 and the county's open and overdue counts."""

from django.urls import reverse
from django.utils import timezone

from fazhi.core.home import Panel
from fazhi.orgs.scoping import scope_root, user_capabilities
from fazhi.supervision import selectors

SHOWN = 10  # rows on the home page; the list has the rest


def panel(request) -> Panel | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    today = timezone.localdate()
    if selectors.may_inspect(user):
        return _inspector(user, today)
    if user_capabilities(user) & selectors.VIEW:
        return _township(user, today)
    return None


def _inspector(user, today) -> Panel | None:
    root = scope_root(user, selectors.INSPECT)
    by_state = selectors.findings_by_state(organisation=root, user=user)
    if not by_state["open"] and not by_state["rectified"]:
        return None
    awaiting = list(selectors.awaiting_close(user)[:SHOWN])
    context = {
        "root": root,
        "year": today.year,
        "by_state": by_state,
        "overdue": selectors.overdue_findings(today=today, organisation=root, user=user),
        "awaiting": awaiting,
        "more": by_state["rectified"] - len(awaiting),
    }
    return Panel(
        "督察问题 · 待销号",
        "supervision/panel_county.html",
        context,
        order=30,
        link=reverse("supervision:list"),
    )


def _township(user, today) -> Panel | None:
    findings = list(selectors.unclosed_for(user)[: SHOWN + 1])
    if not findings:
        return None
    rows = [
        (f, selectors.is_overdue(f, today), selectors.is_carried_over(f, today))
        for f in findings[:SHOWN]
    ]
    return Panel(
        "督察问题整改",
        "supervision/panel_township.html",
        {"rows": rows, "more": len(findings) > SHOWN},
        order=30,
        link=reverse("supervision:list"),
    )
