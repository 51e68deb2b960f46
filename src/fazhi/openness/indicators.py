"""Computations of the 公开与监督 figures (catalogue codes openness.*)."""

from django.db.models import F, Q

from fazhi.indicators.registry import Computation, ratio, register
from fazhi.openness.models import Complaint, Disclosure, Supervision

register(Computation("openness.disclosures", Disclosure))
# Complaints received in the year.
register(Computation("openness.complaints", Complaint))
register(
    Computation(
        "openness.complaints_answered_on_time",
        Complaint,
        Q(answered_on__isnull=False, answered_on__lte=F("due_on")),
    )
)
ratio("openness.complaints_answered_on_time_rate")
# The ledger keeps no list of supervisors, only their visits: each 行政执法监督员走访 record is
# one visit (so the figure is visits, 次, never a number of people).
register(
    Computation(
        "openness.supervisor_visits",
        Supervision,
        Q(supervision_type=Supervision.Type.SUPERVISOR_VISIT),
    )
)
