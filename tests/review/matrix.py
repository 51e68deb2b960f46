from tests.matrix_rules import OK, Route

ENTRIES = {
    # Every role may check a report; posting without a file shows the form again.
    "review:check": Route(post={}, post_ok=OK),
}
