"""Permission matrix entries for fazhi.accounts' own pages (login and logout are in the main
table)."""

from tests.matrix_rules import OK, Route

ENTRIES = {
    # Everyone signed in changes their own password; an empty post shows the form's errors.
    "password_change": Route(post={"old_password": ""}, post_ok=OK),
}
