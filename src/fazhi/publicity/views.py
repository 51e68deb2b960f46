"""Pages of 普法 beyond the generic ledger pages. Thin: the selectors compute."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import may_view_kind
from fazhi.orgs.scoping import scope_root
from fazhi.publicity import selectors
from fazhi.publicity.theme_days import WINDOW_DAYS

MIN_YEAR, MAX_YEAR = 2000, 2100


def _year(raw: str | None, default: int) -> int:
    try:
        year = int(raw)
    except (TypeError, ValueError):
        return default
    return year if MIN_YEAR <= year <= MAX_YEAR else default


@require_GET
def calendar(request):
    kind = get_kind(selectors.ACTIVITIES)
    if not may_view_kind(request.user, kind):
        raise PermissionDenied("您的角色无权查看普法台账。")
    today = timezone.localdate()
    year = _year(request.GET.get("year"), today.year)
    entries = selectors.theme_day_calendar(request.user, year, today=today)
    return render(
        request,
        "publicity/calendar.html",
        {
            "kind": kind,
            "year": year,
            "entries": entries,
            "summary": selectors.calendar_summary(entries),
            "root": scope_root(request.user, kind.view_capabilities),  # data-org of the figures
            "window_days": WINDOW_DAYS,
        },
    )
