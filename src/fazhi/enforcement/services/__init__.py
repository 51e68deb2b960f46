"""Every write to an enforcement case's workflow, one function per transition.

Each checks the actor's capability on the case's township (PermissionDenied), then that the
transition is allowed and every legal precondition holds (ValidationError with the rule named),
and only then writes, attributing the history row to the actor with a Chinese reason.
"""

from fazhi.core import actions
from fazhi.enforcement.services import cases, records, review, staffing
from fazhi.enforcement.services.cases import (
    case_close,
    case_decide,
    case_extend,
    case_hearing_record,
    case_publicise,
    case_serve,
)
from fazhi.enforcement.services.records import case_file_review_record, process_record_add
from fazhi.enforcement.services.review import case_review_submit, legal_review_record
from fazhi.enforcement.services.staffing import case_officer_add, officers_valid_on

# Each action of a case's page and its precondition, in the page's order.
ACTION_CHECKS = {
    "officer_add": staffing.officer_add_check,
    "process_record": records.process_record_check,
    "hearing": cases.hearing_check,
    "extend": cases.extend_check,
    "review_submit": review.review_submit_check,
    "review_record": review.review_record_check,
    "decide": cases.decide_check,
    "serve": cases.serve_check,
    "publicise": cases.publicise_check,
    "close": cases.close_check,
    "file_review": records.file_review_check,
}


def open_actions(actor, case) -> list[str]:
    """The actions the actor may take on the case now: exactly those whose service would
    accept valid input."""
    return actions.open_actions(ACTION_CHECKS, actor, case)


def check_action(name: str, actor, case) -> None:
    """The precondition of action `name` (PermissionDenied or ValidationError)."""
    ACTION_CHECKS[name](actor, case)


__all__ = [
    "ACTION_CHECKS",
    "check_action",
    "open_actions",
    "case_close",
    "case_decide",
    "case_extend",
    "case_file_review_record",
    "case_hearing_record",
    "case_officer_add",
    "case_publicise",
    "case_review_submit",
    "case_serve",
    "legal_review_record",
    "officers_valid_on",
    "process_record_add",
]
