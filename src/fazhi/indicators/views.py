"""Indicator pages. Thin: figures come from engine.evaluate, records from selectors."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.core.http import year_param
from fazhi.core.routers import replica_view
from fazhi.indicators import selectors
from fazhi.indicators.formatting import format_value


@require_GET
@replica_view
def figure_records(request, code, indicator):
    organisation = selectors.organisation_or_404(request.user, code)
    item = selectors.indicator_or_404(indicator)
    year = year_param(request, timezone.localdate().year)
    value, sections = selectors.figure_sections(
        request.user, item, organisation, year, request.GET.get("page")
    )
    context = {
        "organisation": organisation,
        "indicator": item,
        "year": year,
        "value": value,
        "value_text": format_value(item.code, value),
        "sections": sections,
    }
    return render(request, "indicators/records.html", context)
