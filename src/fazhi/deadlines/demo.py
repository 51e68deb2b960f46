"""Deadlines on existing demo records where the law (or a county default) gives one.

The engine has no demo records of its own: each demo complaint of the openness ledger gets its
"complaint.answer" deadline from its received date, met on its answered date. The generated
complaints of past days are mostly answered, so a township with no complaint awaiting an answer
gets one received a few days ago (through the ledger service), so that the deadlines page shows
upcoming items as well as overdue ones. Idempotent: a second run on the same day adds nothing.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from fazhi.deadlines import selectors
from fazhi.deadlines.services import deadline_meet, deadline_set
from fazhi.ledgers.demo import DEMO_COUNTY_CODE
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from fazhi.openness.models import Complaint
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level

COMPLAINT_CODE = "complaint.answer"
PENDING_COMPLAINT = {
    "channel": "12345",
    "complainant": "赵女士",
    "matter": "反映集镇主街窨井盖缺失存在安全隐患",
    "status": "handling",
}


@transaction.atomic
def load(today: date | None = None) -> None:
    today = today or timezone.localdate()
    county = Organisation.objects.filter(code=DEMO_COUNTY_CODE).first()
    if county is None:
        return
    townships = Organisation.objects.filter(path__startswith=county.path, level=Level.TOWNSHIP)
    for township in townships:
        _attach(Complaint.objects.filter(organisation=township, archived_at__isnull=True))
        if not selectors.upcoming_in(selectors.in_subtree(township), today).exists():
            _add_pending_complaint(township, today)


def _attach(complaints) -> None:
    for complaint in complaints.select_related("organisation"):
        deadline_set(record=complaint, code=COMPLAINT_CODE, triggered_on=complaint.occurred_on)
        deadline_meet(record=complaint, code=COMPLAINT_CODE, met_on=complaint.answered_on)


def _add_pending_complaint(township, today: date) -> None:
    received = today - timedelta(days=3)
    complaint = record_create(
        actor=None,
        kind=get_kind("complaints"),
        organisation=township,
        data={**PENDING_COMPLAINT, "occurred_on": received, "due_on": received + timedelta(15)},
    )
    _attach(Complaint.objects.filter(pk=complaint.pk))
