"""Ledger kinds of 重大行政决策 (registered on import by apps.py)."""

from fazhi.decisions import demo
from fazhi.decisions.duedates import sync_deadlines
from fazhi.decisions.models import DecisionCatalogue, MajorDecision
from fazhi.decisions.rules import DECISION_FROZEN, catalogue_rules
from fazhi.ledgers.registry import LedgerKind, register

DOMAIN = "重大行政决策"


def item_count(catalogue) -> str:
    return f"{len(catalogue.item_list())} 项"


def status_label(decision) -> str:
    return decision.get_status_display()


# The list and detail pages call these with the record; templates must not call them bare.
item_count.do_not_call_in_templates = True
status_label.do_not_call_in_templates = True

CATALOGUES = register(
    LedgerKind(
        slug="decision-catalogues",
        default_attachment_category="document",
        happened=("occurred_on", "approved_on", "published_on"),
        model=DecisionCatalogue,
        domain=DOMAIN,
        fields=("title", "items", "approved_on", "published_on", "channel", "remarks"),
        list_columns=("title", "approved_on", "published_on", "channel"),
        natural_key=("organisation", "occurred_on"),
        search_fields=("title", "items"),
        rules=catalogue_rules,
        demo=demo.catalogues,
        notes={
            "items": "必填；每行一项决策事项",
            "approved_on": "公布前必填（第三条：经同级党委同意后公布）；日期",
            "published_on": "选填；日期，不早于党委同意日期；填写时须同时填写公布渠道",
        },
        computed=(("事项数", item_count),),
    )
)
DECISIONS = register(
    LedgerKind(
        slug="major-decisions",
        default_attachment_category="document",
        model=MajorDecision,
        domain=DOMAIN,
        fields=("title", "sponsor_unit", "content", "remarks"),
        list_columns=("title", "sponsor_unit"),
        natural_key=("organisation", "occurred_on", "title"),
        search_fields=("title", "sponsor_unit", "content"),
        frozen=DECISION_FROZEN,
        deadlines=sync_deadlines,
        demo=demo.decisions,
        computed=(("办理状态", status_label),),
        workflow_url_name="decisions:record",
    )
)
