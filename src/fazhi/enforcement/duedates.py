"""Keeps a case's deadlines (fazhi.deadlines) in step with its dates. Idempotent: called on
every save of a case (signals.py) and after steps that move a due date, it writes only what
changed.

The engine computes a due date from the period alone; an approved extension of the closing
period is applied here to the case's own Deadline row (see periods.closing_due).
"""

from fazhi.core.services import apply_changes, save_validated
from fazhi.deadlines.models import deadlines_of
from fazhi.deadlines.resolve import period_for
from fazhi.deadlines.services import deadline_clear, deadline_meet, deadline_set
from fazhi.enforcement import periods
from fazhi.enforcement.models.ledgers import EnforcementType


def sync_deadlines(case, actor=None) -> None:
    if case.pk is None:
        return
    existing = {deadline.code: deadline for deadline in deadlines_of(case)}
    sync = _Sync(case, actor, existing)
    sync.closing()
    penalty = case.case_type == EnforcementType.PENALTY
    sync.dated(periods.SERVICE, case.decided_on, case.served_on, applies=penalty)
    code = periods.publicity_code(case)
    for other in periods.PUBLICITY_CODES:
        if other != code:
            sync.clear(other)
    sync.dated(code, case.decided_on, case.publicised_on, applies=True)
    sync.dated(
        periods.LEGAL_REVIEW, case.review_submitted_on, _last_review_on(case), applies=case.is_major
    )


def _last_review_on(case):
    if case.review_submitted_on is None:
        return None
    review = case.legal_reviews.filter(reviewed_on__gte=case.review_submitted_on).last()
    return review.reviewed_on if review else None


class _Sync:
    def __init__(self, case, actor, existing: dict):
        self.case, self.actor, self.existing = case, actor, existing

    def clear(self, code: str) -> None:
        if code in self.existing:
            deadline_clear(record=self.case, code=code, actor=self.actor)

    def dated(self, code, triggered_on, met_on, *, applies: bool) -> None:
        if not applies or triggered_on is None:
            self.clear(code)
            return
        current = self.existing.get(code)
        days = period_for(code, self.case.organisation).days
        if current and (current.triggered_on, current.met_on, current.days) == (
            triggered_on,
            met_on,
            days,
        ):
            return
        deadline_set(record=self.case, code=code, triggered_on=triggered_on, actor=self.actor)
        deadline_meet(record=self.case, code=code, met_on=met_on, actor=self.actor)

    def closing(self) -> None:
        case, code = self.case, periods.CLOSING
        due = periods.closing_due(case)
        if due is None:
            self.clear(code)
            return
        extra = periods.extension_days(case)
        if not extra:
            self.dated(code, case.occurred_on, case.decided_on, applies=True)
            return
        deadline = self.existing.get(code) or deadline_set(
            record=case, code=code, triggered_on=case.occurred_on, actor=self.actor
        )
        period = period_for(code, case.organisation)
        changes = {
            "triggered_on": case.occurred_on,
            "days": period.days + extra,
            "due_on": due.day,
            "estimated": due.estimated,
            "name": f"{period.name}（已延长{extra}日）",
            "met_on": case.decided_on,
        }
        if apply_changes(deadline, changes):
            save_validated(deadline, actor=self.actor, reason=f"办案期限延长{extra}日")
