"""Pages of 普法 beyond the generic ledger pages. Thin: the selectors compute."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.core.http import require, year_param
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import may_view_kind
from fazhi.orgs.scoping import scope_root
from fazhi.publicity import selectors
from fazhi.publicity.theme_days import WINDOW_DAYS


@require_GET
def calendar(request):
    kind = get_kind(selectors.ACTIVITIES)
    require(may_view_kind(request.user, kind), "您的角色无权查看普法台账。")
    today = timezone.localdate()
    year = year_param(request, today.year)
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
