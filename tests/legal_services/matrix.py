"""Permission matrix entries for the pages of fazhi.legal_services."""

from tests.matrix_rules import Route, only

# Every role holding LEDGER_VIEW sees the coverage of its subtree; the advisor does not.
ENTRIES = {
    "legal_services:coverage": Route(
        own=only("clerk", "leader", "reviewer", "inspector", "admin", "county_admin")
    ),
}
