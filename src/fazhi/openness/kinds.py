"""Ledger kinds of 公开与监督 (registered on import by apps.py)."""

from fazhi.ledgers.registry import LedgerKind, register
from fazhi.openness import demo
from fazhi.openness.duedates import sync_deadlines
from fazhi.openness.models import Complaint, Disclosure, Supervision

DOMAIN = "公开与监督"


def answer_due(complaint) -> str:
    deadline = complaint.answer_deadline
    return f"{deadline.due_on:%Y-%m-%d}" if deadline else ""


def overdue_flag(complaint) -> str:
    return complaint.overdue_label()


# Templates call any callable they resolve; the pages must get the function itself.
answer_due.do_not_call_in_templates = True
overdue_flag.do_not_call_in_templates = True


register(
    LedgerKind(
        slug="disclosures",
        default_attachment_category="document",
        model=Disclosure,
        domain=DOMAIN,
        fields=("disclosure_type", "channel", "title", "period", "items"),
        list_columns=("disclosure_type", "channel", "title", "period", "items"),
        natural_key=("organisation", "occurred_on", "disclosure_type", "channel", "title"),
        filter_fields=("disclosure_type", "channel"),
        search_fields=("title", "period"),
        demo=demo.disclosures,
        notes={"period": "选填；所公开内容涵盖的期间，如“2025年第一季度”"},
    )
)
register(
    LedgerKind(
        slug="supervision-records",
        model=Supervision,
        domain=DOMAIN,
        fields=("supervision_type", "subject", "participants", "findings", "follow_up"),
        list_columns=("supervision_type", "subject", "participants"),
        natural_key=("organisation", "occurred_on", "supervision_type", "subject"),
        filter_fields=("supervision_type",),
        search_fields=("subject", "findings", "follow_up"),
        demo=demo.supervision_records,
        notes={"participants": "必填；数字，参与或涉及的人数，可为 0"},
    )
)
register(
    LedgerKind(
        slug="complaints",
        default_attachment_category="document",
        happened=("occurred_on", "answered_on"),
        model=Complaint,
        domain=DOMAIN,
        fields=("channel", "complainant", "matter", "answered_on", "status", "reply"),
        list_columns=("channel", "complainant", "matter", "answered_on", "status"),
        natural_key=("organisation", "occurred_on", "channel", "complainant", "matter"),
        filter_fields=("channel", "status"),
        search_fields=("complainant", "matter", "reply"),
        demo=demo.complaints,
        notes={
            "answered_on": "选填；日期，不得早于受理日期；状态为“已答复”“已办结”时必填",
            "status": "从下拉列表选择；填写了答复日期时不能为“办理中”",
            "reply": "选填；状态为“已答复”“已办结”时必填",
        },
        # The answer deadline comes from the deadline engine's period, never typed.
        computed=(("答复期限", answer_due), ("是否逾期", overdue_flag)),
        personal_fields={"complainant": "name"},
        deadlines=sync_deadlines,
        related=("deadlines",),
    )
)
