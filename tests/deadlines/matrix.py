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
    # The holiday calendar: everyone who sees deadlines; the national table is entered by a
    # superuser or a county administrator (a township admin may not).
    "deadlines:calendar": Route(own=only(*LEDGER_VIEWERS)),
    "deadlines:calendar_edit": Route(
        own=only("county_admin"),
        post={
            "year": "2027",
            "notice_number": "国办发明电〔2026〕99号",
            "notice_date": "2026-11-10",
            "rows": "2027-01-01 放假 元旦",
        },
    ),
    "deadlines:record": Route(args="record", own=ledger_viewers(), other=kind_refused_first),
}
