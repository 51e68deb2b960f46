"""Ledger kinds of 公共法律服务 (registered on import by apps.py)."""

from django.utils import timezone

from fazhi.ledgers.registry import DomainPage, LedgerKind, register, register_page
from fazhi.legal_services import demo
from fazhi.legal_services.models import AdvisorContract, DutyRota, LegalAidCase, LegalService
from fazhi.legal_services.rules import contract_rules
from fazhi.orgs.roles import Level

DOMAIN = "公共法律服务"


def contract_status(contract) -> str:
    return contract.status_on(timezone.localdate())


CONTRACTS = register(
    LedgerKind(
        slug="advisor-contracts",
        standing_register=True,
        default_attachment_category="document",
        # A contract may be signed for a period to come.
        happened=(),
        model=AdvisorContract,
        domain=DOMAIN,
        fields=("contract_end", "lawyer", "law_firm", "phone", "remarks"),
        list_columns=("lawyer", "law_firm", "contract_end"),
        natural_key=("organisation", "occurred_on", "lawyer"),
        org_level=Level.VILLAGE,
        search_fields=("lawyer", "law_firm"),
        rules=contract_rules,
        demo=demo.contracts,
        notes={"contract_end": "必填；日期，不早于合同起始日期"},
        computed=(("合同状态", contract_status),),
    )
)
DUTY_ROTA = register(
    LedgerKind(
        slug="duty-rota",
        standing_register=True,
        # A rota is often made for the weeks ahead.
        happened=(),
        model=DutyRota,
        domain=DOMAIN,
        fields=("weekday", "half_day", "place", "person_on_duty", "phone"),
        list_columns=("weekday", "half_day", "place", "person_on_duty"),
        natural_key=("organisation", "occurred_on", "weekday", "half_day"),
        filter_fields=("weekday", "half_day"),
        search_fields=("place", "person_on_duty"),
        demo=demo.duty_rota,
    )
)
SERVICES = register(
    LedgerKind(
        slug="legal-services",
        model=LegalService,
        domain=DOMAIN,
        fields=("service_type", "advisor", "subject", "people_served", "outcome"),
        list_columns=("service_type", "advisor", "subject", "people_served"),
        natural_key=("organisation", "occurred_on", "service_type", "subject"),
        org_level=Level.VILLAGE,
        filter_fields=("service_type",),
        search_fields=("subject", "advisor", "outcome"),
        demo=demo.services,
        advisor_kind=True,
        notes={"people_served": "必填；数字，法律咨询、协助调解、法治讲座至少 1 人"},
    )
)
LEGAL_AID = register(
    LedgerKind(
        slug="legal-aid",
        default_attachment_category="document",
        happened=("occurred_on", "closed_on"),
        model=LegalAidCase,
        domain=DOMAIN,
        fields=(
            "applicant",
            "case_type",
            "aid_form",
            "handled_by",
            "status",
            "closed_on",
            "summary",
        ),
        list_columns=("applicant", "case_type", "aid_form", "status", "closed_on"),
        natural_key=("organisation", "occurred_on", "applicant", "case_type"),
        filter_fields=("case_type", "aid_form", "status"),
        search_fields=("applicant", "handled_by", "summary"),
        demo=demo.legal_aid_cases,
        notes={"closed_on": "已结案或终止援助时必填；日期，不早于受理日期"},
    )
)

register_page(
    DomainPage(domain="公共法律服务", label="覆盖情况", url_name="legal_services:coverage")
)
