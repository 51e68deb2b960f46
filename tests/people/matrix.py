"""Permission matrix entries for the pages of fazhi.people.

A person page's own object is the township clerk (甲镇); another's is a person of 乙镇 for the
township admin, of 丙镇 for the county admin (tests/test_permission_matrix.py, args="person").
Roles without ORG_MANAGE are refused before any person is looked up (403 on both).
"""

from tests.matrix_rules import FORBIDDEN, MANAGERS, NOT_ALLOWED, NOT_FOUND, OK, Route, only

ADMIN_PAGE = only(*MANAGERS)
OTHER_PERSON = only(*MANAGERS, allowed=NOT_FOUND, otherwise=FORBIDDEN)
POST_ONLY = Route(args="person", own=NOT_ALLOWED, other=NOT_ALLOWED)

ENTRIES = {
    "people:list": Route(own=ADMIN_PAGE),
    "people:create": Route(own=ADMIN_PAGE, post={"display_name": ""}, post_ok=OK),
    "people:import": Route(own=ADMIN_PAGE),
    "people:template": Route(own=ADMIN_PAGE),
    "people:audit": Route(own=only("inspector", *MANAGERS)),
    "people:detail": Route(args="person", own=ADMIN_PAGE, other=OTHER_PERSON),
    "people:edit": Route(args="person", own=ADMIN_PAGE, other=OTHER_PERSON),
    "people:role_grant": POST_ONLY,
    "people:role_revoke": Route(
        args="person", own=NOT_ALLOWED, other=NOT_ALLOWED, kwargs={"membership": 0}
    ),
    "people:deactivate": POST_ONLY,
    "people:reactivate": POST_ONLY,
    "people:reset_password": POST_ONLY,
}
