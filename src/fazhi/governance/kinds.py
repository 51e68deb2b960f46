"""Ledger kinds of 组织领导 (registered on import by apps.py). All are kept by the township."""

from fazhi.governance import demo, rules
from fazhi.governance.models import Budget, Meeting, Member, Plan, Task
from fazhi.ledgers.registry import LedgerKind, register

DOMAIN = "组织领导"


def _principal(meeting) -> str:
    return "是" if meeting.presided_by_principal else "否"


def _overdue(task) -> str:
    days = task.days_overdue()
    return f"逾期 {days} 天" if days else ""


def _document(plan) -> str:
    return "已上传" if plan.has_document() else "未上传"


register(
    LedgerKind(
        slug="group-members",
        standing_register=True,
        default_attachment_category="document",
        happened=("occurred_on", "left_on"),
        model=Member,
        domain=DOMAIN,
        fields=("name", "role", "unit", "left_on", "notes"),
        list_columns=("name", "role", "unit", "left_on"),
        natural_key=("organisation", "occurred_on", "name"),
        filter_fields=("role",),
        search_fields=("name", "unit", "notes"),
        demo=demo.members,
        notes={"left_on": "选填；日期，不能早于任职日期"},
    )
)
register(
    LedgerKind(
        slug="governance-meetings",
        default_attachment_category="minutes",
        model=Meeting,
        domain=DOMAIN,
        fields=(
            "meeting_type",
            "title",
            "presider",
            "presider_position",
            "attendees",
            "topics",
            "decisions",
            "minutes",
        ),
        list_columns=("meeting_type", "title", "presider", "presider_position", "attendees"),
        natural_key=("organisation", "occurred_on", "title"),
        filter_fields=("meeting_type", "presider_position"),
        search_fields=("title", "presider", "topics", "decisions"),
        demo=demo.meetings,
        evidence="会议纪要或签到表",
        computed=(("主要负责人主持", _principal),),
    )
)
register(
    LedgerKind(
        slug="governance-plans",
        default_attachment_category="document",
        model=Plan,
        domain=DOMAIN,
        fields=("plan_type", "title", "doc_number", "summary"),
        list_columns=("plan_type", "title", "doc_number"),
        natural_key=("organisation", "occurred_on", "title"),
        filter_fields=("plan_type",),
        search_fields=("title", "doc_number", "summary"),
        rules=rules.plan_rules,
        demo=demo.plans,
        notes={"doc_number": "选填；如 青山党发〔2025〕3号，同一单位的文号不能重复"},
        computed=(("文件附件", _document),),
        related=("attachments",),  # read by _document: one query for a whole list
    )
)
register(
    LedgerKind(
        slug="responsibility-tasks",
        default_attachment_category="document",
        happened=("occurred_on", "completed_on"),
        model=Task,
        domain=DOMAIN,
        fields=(
            "task",
            "responsible_unit",
            "owner",
            "due_on",
            "status",
            "completed_on",
            "evidence",
        ),
        list_columns=("task", "responsible_unit", "owner", "due_on", "status", "completed_on"),
        natural_key=("organisation", "occurred_on", "task", "responsible_unit"),
        filter_fields=("status",),
        search_fields=("task", "responsible_unit", "owner", "evidence"),
        demo=demo.tasks,
        notes={
            "status": "必填；从下拉列表选择，“已完成”须同时填写完成日期",
            "completed_on": "状态为“已完成”时必填，其他状态不填；日期，如 2025-03-15",
        },
        computed=(("逾期", _overdue),),
    )
)
register(
    LedgerKind(
        slug="rule-of-law-budget",
        default_attachment_category="document",
        model=Budget,
        domain=DOMAIN,
        fields=("purpose", "amount", "notes"),
        list_columns=("purpose", "amount", "notes"),
        # The rules keep one line per township, year and purpose; the date is part of the
        # import key only because the framework keys rows by plain fields (not the derived year).
        natural_key=("organisation", "occurred_on", "purpose"),
        filter_fields=("purpose",),
        search_fields=("notes",),
        rules=rules.budget_rules,
        demo=demo.budgets,
        notes={"purpose": "必填；从下拉列表选择，同一单位每年每种用途只登记一行"},
    )
)
