from datetime import date

from django import template
from django.db import models
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from fazhi.ledgers import selectors
from fazhi.ledgers.personal import shown_value

register = template.Library()


@register.filter
def record_name(record, user=None) -> str:
    return selectors.record_name(record, user)


@register.simple_tag(takes_context=True)
def field_value(context, record, name: str):
    """A record's field as a person reads it: choice labels, 是/否, dates, names; personal data
    masked unless the view put the record in `unmasked_ids`."""
    field = record._meta.get_field(name)
    value = getattr(record, name)
    kind = context.get("kind")
    if kind is not None and name in kind.personal_fields:
        unmasked = record.pk in context.get("unmasked_ids", ())
        return shown_value(kind, record, name, unmasked) or "—"
    if value is None or value == "":
        return "—"
    if field.choices:
        return getattr(record, f"get_{name}_display")()
    if isinstance(field, models.BooleanField):
        return "是" if value else "否"
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return str(value)


@register.filter(needs_autoescape=True)
def law_links(text, autoescape=True):
    """A field's text with each catalogued 《law》 (and its first 第X条) linked to the law
    library's page of it (fazhi.lawbook)."""
    text = str(text)
    escape = conditional_escape if autoescape else (lambda value: value)
    if "《" not in text:
        return escape(text)
    from fazhi.lawbook.citing import segments

    html = []
    for piece, name, number in segments(text):
        if name is None:
            html.append(escape(piece))
            continue
        url = reverse("laws:law", args=[name]) + (f"#a{number}" if number else "")
        html.append(format_html('<a href="{}">{}</a>', url, piece))
    return mark_safe("".join(str(part) for part in html))


@register.simple_tag
def computed_value(record, column) -> str:
    return column.value(record) or "—"


@register.simple_tag
def field_label(model_or_record, name: str) -> str:
    return str(model_or_record._meta.get_field(name).verbose_name)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (keeps filters when paging)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
