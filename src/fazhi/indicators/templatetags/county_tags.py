"""The county table's cells, written in Python: a county page has about 700 of them, each with
two links, a rank and a change, and resolving their dozen variables through the template
language took more time than computing the figures."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_COMPUTED = (
    '<td class="text-end"><a href="{}" data-indicator="{}" data-value="{}" data-year="{}">{}</a>'
    "{}"
    '<div class="small change change-{}" title="上年 {}"><a class="text-reset" href="{}" '
    'data-indicator="{}" data-value="{}" data-year="{}">同比 {}</a></div></td>'
)
_NOT_COMPUTED = '<td class="text-end text-secondary" data-indicator="{}" data-value="">{}</td>'
_RANK = ' <span class="badge text-bg-light border" data-rank="{}" title="排名">第{}</span>'


def cell_html(cell) -> str:
    if not cell.computed:
        return format_html(_NOT_COMPUTED, cell.code, cell.text)
    rank = format_html(_RANK, cell.rank, cell.rank) if cell.rank else ""
    return format_html(
        _COMPUTED,
        cell.url,
        cell.code,
        cell.raw,
        cell.year,
        cell.text,
        rank,
        cell.change_direction,
        cell.previous_text,
        cell.previous_url,
        cell.code,
        cell.previous_raw,
        cell.year - 1,
        cell.change_text,
    )


@register.simple_tag
def county_cells(row):
    """Every indicator cell of one township's row."""
    return mark_safe("".join(cell_html(cell) for cell in row.cells))


@register.simple_tag
def sort_marker(dashboard, key):
    """▲ or ▼ after the column the table is sorted by."""
    if dashboard.sort != key:
        return ""
    return "▼" if dashboard.order == "desc" else "▲"
