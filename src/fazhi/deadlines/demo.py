"""A complaint awaiting an answer in each demo township, so the deadlines page shows upcoming
items as well as overdue ones.

The engine has no demo records of its own: every demo record gets its deadlines from its ledger
kind (LedgerKind.deadlines) as the ledger loader writes it. The generated complaints of past
days are mostly answered, so a township with nothing upcoming gets a complaint received a few
days ago, through the ledger service like any other. Idempotent: a second run on the same day
adds nothing.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from fazhi.deadlines import selectors
from fazhi.ledgers.demo import demo_townships
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create

PENDING_COMPLAINT = {
    "channel": "12345",
    "complainant": "赵女士",
    "matter": "反映集镇主街窨井盖缺失存在安全隐患",
    "status": "handling",
}


@transaction.atomic
def load(today: date | None = None) -> None:
    today = today or timezone.localdate()
    for township in demo_townships():
        if not selectors.upcoming_in(selectors.in_subtree(township), today).exists():
            record_create(
                actor=None,
                kind=get_kind("complaints"),
                organisation=township,
                data={**PENDING_COMPLAINT, "occurred_on": today - timedelta(days=3)},
            )
