"""Permission matrix entries for the workflow pages of fazhi.normative."""

from fazhi.normative.views import CLEANUP_ACTIONS, DOCUMENT_ACTIONS
from tests.matrix_rules import NOT_ALLOWED, Route, kind_refused_first, ledger_viewers, only

LEDGER_VIEWERS = ("clerk", "leader", "reviewer", "inspector", "admin", "county_admin")

DOCUMENTS = ("normative-documents",)
CLEANUPS = ("normative-cleanups",)

ENTRIES = {
    "normative:expiring": Route(own=only(*LEDGER_VIEWERS)),
    "normative:record": Route(
        args="record", kinds=DOCUMENTS, own=ledger_viewers(), other=kind_refused_first
    ),
    "normative:cleanup": Route(
        args="record", kinds=CLEANUPS, own=ledger_viewers(), other=kind_refused_first
    ),
}
# Actions are POST-only: a GET is refused before anything is looked up.
for _action in DOCUMENT_ACTIONS:
    ENTRIES[_action.url_name] = Route(
        args="record", kinds=DOCUMENTS, own=NOT_ALLOWED, other=NOT_ALLOWED
    )
for _action in CLEANUP_ACTIONS:
    ENTRIES[_action.url_name] = Route(
        args="record", kinds=CLEANUPS, own=NOT_ALLOWED, other=NOT_ALLOWED
    )
