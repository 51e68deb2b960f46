"""Computations of the 公共法律服务 figures (catalogue codes legal_services.*)."""

from django.db.models import Q

from fazhi.indicators.registry import Computation, register
from fazhi.legal_services.models import AdvisorContract, LegalAidCase, LegalService

register(Computation("legal_services.advisor_services", LegalService))
# One consultation service (a record) may serve several people; the catalogue counts records.
register(
    Computation(
        "legal_services.consultations",
        LegalService,
        Q(service_type=LegalService.Type.CONSULTATION),
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
