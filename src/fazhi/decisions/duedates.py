"""The periods of this domain, through the deadline engine (fazhi.deadlines).

The statute (第三十二条) asks for publication 及时 without a number; the engine has no
"decision.publication" period, so publication is due within the proactive-disclosure period of
《政府信息公开条例》第二十六条 (20 working days), which governs every decision made public.
"""

from datetime import date

from fazhi.deadlines.calendar import DueDate
from fazhi.deadlines.resolve import period_for

COMMENT = "decision.public_comment"
LEGALITY = "decision.legality_review"
PUBLICATION = "openness.proactive"

COMMENT_NAME = "重大行政决策公开征求意见期届满"
PUBLICATION_NAME = "重大行政决策公布"
PUBLICATION_SOURCE = (
    "《重大行政决策程序暂行条例》第三十二条：及时公布；期限按《政府信息公开条例》第二十六条"
    "自形成之日起20个工作日内"
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
