"""Ledger kinds of 规范性文件 (registered on import by apps.py). Both are kept by the township."""

from fazhi.ledgers.registry import DomainPage, LedgerKind, register, register_page
from fazhi.normative import demo, rules
from fazhi.normative.duedates import sync_deadlines
from fazhi.normative.models import CleanupRound, NormativeDocument

DOMAIN = "规范性文件"


def _computed(function):
    # Django templates call any callable they resolve; these need their record argument.
    function.do_not_call_in_templates = True
    return function


@_computed
def _status(document) -> str:
    label = document.get_status_display()
    return f"{label}（第{document.revision}稿）" if document.revision > 1 else label


@_computed
def _number(document) -> str:
    return document.doc_number


@_computed
def _published(document) -> str:
    return f"{document.published_on:%Y-%m-%d}" if document.published_on else ""


@_computed
def _filed(document) -> str:
    return f"{document.filed_on:%Y-%m-%d}" if document.filed_on else ""


@_computed
def _expires(document) -> str:
    return f"{document.expires_on:%Y-%m-%d}" if document.expires_on else ""


@_computed
def _cleanup_state(cleanup) -> str:
    if cleanup.completed_on:
        return f"已公布结果（{cleanup.completed_on:%Y-%m-%d}）"
    return "进行中"


DOCUMENTS = register(
    LedgerKind(
        slug="normative-documents",
        default_attachment_category="document",
        model=NormativeDocument,
        domain=DOMAIN,
        fields=("title", "drafting_unit", "summary", "legal_basis"),
        citations=("legal_basis",),
        list_columns=("title", "drafting_unit"),
        natural_key=("organisation", "occurred_on", "title"),
        search_fields=("title", "drafting_unit", "summary", "legal_basis"),
        rules=rules.document_rules,
        frozen=rules.DOCUMENT_FROZEN,
        deadlines=sync_deadlines,
        demo=demo.documents,
        computed=(
            ("办理状态", _status),
            ("文号", _number),
            ("公布日期", _published),
            ("备案日期", _filed),
            ("有效期至", _expires),
        ),
        workflow_url_name="normative:record",
    )
)
CLEANUPS = register(
    LedgerKind(
        slug="normative-cleanups",
        default_attachment_category="document",
        model=CleanupRound,
        domain=DOMAIN,
        fields=("title", "notes"),
        list_columns=("title", "notes"),
        natural_key=("organisation", "occurred_on"),
        search_fields=("title", "notes"),
        rules=rules.cleanup_rules,
        demo=demo.cleanups,
        computed=(("清理进度", _cleanup_state),),
        workflow_url_name="normative:cleanup",
    )
)

register_page(DomainPage(domain=DOMAIN, label="有效期届满提醒", url_name="normative:expiring"))
