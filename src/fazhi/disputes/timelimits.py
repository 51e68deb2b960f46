"""The 《信访工作条例》 deadlines of a petition, kept in the deadline engine (fazhi.deadlines).

`sync_deadlines` is the petitions' one path to their deadlines: the ledger services call it
after a form or an import writes a petition (LedgerKind.deadlines), the workflow services after
each step. The engine has no period for an approved extension of the handling period (第三十四条:
up to 30 days): the extension's days are added to the handling period here.
"""

from datetime import date

from fazhi.deadlines.periods import get_period
from fazhi.deadlines.resolve import period_for
from fazhi.deadlines.services import Due, deadlines_sync

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


def petition_dues(petition) -> list[Due]:
    """受理告知 from the received date, met by the decision; 办结 from the acceptance (accepted
    petitions only), extended by every approved extension, met by the written reply."""
    accepted = petition.status in (
        petition.Status.ACCEPTED,
        petition.Status.REPLIED,
        petition.Status.REVIEW_REQUESTED,
    )
    extra = petition.extension_days if accepted else 0
    handling = Due(
        HANDLING,
        petition.decided_on if accepted else None,
        petition.replied_on,
        extra_days=extra,
        name=f"{get_period(HANDLING).name}（经批准延长{extra}日）" if extra else None,
        reason=f"经批准延长办理期限{extra}日" if extra else "",
    )
    return [Due(ACCEPTANCE, petition.occurred_on, petition.decided_on), handling]


def sync_deadlines(petition, actor=None) -> None:
    if petition.pk is not None:
        deadlines_sync(petition, petition_dues(petition), actor=actor)
