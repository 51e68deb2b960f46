"""The county table's cells, written in Python: a county page has about 700 of them, each with
two links, a rank and a change, and resolving their dozen variables through the template
language took more time than computing the figures."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# The marks of templatetags/figure_marks.py, written out. The change link carries last year's
# figure but shows the change: data-shows says so.
_CELL = (
    '<td class="text-end"><a href="{}" data-indicator="{}" data-org="{}" data-year="{}" '
    'data-value="{}">{}</a>'
    "{}"
    '<div class="small change change-{}" title="上年 {}"><a class="text-reset" href="{}" '
    'data-indicator="{}" data-org="{}" data-year="{}" data-value="{}" data-shows="change">'
    "同比 {}</a></div></td>"
)
_RANK = ' <span class="badge text-bg-light border" data-rank="{}" title="排名">第{}</span>'


def _escaped(*values) -> list[str]:
    # The standard library's escape (the one Django's wraps): the lazy-string wrapper around
    # Django's costs more than the escaping for the 20,000 values of a full county table.
    return [escape(str(value), quote=True) for value in values]


def cell_html(cell) -> str:
    """One cell's HTML, every value escaped."""
    rank = _RANK.format(*_escaped(cell.rank, cell.rank)) if cell.rank else ""
    org = cell.organisation.code
    values = _escaped(
        cell.url,
        cell.code,
        org,
        cell.year,
        cell.raw,
        cell.text,
        cell.change_direction,
        cell.previous_text,
        cell.previous_url,
        cell.code,
        org,
        cell.year - 1,
        cell.previous_raw,
        cell.change_text,
    )
    return _CELL.format(*values[:6], rank, *values[6:])


@register.simple_tag
def county_cells(row):
    """Every indicator cell of one township's row."""
    return mark_safe("".join(cell_html(cell) for cell in row.cells))


@register.simple_tag
def total_cells(dashboard):
    """The county's own figure under each column (no rank: it is not a township's)."""
    return mark_safe("".join(cell_html(cell) for cell in dashboard.totals))


@register.simple_tag
def sort_marker(dashboard, key):
    """▲ or ▼ after the column the table is sorted by."""
    if dashboard.sort != key:
        return ""
    return "▼" if dashboard.order == "desc" else "▲"
