"""The periods of this domain, through the deadline engine (fazhi.deadlines).

The statute (第三十二条) asks for publication 及时 without a number; the engine has no
"decision.publication" period, so publication is due within the proactive-disclosure period of
《政府信息公开条例》第二十六条 (20 working days), which governs every decision made public.

`sync_deadlines` is the decisions' one path to their deadlines: the ledger services call it
after a form or an import writes a decision (LedgerKind.deadlines), the workflow services after
each step that moves a date.
"""

from datetime import date

from fazhi.deadlines.calendar import DueDate
from fazhi.deadlines.resolve import period_for
from fazhi.deadlines.services import Due, deadlines_sync
from fazhi.decisions.models import DecisionProcedure, Status, Step

COMMENT = "decision.public_comment"
LEGALITY = "decision.legality_review"
PUBLICATION = "openness.proactive"

COMMENT_NAME = "重大行政决策公开征求意见期届满"
PUBLICATION_NAME = "重大行政决策公布"
PUBLICATION_SOURCE = (
    "《重大行政决策程序暂行条例》第三十二条、《中华人民共和国政府信息公开条例》第二十六条："
    "及时公布，自形成之日起20个工作日内"
)


def period(code: str, organisation):
    return period_for(code, organisation)


def comment_due(organisation, started_on: date) -> DueDate:
    """The earliest lawful end of public comment (第十五条: 一般不少于30日)."""
    return period_for(COMMENT, organisation).due(started_on)


def review_due(organisation, submitted_on: date) -> DueDate:
    """The day before which a legality review was shorter than the usual time (第二十六条)."""
    return period_for(LEGALITY, organisation).due(submitted_on)


def publication_due(organisation, decided_on: date) -> DueDate:
    return period_for(PUBLICATION, organisation).due(decided_on)


def _adopted(decision) -> bool:
    # Filed after publication (adopted) or after a rejection (never published).
    return decision.status in (Status.DECIDED, Status.PUBLISHED) or (
        decision.status == Status.FILED and decision.published_on is not None
    )


def decision_dues(decision) -> list[Due]:
    """公开征求意见 from its start, met on the statutory minimum's last day at the latest (the
    minimum was satisfied then even when comment ran longer); 公布 from an adopting decision."""
    comment = DecisionProcedure.objects.filter(
        decision=decision, step=Step.PARTICIPATION, started_on__isnull=False
    ).first()
    met = None
    if comment is not None and comment.done_on is not None:
        met = min(comment.done_on, comment_due(decision.organisation, comment.started_on).day)
    adopted = _adopted(decision)
    return [
        Due(COMMENT, comment.started_on if comment else None, met, name=COMMENT_NAME),
        Due(
            PUBLICATION,
            decision.decided_on if adopted else None,
            decision.published_on,
            name=PUBLICATION_NAME,
        ),
    ]


def sync_deadlines(decision, actor=None) -> None:
    if decision.pk is not None:
        deadlines_sync(decision, decision_dues(decision), actor=actor)
