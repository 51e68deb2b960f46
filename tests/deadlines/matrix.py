"""Permission matrix entries for the pages of fazhi.deadlines."""

from tests.matrix_rules import Route, kind_refused_first, ledger_viewers, only

LEDGER_VIEWERS = ("clerk", "leader", "reviewer", "inspector", "admin", "county_admin")

ENTRIES = {
    "deadlines:list": Route(own=only(*LEDGER_VIEWERS)),
    "deadlines:county": Route(own=only("inspector", "county_admin")),
    "deadlines:periods": Route(),
    # The periods of an organisation's county; only that county's administrator edits them.
    "deadlines:period_edit": Route(
        args="code",
        own=only("county_admin"),
        post={"code": "normative.filing", "days": "20", "reason": "矩阵测试"},
    ),
    "deadlines:record": Route(args="record", own=ledger_viewers(), other=kind_refused_first),
}
