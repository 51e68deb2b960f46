"""Permission matrix entries for the REST API (fazhi.api): anyone signed in (session or token)
may read the schema and their own identity; an anonymous caller gets 401, not the login page."""

from tests.matrix_rules import UNAUTHORIZED, Route

ENTRIES = {
    "api:schema": Route(anonymous=UNAUTHORIZED),
    "api:docs": Route(anonymous=UNAUTHORIZED),
    "api:me": Route(anonymous=UNAUTHORIZED),
}
