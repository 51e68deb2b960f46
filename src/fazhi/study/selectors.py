"""Reads of 学法 records that the pages and the annual report share."""

from fazhi.ledgers.models import without_archived
from fazhi.study.models import StudySession

PRINCIPALS = (StudySession.Leader.SECRETARY, StudySession.Leader.HEAD)


def topics_led_by_principals(organisation, year: int) -> dict[str, list[str]]:
    """The distinct topics of the year's study sessions led by the 党委书记 ("secretary") and
    the 镇长 ("head") in the organisation's subtree, each in date order."""
    sessions = without_archived(
        StudySession.objects.filter(
            organisation__path__startswith=organisation.path, year=year, led_by__in=PRINCIPALS
        )
    )
    topics: dict[str, list[str]] = {str(leader): [] for leader in PRINCIPALS}
    for leader, topic in sessions.order_by("occurred_on", "pk").values_list("led_by", "topic"):
        if topic not in topics[leader]:
            topics[leader].append(topic)
    return topics
