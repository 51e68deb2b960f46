"""Permission matrix entries for the pages of fazhi.indicators."""

from tests.matrix_rules import FORBIDDEN, NOT_FOUND, Route, only

LEDGER_VIEWERS = ("clerk", "leader", "reviewer", "inspector", "admin", "county_admin")


def advisor_refused(role, kind):
    """The advisor has no ledger view: refused before any organisation is looked up."""
    return FORBIDDEN if role == "advisor" else NOT_FOUND


ENTRIES = {
    "indicators:records": Route(
        args="code",
        kwargs={"indicator": "governance.budget"},
        own=only(*LEDGER_VIEWERS),
        other=advisor_refused,
    ),
}
