"""Permission matrix entries for the pages of fazhi.enforcement."""

from fazhi.enforcement.views import ACTIONS
from tests.matrix_rules import NOT_ALLOWED, Route, kind_refused_first, ledger_viewers, only

CASE = ("enforcement-cases",)

ENTRIES = {
    # Every role holding LEDGER_VIEW; the advisor keeps only the advisor's own ledger.
    "enforcement:overview": Route(
        own=only("clerk", "leader", "reviewer", "inspector", "admin", "county_admin")
    ),
    "enforcement:record": Route(
        args="record", kinds=CASE, own=ledger_viewers(), other=kind_refused_first
    ),
    # Workflow actions are POST-only: a GET is refused before any lookup.
    **{
        f"enforcement:{name}": Route(args="record", kinds=CASE, own=NOT_ALLOWED, other=NOT_ALLOWED)
        for name in ACTIONS
    },
}
