"""Permission matrix entries for the REST API (fazhi.api): anyone signed in (session or token)
may read the schema and their own identity; an anonymous caller gets 401, not the login page."""

from tests.matrix_rules import UNAUTHORIZED, Route

ENTRIES = {
    "api:schema": Route(anonymous=UNAUTHORIZED),
    "api:docs": Route(anonymous=UNAUTHORIZED),
    "api:me": Route(anonymous=UNAUTHORIZED),
}

# Issue 19, ledgers slice (fazhi.api.ledgers): every kind's records as the ledger pages — a role
# refused the kind 403, another township's record or attachment 404; the archive is POST only
# (tests/api/test_ledgers.py writes through every route).
from tests.matrix_rules import NOT_ALLOWED, NOT_FOUND, kind_refused_first, ledger_viewers  # noqa: E402

ENTRIES.update(
    {
        "api:ledger_kinds": Route(anonymous=UNAUTHORIZED),
        "api:ledger_records": Route(args="kind", own=ledger_viewers(), anonymous=UNAUTHORIZED),
        "api:ledger_record": Route(
            args="record", own=ledger_viewers(), other=kind_refused_first, anonymous=UNAUTHORIZED
        ),
        "api:ledger_record_archive": Route(
            args="record", own=NOT_ALLOWED, other=NOT_ALLOWED, anonymous=UNAUTHORIZED
        ),
        "api:ledger_attachments": Route(
            args="record", own=ledger_viewers(), other=kind_refused_first, anonymous=UNAUTHORIZED
        ),
        "api:attachment_file": Route(
            args="attachment",
            own=ledger_viewers(NOT_FOUND),
            other=NOT_FOUND,
            anonymous=UNAUTHORIZED,
        ),
    }
)
ENTRIES.update(
    {
        # Workflow actions, for the kinds with one (fazhi.api.ledger_actions.WORKFLOWS).
        "api:ledger_record_actions": Route(
            args="record",
            kinds=("enforcement-cases", "petitions", "normative-documents"),
            own=ledger_viewers(),
            other=kind_refused_first,
            anonymous=UNAUTHORIZED,
        ),
        # POST only: any record and action answer 405 before they are looked up.
        "api:ledger_record_action": Route(
            args=lambda world, role, which: {"pk": 1, "action": "close"},
            own=NOT_ALLOWED,
            other=NOT_ALLOWED,
            anonymous=UNAUTHORIZED,
        ),
    }
)
