"""The organisation tree's set-up and adjustment pages in the permission matrix.

Structural changes to a township (merge, abolish, reinstate) belong to the county admin; a
township admin adds villages and exports/imports their own township's table. The set-up pages
open for county admins only; the matrix's tree has no county of the division list, so the
county page answers 404 to those who may enter (tests/orgs/test_tree_views.py covers it).
"""

from tests.matrix_rules import FORBIDDEN, MANAGERS, NOT_FOUND, OK, Route, only

COUNTY_ADMIN = only("county_admin")

ENTRIES = {
    "orgs:setup": Route(own=COUNTY_ADMIN),
    "orgs:setup_county": Route(
        args="code",
        own=only("county_admin", allowed=NOT_FOUND),
        other=only("county_admin", allowed=NOT_FOUND, otherwise=FORBIDDEN),
    ),
    "orgs:add": Route(args="code", own=only(*MANAGERS)),
    "orgs:merge": Route(args="code", own=COUNTY_ADMIN),
    # A1 still has villages (abolish refused) and is not abolished (reinstate refused): the
    # county admin's POST shows the form again with the reason.
    "orgs:abolish": Route(args="code", own=COUNTY_ADMIN, post={"reason": "矩阵测试"}, post_ok=OK),
    "orgs:reinstate": Route(args="code", own=COUNTY_ADMIN, post={"reason": "矩阵测试"}, post_ok=OK),
    "orgs:export": Route(args="code", own=only(*MANAGERS)),
    "orgs:import": Route(args="code", own=only(*MANAGERS)),
}
