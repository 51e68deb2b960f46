"""Permission matrix entries for the pages of fazhi.supervision.

A finding's own object is one of 甲镇 (the matrix's own township); another's is one of 乙镇 for
township roles and of 丙镇 (another county) for the county's inspector and administrator. Roles
that see no ledgers (the advisor) are refused before any finding is looked up.
"""

from tests.matrix_rules import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, Route, only
from tests.supervision.helpers import rectified

VIEWERS = ("clerk", "leader", "reviewer", "inspector", "admin", "county_admin")


def _finding(world, role, which):
    return {"pk": rectified(world.orgs[_finding_key(role, which)]).pk}


def _rectification(world, role, which):
    finding = rectified(world.orgs[_finding_key(role, which)])
    return {"pk": finding.rectifications.get().pk}


def _finding_key(role, which):
    return "A1" if which == "own" else ("B1" if role in ("inspector", "county_admin") else "A2")


def _other(role, kind):
    return NOT_FOUND if role in VIEWERS else FORBIDDEN


POST_ONLY = Route(args=_finding, own=NOT_ALLOWED, other=NOT_ALLOWED)

ENTRIES = {
    "supervision:list": Route(own=only(*VIEWERS)),
    # An on-site visit's finding: the inspector only; an empty form is shown again (200).
    "supervision:new": Route(own=only("inspector"), post={"title": ""}, post_ok=OK),
    "supervision:deadlines": Route(own=only("inspector")),
    "supervision:from_deadlines": Route(own=NOT_ALLOWED),  # POST only
    "supervision:detail": Route(args=_finding, own=only(*VIEWERS), other=_other),
    "supervision:rectify": POST_ONLY,
    "supervision:close": POST_ONLY,
    "supervision:return": POST_ONLY,
    # Evidence only through this view, to those who see the finding.
    "supervision:file": Route(args=_rectification, own=only(*VIEWERS), other=_other),
}
