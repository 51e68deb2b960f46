"""A complaint's answer deadline (fazhi.deadlines period "complaint.answer", county-settable):
from the day the complaint is received, met on the day it is answered. `sync_deadlines` is the
complaints' one path to it: the ledger services call it after every form, import or demo write
of a complaint (LedgerKind.deadlines)."""

from fazhi.deadlines.services import Due, deadlines_sync
from fazhi.openness.models import ANSWER_PERIOD


def complaint_dues(complaint) -> list[Due]:
    return [Due(ANSWER_PERIOD, complaint.occurred_on, complaint.answered_on)]


def sync_deadlines(complaint, actor=None) -> None:
    if complaint.pk is not None:
        deadlines_sync(complaint, complaint_dues(complaint), actor=actor)
