"""Computations of the 公共法律服务 figures (catalogue codes legal_services.*)."""

from django.db.models import Q

from fazhi.indicators.registry import Computation, register
from fazhi.legal_services.models import AdvisorContract, LegalAidCase, LegalService

register(Computation("legal_services.advisor_services", LegalService))
# 人次: the people each consultation service served, summed (one record may serve several).
register(
    Computation(
        "legal_services.consultations",
        LegalService,
        Q(service_type=LegalService.Type.CONSULTATION),
        sum_field="people_served",
    )
)
# The advisor's 重大事项把关 of village matters: a service of the advisor, not the township's
# legality review of its own major decisions (decisions.legality_reviewed).
register(
    Computation(
        "legal_services.major_matter_reviews",
        LegalService,
        Q(service_type=LegalService.Type.MAJOR_MATTER),
    )
)
# Villages with an advisor contract in force on some day of the year.
register(
    Computation(
        "legal_services.villages_with_advisor",
        AdvisorContract,
        lambda period: Q(occurred_on__lte=period.last_day, contract_end__gte=period.first_day),
        year_field=None,
        per_organisation=True,
    )
)
# Cases received in the year, closed or not.
register(Computation("legal_services.legal_aid_cases", LegalAidCase))
register(
    Computation(
        "legal_services.contract_reviews",
        LegalService,
        Q(service_type=LegalService.Type.CONTRACT_REVIEW),
    )
)
