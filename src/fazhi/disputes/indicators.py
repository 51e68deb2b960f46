"""Computations of the 矛盾纠纷 figures (catalogue codes disputes.*)."""

from django.db.models import Q

from fazhi.deadlines.indicators import met_on_time
from fazhi.disputes.models import (
    AnalysisMeeting,
    FollowUpVisit,
    MediationCase,
    Petition,
    ScreeningRound,
)
from fazhi.disputes.timelimits import HANDLING
from fazhi.indicators.registry import Computation, ratio, register
from fazhi.legal_services.models import LegalService

register(Computation("disputes.screenings", ScreeningRound))
register(Computation("disputes.analysis_meetings", AnalysisMeeting))
# Cases accepted for mediation in the year, whatever their outcome so far.
register(Computation("disputes.mediation_cases", MediationCase))
# Closed: the case has a result (success, failure or termination); the success rate divides by
# these, as DESIGN.md says (调解成功率 = 调解成功 ÷ 已结案), not by cases still in mediation.
register(Computation("disputes.mediation_closed", MediationCase, ~Q(result="")))
register(
    Computation("disputes.mediation_success", MediationCase, Q(result=MediationCase.Result.SUCCESS))
)
ratio("disputes.mediation_success_rate")
# The mediation ledger does not say who mediated; the village advisors' own ledger does
# (法律顾问服务 of type 协助调解), so the figure is counted there.
register(
    Computation(
        "disputes.assisted_mediations",
        LegalService,
        Q(service_type=LegalService.Type.MEDIATION),
    )
)
# 受理: petitions received in the year and accepted (受理) — the ones that must be answered
# within the handling period; those not accepted or transferred to another body are not.
ACCEPTED = Q(
    status__in=[
        Petition.Status.ACCEPTED,
        Petition.Status.REPLIED,
        Petition.Status.REVIEW_REQUESTED,
    ]
)
register(Computation("disputes.petitions", Petition, ACCEPTED))
# Answered within the handling period, extensions included (第三十二条、第三十四条).
register(
    Computation(
        "disputes.petitions_answered_on_time",
        Petition,
        ACCEPTED & met_on_time(Petition, [HANDLING]),
    )
)
ratio("disputes.petitions_answered_on_time_rate")
# Visits to people under 安置帮教 or key-person follow-up, in the year of the visit.
register(
    Computation(
        "disputes.followup_visits",
        FollowUpVisit,
        Q(person__archived_at__isnull=True),
        year_field="visited_on",
        record_link="person",
    )
)
