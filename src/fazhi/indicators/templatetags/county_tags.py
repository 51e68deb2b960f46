"""The county table's cells, written in Python: a county page has about 700 of them, each with
two links, a rank and a change, and resolving their dozen variables through the template
language took more time than computing the figures."""

from html import escape

from django import template
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


def _escaped(*values) -> list[str]:
    # The standard library's escape (the one Django's wraps): the lazy-string wrapper around
    # Django's costs more than the escaping for the 20,000 values of a full county table.
    return [escape(str(value), quote=True) for value in values]


def cell_html(cell) -> str:
    """One cell's HTML, every value escaped."""
    if not cell.computed:
        return _NOT_COMPUTED.format(*_escaped(cell.code, cell.text))
    rank = _RANK.format(*_escaped(cell.rank, cell.rank)) if cell.rank else ""
    values = _escaped(
        cell.url,
        cell.code,
        cell.raw,
        cell.year,
        cell.text,
        cell.change_direction,
        cell.previous_text,
        cell.previous_url,
        cell.code,
        cell.previous_raw,
        cell.year - 1,
        cell.change_text,
    )
    return _COMPUTED.format(*values[:5], rank, *values[5:])


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
