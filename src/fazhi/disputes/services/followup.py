"""Visits to people under follow-up (安置帮教, 重点人员)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.services import save_validated
from fazhi.disputes.kinds import FOLLOW_UP
from fazhi.disputes.models import FollowUpVisit
from fazhi.disputes.services.common import check_day, check_writable, required_text


def visit_check(actor, person) -> None:
    """The precondition of a visit (see fazhi.core.actions): the person's record is open to the
    actor (a released person's visits before the release may still be entered)."""
    check_writable(actor=actor, kind=FOLLOW_UP, record=person)


@transaction.atomic
def visit_record(*, actor, record, visited_on, visitor, method, situation, today=None):
    visit_check(actor, record)
    check_day(
        visited_on,
        label="走访日期",
        not_before=record.occurred_on,
        before_label="纳入日期",
        today=today,
    )
    if record.released_on is not None and visited_on > record.released_on:
        raise ValidationError(
            f"该人员已于{record.released_on:%Y-%m-%d}解除帮教（列管），之后不再登记走访。"
        )
    visit = FollowUpVisit(
        organisation=record.organisation,
        person=record,
        visited_on=visited_on,
        visitor=required_text(visitor, "走访人"),
        method=method,
        situation=required_text(situation, "现实表现及情况"),
    )
    return save_validated(visit, actor=actor, reason="登记走访")
