"""Filters for deadline pages: state and days left on a given day, and the record's page."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from fazhi.deadlines.models import State
from fazhi.ledgers.registry import kind_for_model

register = template.Library()

BADGES = {
    State.PENDING: "secondary",
    State.MET_ON_TIME: "success",
    State.MET_LATE: "warning",
    State.OVERDUE: "danger",
}


@register.filter
def state_on(deadline, today):
    return deadline.state(today)


@register.filter
def state_badge(state):
    return BADGES.get(state, "secondary")


@register.filter
def days_left_label(deadline, today):
    left = deadline.days_left(today)
    if left > 0:
        return f"还剩 {left} 天"
    if left == 0:
        return "今天到期"
    return f"已逾期 {-left} 天"


@register.filter
def record_url(deadline):
    model = ContentType.objects.get_for_id(deadline.record_type_id).model_class()
    kind = kind_for_model(model)
    if kind is None:
        return ""
    return reverse("ledgers:detail", kwargs={"kind": kind.slug, "pk": deadline.record_id})


@register.filter
def period_source(deadline):
    from fazhi.deadlines.periods import get_period, is_known

    return get_period(deadline.code).source if is_known(deadline.code) else ""
