"""Permission matrix entries for the pages of fazhi.decisions."""

from tests.matrix_rules import NOT_ALLOWED, Route, kind_refused_first, ledger_viewers

KIND = ("major-decisions",)


def _post_only():
    # Actions answer GET with 405 before any lookup; their POSTs are tested in test_pages.py.
    return Route(args="record", kinds=KIND, own=NOT_ALLOWED, other=NOT_ALLOWED)


ENTRIES = {
    "decisions:record": Route(
        args="record", kinds=KIND, own=ledger_viewers(), other=kind_refused_first
    ),
    **{
        f"decisions:{name}": _post_only()
        for name in (
            "participation_open",
            "participation_complete",
            "procedure",
            "waive",
            "legality",
            "collective",
            "publish",
            "file",
        )
    },
}
