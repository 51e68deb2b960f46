"""Pages of 普法 beyond the generic ledger pages, for tests/test_permission_matrix.py."""

from tests.matrix_rules import FORBIDDEN, OK, Route

# Every role with LEDGER_VIEW opens the calendar; the advisor (no LEDGER_VIEW) is refused.
ENTRIES = {
    "publicity:calendar": Route(
        own=lambda role, kind: FORBIDDEN if role == "advisor" else OK,
    ),
}
