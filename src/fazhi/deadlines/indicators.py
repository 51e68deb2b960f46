"""Computations of the 期限 figures (catalogue code deadlines.*), and the on-time test other
apps' figures share: a record's statutory deadline met on or before its due date."""

from django.db.models import F, Q

from fazhi.deadlines.models import Deadline, has_deadline
from fazhi.deadlines.selectors import on_archived_record
from fazhi.indicators.registry import Computation, register


def met_on_time(model, codes) -> Q:
    """Rows of `model` whose deadline with one of `codes` was met by its due date (the
    deadline engine's 按期完成; a record without such a deadline is not on time)."""
    return has_deadline(model, codes, met_on__isnull=False, met_on__lte=F("due_on"))


# Deadlines falling due in the year, still unmet and past their last day by today (as the
# deadline list shows them 已逾期); a deadline met late is not "未办".
register(
    Computation(
        "deadlines.overdue",
        Deadline,
        lambda period: Q(met_on__isnull=True, due_on__lt=period.today) & ~on_archived_record(),
        year_field="due_on",
        record_link="record",
        changes_daily=True,
    )
)
