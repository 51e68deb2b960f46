"""Ledger kinds of 行政执法 (registered on import by apps.py). All are kept by the township."""

from django.utils import timezone

from fazhi.enforcement import demo
from fazhi.enforcement.checklists import missing_records
from fazhi.enforcement.duedates import sync_deadlines
from fazhi.enforcement.models import Case, EnforcementItem, Officer
from fazhi.enforcement.rules import CASE_FROZEN, case_rules, check_legal_basis, officer_rules
from fazhi.ledgers.registry import DomainPage, LedgerKind, register, register_page

DOMAIN = "行政执法"


def _computed(function):
    # Django templates call any callable they resolve; these need their record argument.
    function.do_not_call_in_templates = True
    return function


@_computed
def certificate_status(officer) -> str:
    return officer.certificate_status(timezone.localdate())


@_computed
def case_status(case) -> str:
    return case.get_status_display()


@_computed
def record_gaps(case) -> str:
    missing = missing_records(case)
    return f"缺{len(missing)}项" if missing else "齐全"


OFFICERS = register(
    LedgerKind(
        slug="enforcement-officers",
        standing_register=True,
        default_attachment_category="document",
        model=Officer,
        domain=DOMAIN,
        fields=(
            "name",
            "certificate_number",
            "replaces_certificate",
            "unit",
            "valid_until",
            "remarks",
        ),
        list_columns=("name", "certificate_number", "unit", "valid_until"),
        natural_key=("organisation", "certificate_number"),
        search_fields=("name", "certificate_number", "replaces_certificate", "unit"),
        rules=officer_rules,
        demo=demo.officers,
        notes={
            "certificate_number": "必填；执法证号，全平台唯一",
            "replaces_certificate": (
                "选填；换发新证时填写被替换的旧证号，旧证须已在本单位登记"
                "（不能与新证在同一文件中首次导入）；统计持证人数时被替换的旧证不再计入"
            ),
            "valid_until": "必填；日期，不早于证件有效期起",
        },
        computed=(("证件状态", certificate_status),),
    )
)
ITEMS = register(
    LedgerKind(
        slug="enforcement-items",
        standing_register=True,
        default_attachment_category="document",
        model=EnforcementItem,
        domain=DOMAIN,
        fields=("name", "item_type", "legal_basis", "responsible_unit"),
        list_columns=("name", "item_type", "responsible_unit"),
        natural_key=("organisation", "name"),
        filter_fields=("item_type",),
        search_fields=("name", "legal_basis", "responsible_unit"),
        rules=check_legal_basis,
        citations=("legal_basis",),
        demo=demo.items,
    )
)
CASES = register(
    LedgerKind(
        slug="enforcement-cases",
        default_attachment_category="document",
        model=Case,
        domain=DOMAIN,
        fields=(
            "case_number",
            "case_type",
            "party",
            "facts",
            "legal_basis",
            "is_major",
            "major_criterion",
        ),
        list_columns=("case_number", "case_type", "party", "is_major"),
        natural_key=("organisation", "case_number"),
        filter_fields=("case_type", "status"),
        search_fields=("case_number", "party", "facts"),
        rules=case_rules,
        citations=("legal_basis",),
        frozen=CASE_FROZEN,
        deadlines=sync_deadlines,
        demo=demo.cases,
        notes={
            "major_criterion": "标为重大执法决定时必填：《行政处罚法》第五十八条规定的情形",
        },
        computed=(("办理状态", case_status), ("全过程记录", record_gaps)),
        related=("process_records",),  # read by record_gaps: one query for a whole list
        workflow_url_name="enforcement:record",
        personal_fields={"party": "name"},
    )
)

register_page(DomainPage(domain=DOMAIN, label="执法监督概况", url_name="enforcement:overview"))
