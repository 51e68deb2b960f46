"""Filters for deadline pages: state and days left on a given day, and the record's page."""

from django import template

from fazhi.deadlines import selectors
from fazhi.deadlines.models import State

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
    return selectors.record_url(deadline)


@register.filter
def period_source(deadline):
    from fazhi.deadlines.periods import get_period, is_known

    return get_period(deadline.code).source if is_known(deadline.code) else ""
