"""Permission matrix entries for the pages of fazhi.disputes."""

from tests.matrix_rules import NOT_ALLOWED, Route, kind_refused_first, ledger_viewers, only

VIEWERS = only("clerk", "leader", "reviewer", "inspector", "admin", "county_admin")


def _actions(kind):
    # POST only: a GET is refused with 405 before anything is looked up.
    return Route(args="record", kinds=(kind,), own=NOT_ALLOWED, other=NOT_ALLOWED)


ENTRIES = {
    "disputes:overview": Route(own=VIEWERS),
    "disputes:petition": Route(
        args="record", kinds=("petitions",), own=ledger_viewers(), other=kind_refused_first
    ),
    "disputes:decide": _actions("petitions"),
    "disputes:extend": _actions("petitions"),
    "disputes:reply": _actions("petitions"),
    "disputes:review": _actions("petitions"),
    "disputes:person": Route(
        args="record",
        kinds=("follow-up-people",),
        own=ledger_viewers(),
        other=kind_refused_first,
    ),
    "disputes:visit": _actions("follow-up-people"),
}
