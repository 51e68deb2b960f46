"""Ledger kinds of 矛盾纠纷 (registered on import by apps.py)."""

from django.utils import timezone

from fazhi.disputes import demo_data
from fazhi.disputes.models import (
    AnalysisMeeting,
    FollowUpPerson,
    MediationCase,
    Petition,
    ScreeningRound,
)
from fazhi.disputes.models.followup import visit_state
from fazhi.disputes.rules import PETITION_FROZEN
from fazhi.disputes.timelimits import sync_deadlines
from fazhi.ledgers.registry import DomainPage, LedgerKind, register, register_page

DOMAIN = "矛盾纠纷"
PERSON = {"id_number": "id_number", "phone": "phone", "address": "address"}


def petition_status(petition) -> str:
    return petition.get_status_display()


def visit_status(person) -> str:
    return visit_state(person, timezone.localdate())


# Templates call any callable they resolve; the pages must get the function itself.
petition_status.do_not_call_in_templates = True
visit_status.do_not_call_in_templates = True

SCREENINGS = register(
    LedgerKind(
        slug="dispute-screenings",
        model=ScreeningRound,
        domain=DOMAIN,
        fields=("scope", "issues_found", "notes"),
        list_columns=("scope", "issues_found"),
        natural_key=("organisation", "occurred_on", "scope"),
        search_fields=("scope", "notes"),
        demo=demo_data.screenings,
    )
)
MEETINGS = register(
    LedgerKind(
        slug="dispute-meetings",
        default_attachment_category="minutes",
        model=AnalysisMeeting,
        domain=DOMAIN,
        fields=("topic", "chaired_by", "attendees", "issues_analysed", "measures"),
        list_columns=("topic", "chaired_by", "issues_analysed"),
        natural_key=("organisation", "occurred_on", "topic"),
        search_fields=("topic", "measures"),
        demo=demo_data.meetings,
    )
)
MEDIATIONS = register(
    LedgerKind(
        slug="mediations",
        happened=("occurred_on", "closed_on"),
        model=MediationCase,
        domain=DOMAIN,
        fields=(
            "summary",
            "dispute_type",
            "parties",
            "mediator",
            "method",
            "result",
            "agreement",
            "closed_on",
        ),
        list_columns=("dispute_type", "parties", "method", "result", "closed_on"),
        natural_key=("organisation", "occurred_on", "parties"),
        filter_fields=("dispute_type", "method", "result"),
        search_fields=("summary", "mediator"),
        demo=demo_data.mediations,
        notes={
            "result": "调解中的留空；填写结果时须填写结案日期",
            "agreement": "调解成功时必填（《人民调解法》第二十八条），其他结果留空",
            "closed_on": "有调解结果时必填；日期，不早于受理日期",
        },
        personal_fields={"parties": "name"},
        title=lambda case, shown: (
            "与".join(shown("parties", p) for p in case.parties.split("、"))
            + f"{case.get_dispute_type_display()}纠纷"
        ),
    )
)
PETITIONS = register(
    LedgerKind(
        slug="petitions",
        default_attachment_category="document",
        model=Petition,
        domain=DOMAIN,
        fields=(
            "channel",
            "matter",
            "responsible_unit",
            "petitioner",
            "id_number",
            "phone",
            "address",
        ),
        list_columns=("channel", "petitioner", "id_number", "matter", "responsible_unit"),
        natural_key=("organisation", "occurred_on", "petitioner", "matter"),
        filter_fields=("channel",),
        search_fields=("matter", "responsible_unit"),
        frozen=PETITION_FROZEN,
        deadlines=sync_deadlines,
        demo=demo_data.petitions,
        computed=(("办理状态", petition_status),),
        workflow_url_name="disputes:petition",
        notes={"id_number": "选填；18位身份证号码，校验位须正确"},
        personal_fields={"petitioner": "name", **PERSON},
    )
)
FOLLOW_UP = register(
    LedgerKind(
        slug="follow-up-people",
        standing_register=True,
        happened=("occurred_on", "released_on"),
        model=FollowUpPerson,
        domain=DOMAIN,
        fields=(
            "category",
            "reason",
            "helper",
            "name",
            "id_number",
            "phone",
            "address",
            "visit_interval_days",
            "released_on",
        ),
        list_columns=("category", "name", "reason", "helper", "visit_interval_days"),
        natural_key=("organisation", "id_number", "occurred_on"),
        filter_fields=("category",),
        search_fields=("reason", "helper"),
        demo=demo_data.follow_up_people,
        computed=(("走访情况", visit_status),),
        related=("visits",),  # read by visit_status: one query for a whole list
        workflow_url_name="disputes:person",
        notes={"visit_interval_days": "必填；两次走访之间最多间隔的天数"},
        personal_fields={"name": "name", **PERSON},
    )
)

register_page(DomainPage(domain=DOMAIN, label="矛盾纠纷概况", url_name="disputes:overview"))
