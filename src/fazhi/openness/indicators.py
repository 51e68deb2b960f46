"""Computations of the 公开与监督 figures (catalogue codes openness.*)."""

from django.db.models import Q

from fazhi.deadlines.indicators import met_on_time
from fazhi.indicators.registry import Computation, ratio, register
from fazhi.openness.models import ANSWER_PERIOD, Complaint, Disclosure, Supervision

register(Computation("openness.disclosures", Disclosure))
# Complaints received in the year.
register(Computation("openness.complaints", Complaint))
# Answered by the deadline engine's answer deadline (met on the day of the answer).
register(
    Computation(
        "openness.complaints_answered_on_time", Complaint, met_on_time(Complaint, [ANSWER_PERIOD])
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
