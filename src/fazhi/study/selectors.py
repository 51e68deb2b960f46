"""Reads of 学法 records that compute something: study sessions by type (the dashboard's chart).
For a user (pages) or for an organisation's subtree without a user."""

from django.db.models import Count

from fazhi.indicators.named import named_figure
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import records_in
from fazhi.study.models import StudySession

SESSION_TYPES = StudySession.Type.choices


@named_figure("study.sessions_by_type")
def sessions_by_type(*, year: int, organisation=None, user=None) -> dict[str, int]:
    """{session type: number of study sessions} of the year."""
    rows = (
        records_in(get_kind("study-sessions"), user=user, organisation=organisation)
        .filter(year=year)
        .order_by()
        .values("session_type")
        .annotate(n=Count("pk"))
    )
    return {row["session_type"]: row["n"] for row in rows}
