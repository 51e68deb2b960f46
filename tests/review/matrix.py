from tests.matrix_rules import NOT_FOUND, OK, Route

ENTRIES = {
    # Every role may check a report; posting without a file shows the form again.
    "review:check": Route(post={}, post_ok=OK),
    # Downloads of a result checked in the same session (tests/review/test_check_page.py): the
    # matrix's sessions have checked nothing, so every role finds nothing.
    "review:json": Route(args=lambda world, role, which: {"token": "unknown"}, own=NOT_FOUND),
    "review:workbook": Route(args=lambda world, role, which: {"token": "unknown"}, own=NOT_FOUND),
    # The law library (issue 20): every role searches it and opens a law's page.
    "laws:search": Route(),
    "laws:law": Route(args=lambda world, role, which: {"name": "行政处罚法"}, other=OK),
    # The names a citation field's picker offers (fazhi.ledgers.citations): every role.
    "laws:names": Route(),
}
