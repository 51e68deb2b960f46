"""How a page marks each figure it shows, so that tests can recompute it.

A catalogue figure: data-indicator="<code>"; a named figure (named.py): data-figure="<name>",
with data-key for one entry of a breakdown. Both carry data-org (the organisation code whose
subtree it covers), data-year and data-value (the number, as formatting.raw_value writes it).
"""

from django import template
from django.utils.html import format_html

from fazhi.indicators.formatting import format_value, raw_value
from fazhi.indicators.named import figure_for, shown_value

register = template.Library()


def _code(organisation) -> str:
    return getattr(organisation, "code", "") or ""


@register.simple_tag
def indicator_marks(code, organisation, year, value):
    return format_html(
        ' data-indicator="{}" data-org="{}" data-year="{}" data-value="{}"',
        code,
        _code(organisation),
        year,
        raw_value(value),
    )


@register.simple_tag
def indicator_text(code, value):
    """The value with its catalogue unit ("12次", "95.5%", "—")."""
    return format_value(code, value)


@register.simple_tag
def figure_marks(name, organisation, year, result, key=None):
    """Marks of a named figure: `result` is what its function returned (a list counts its
    items); with `key`, one entry of a breakdown."""
    figure_for(name)  # an unregistered name fails here, not silently in a test
    keyed = format_html(' data-key="{}"', key) if key is not None else ""
    return format_html(
        ' data-figure="{}"{} data-org="{}" data-year="{}" data-value="{}"',
        name,
        keyed,
        _code(organisation),
        year,
        raw_value(shown_value(result, key)),
    )
