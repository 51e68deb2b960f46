"""Permission matrix entries for the pages of fazhi.indicators."""

from tests.matrix_rules import FORBIDDEN, NOT_FOUND, Route, only

LEDGER_VIEWERS = ("clerk", "leader", "reviewer", "inspector", "admin", "county_admin")
COUNTY_ROLES = ("inspector", "county_admin")
REDIRECT = 302


def advisor_refused(role, kind):
    """The advisor has no ledger view: refused before any organisation is looked up."""
    return FORBIDDEN if role == "advisor" else NOT_FOUND


ENTRIES = {
    # Sends ledger viewers on to their township's dashboard, county roles to the county's.
    "indicators:home": Route(own=only(*LEDGER_VIEWERS, allowed=REDIRECT)),
    "indicators:township": Route(args="code", own=only(*LEDGER_VIEWERS), other=advisor_refused),
    "indicators:county": Route(own=only(*COUNTY_ROLES)),
    "indicators:county_export": Route(own=only(*COUNTY_ROLES)),
    "indicators:records": Route(
        args="code",
        kwargs={"indicator": "governance.budget"},
        own=only(*LEDGER_VIEWERS),
        other=advisor_refused,
    ),
}
