"""The 《信访工作条例》 deadlines of a petition, kept in the deadline engine (fazhi.deadlines).

The engine has no period for an approved extension of the handling period (第三十四条: up to
30 days), so the extended due date is computed here and written onto the engine's handling
deadline of the record.
"""

from datetime import date

from fazhi.core.services import apply_changes, save_validated
from fazhi.deadlines.models import deadlines_of
from fazhi.deadlines.resolve import period_for
from fazhi.deadlines.services import deadline_meet, deadline_set

ACCEPTANCE = "petition.acceptance"
HANDLING = "petition.handling"
REVIEW_REQUEST = "petition.review_request"
MAX_EXTENSION_DAYS = 30


def acceptance_due(petition) -> date:
    return period_for(ACCEPTANCE, petition.organisation).due(petition.occurred_on).day


def handling_due(petition, extension_days: int | None = None) -> date | None:
    """From the acceptance decision, plus every approved extension (calendar days)."""
    if petition.decided_on is None or petition.status == petition.Status.REGISTERED:
        return None
    if extension_days is None:
        extension_days = petition.extension_days
    period = period_for(HANDLING, petition.organisation)
    # The extended period runs on from the original one; its last day rolls past rest days.
    return period.with_days(period.days + extension_days).due(petition.decided_on).day


def review_request_last_day(petition) -> date | None:
    if petition.replied_on is None:
        return None
    return period_for(REVIEW_REQUEST, petition.organisation).due(petition.replied_on).day


def set_acceptance(petition, *, actor=None) -> None:
    deadline_set(record=petition, code=ACCEPTANCE, triggered_on=petition.occurred_on, actor=actor)


def meet_acceptance(petition, *, actor=None) -> None:
    set_acceptance(petition, actor=actor)
    deadline_meet(record=petition, code=ACCEPTANCE, met_on=petition.decided_on, actor=actor)


def set_handling(petition, *, actor=None) -> None:
    deadline_set(record=petition, code=HANDLING, triggered_on=petition.decided_on, actor=actor)


def extend_handling(petition, *, actor=None) -> None:
    """Move the engine's handling deadline to the extended due date."""
    deadline = deadlines_of(petition).filter(code=HANDLING).first()
    if deadline is None:
        set_handling(petition, actor=actor)
        deadline = deadlines_of(petition).get(code=HANDLING)
    extra = petition.extension_days
    period = period_for(HANDLING, petition.organisation)
    changes = {
        "due_on": handling_due(petition, extra),
        "days": period.days + extra,
        "name": f"{period.name}（经批准延长{extra}日）" if extra else period.name,
    }
    if apply_changes(deadline, changes):
        save_validated(deadline, actor=actor, reason=f"经批准延长办理期限{extra}日")


def meet_handling(petition, *, actor=None) -> None:
    deadline_meet(record=petition, code=HANDLING, met_on=petition.replied_on, actor=actor)
