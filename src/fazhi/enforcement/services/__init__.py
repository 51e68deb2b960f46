"""Every write to an enforcement case's workflow, one function per transition.

Each checks the actor's capability on the case's township (PermissionDenied), then that the
transition is allowed and every legal precondition holds (ValidationError with the rule named),
and only then writes, attributing the history row to the actor with a Chinese reason.
"""

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

__all__ = [
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
