"""Reads of 学法 records that compute something or that the annual report names: study
sessions by type (the dashboard's chart), the topics the principal leaders led. For a user
(pages) or for an organisation's subtree without a user."""

from django.db.models import Count

from fazhi.indicators.named import named_figure
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import records_in
from fazhi.study.models import StudySession

SESSION_TYPES = StudySession.Type.choices
PRINCIPALS = (StudySession.Leader.SECRETARY, StudySession.Leader.HEAD)


def _sessions(*, organisation=None, user=None):
    return records_in(get_kind("study-sessions"), user=user, organisation=organisation)


@named_figure("study.sessions_by_type")
def sessions_by_type(*, year: int, organisation=None, user=None) -> dict[str, int]:
    """{session type: number of study sessions} of the year."""
    rows = (
        _sessions(organisation=organisation, user=user)
        .filter(year=year)
        .order_by()
        .values("session_type")
        .annotate(n=Count("pk"))
    )
    return {row["session_type"]: row["n"] for row in rows}


def topics_led_by_principals(*, year: int, organisation=None, user=None) -> dict[str, list[str]]:
    """The distinct topics of the year's study sessions led by the 党委书记 ("secretary") and
    the 镇长 ("head"), each in date order."""
    sessions = _sessions(organisation=organisation, user=user).filter(
        year=year, led_by__in=PRINCIPALS
    )
    topics: dict[str, list[str]] = {str(leader): [] for leader in PRINCIPALS}
    for leader, topic in sessions.order_by("occurred_on", "pk").values_list("led_by", "topic"):
        if topic not in topics[leader]:
            topics[leader].append(topic)
    return topics
