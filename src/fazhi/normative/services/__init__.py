"""Every transition of 规范性文件 (one module per entity). Views, the demo and tests call these."""

from fazhi.core import actions
from fazhi.normative.services import cleanup, documents
from fazhi.normative.services.cleanup import (  # noqa: F401
    cleanup_apply,
    cleanup_decide,
    cleanup_list_documents,
)
from fazhi.normative.services.documents import (  # noqa: F401
    consultation_close,
    consultation_start,
    deliberation_record,
    document_amend,
    document_expire,
    document_file,
    document_publish,
    document_repeal,
    review_record,
    review_submit,
)

# Each action of a document's page and its precondition, in the page's order.
DOCUMENT_CHECKS = {
    "consultation_start": documents.consultation_start_check,
    "consultation_close": documents.consultation_close_check,
    "review_submit": documents.review_submit_check,
    "review_record": documents.review_record_check,
    "deliberation_record": documents.deliberation_check,
    "publish": documents.publish_check,
    "file": documents.file_check,
    "amend": documents.amend_check,
    "repeal": documents.repeal_check,
    "expire": documents.expire_check,
}
# The same for a cleanup round's page.
CLEANUP_CHECKS = {
    "cleanup_list": cleanup.list_check,
    "cleanup_decide": cleanup.decide_check,
    "cleanup_apply": cleanup.apply_check,
}
ACTION_CHECKS = {**DOCUMENT_CHECKS, **CLEANUP_CHECKS}


def open_actions(actor, document, today=None) -> list[str]:
    """The actions the actor may take on the document now: exactly those whose service would
    accept valid input (dated no later than `today`)."""
    return actions.open_actions(DOCUMENT_CHECKS, actor, document, today)


def open_cleanup_actions(actor, round_, today=None) -> list[str]:
    return actions.open_actions(CLEANUP_CHECKS, actor, round_, today)
