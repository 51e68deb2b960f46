"""Permission matrix entries for the pages of fazhi.reports.

The matrix world has no reports: the pages that show a version answer 404 to the roles allowed
through (there is nothing to show), 403 to the others. tests/reports/test_views.py covers the
same pages with real reports, for own and other townships.
"""

from tests.matrix_rules import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, Route, only

WRITERS = ("clerk", "leader")
READERS = ("clerk", "leader", "inspector")

POST_ONLY = Route(args="code", own=NOT_ALLOWED, other=NOT_ALLOWED)


def _readers_refused_first(role, kind):
    # Roles that never read reports are refused before any organisation is looked up.
    return NOT_FOUND if role in READERS else FORBIDDEN


ENTRIES = {
    "reports:list": Route(own=only(*READERS)),
    "reports:township": Route(args="code", own=only(*READERS), other=_readers_refused_first),
    "reports:edit": Route(
        args="code",
        own=only(*WRITERS, allowed=NOT_FOUND),
        other=_readers_refused_first,
    ),
    "reports:compare": Route(
        args="code", own=only(*READERS, allowed=NOT_FOUND), other=_readers_refused_first
    ),
    "reports:docx": Route(
        args="code", own=only(*READERS, allowed=NOT_FOUND), other=_readers_refused_first
    ),
    "reports:pdf": Route(
        args="code", own=only(*READERS, allowed=NOT_FOUND), other=_readers_refused_first
    ),
    "reports:workpaper": Route(
        args="code", own=only(*READERS, allowed=NOT_FOUND), other=_readers_refused_first
    ),
    # Only the county's own administrator sets its order of parts and its dates.
    "reports:settings": Route(
        args="code",
        own=only("county_admin"),
        post={
            "part_order": "shortcomings,achievements,first_responsible,plans,other",
            "submission_month": "3",
            "submission_day": "1",
            "publication_month": "4",
            "publication_day": "1",
        },
    ),
    **{
        f"reports:{name}": POST_ONLY
        for name in ("create", "suggestion", "approve", "submit", "new_version", "publish")
    },
    # The part editor's catalogue picker (GET) and live chips (POST, htmx): as the editor.
    "reports:figures": Route(
        args="code",
        own=only(*WRITERS, allowed=NOT_FOUND),
        other=_readers_refused_first,
    ),
    "reports:edit_preview": POST_ONLY,
}

# The county's collection board (县级报告收取): only the county's inspectors; for everyone else
# the county and its townships do not exist here (404). The matrix world has no uploads.
ENTRIES.update(
    {
        "reports:board": Route(own=only("inspector", otherwise=NOT_FOUND)),
        "reports:collection": Route(args="code", own=only("inspector", otherwise=NOT_FOUND)),
        "reports:upload_file": Route(args="code", own=NOT_FOUND, kwargs={"pk": 999999}),
        **{
            f"reports:{name}": POST_ONLY
            for name in ("return", "receive", "upload", "check_finding")
        },
    }
)
