"""Permission matrix entries for the pages of fazhi.dashboards."""

from tests.matrix_rules import FORBIDDEN, NOT_FOUND, Route, only

LEDGER_VIEWERS = ("clerk", "leader", "reviewer", "inspector", "admin", "county_admin")
COUNTY_ROLES = ("inspector", "county_admin")
REDIRECT = 302


def advisor_refused(role, kind):
    """The advisor has no ledger view: refused before any organisation is looked up."""
    return FORBIDDEN if role == "advisor" else NOT_FOUND


ENTRIES = {
    # Sends ledger viewers on to their township's dashboard, county roles to the county's.
    "dashboards:home": Route(own=only(*LEDGER_VIEWERS, allowed=REDIRECT)),
    "dashboards:township": Route(args="code", own=only(*LEDGER_VIEWERS), other=advisor_refused),
    "dashboards:county": Route(own=only(*COUNTY_ROLES)),
    "dashboards:county_export": Route(own=only(*COUNTY_ROLES)),
    # Issue 21: the comparison of counties is for province and city inspectors (none here).
    "dashboards:province": Route(own=only()),
}
