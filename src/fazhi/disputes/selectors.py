"""Reads of 矛盾纠纷, always through the scoping of fazhi.ledgers. Callers pass `today`. Each
figure is one function, for a user (pages) or an organisation's subtree without a user."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max, Q

from fazhi.disputes.models import FollowUpPerson, MediationCase, Petition
from fazhi.disputes.models.followup import visit_state  # noqa: F401  (re-exported)
from fazhi.indicators.named import named_figure
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import records_in

MEDIATION_RESULTS = [*MediationCase.Result.choices, ("", "调解中")]  # "": not closed yet
PETITION_STATUSES = Petition.Status.choices


@named_figure("disputes.mediation_results")
def mediation_results(*, year: int, organisation=None, user=None) -> dict[str, int]:
    """{result ("" while being mediated): number of the year's mediation cases}."""
    rows = (
        records_in(get_kind("mediations"), user=user, organisation=organisation)
        .filter(year=year)
        .order_by()
        .values("result")
        .annotate(n=Count("pk"))
    )
    return {row["result"]: row["n"] for row in rows}


@named_figure("disputes.petitions_by_status")
def petitions_by_status(*, year: int, organisation=None, user=None) -> dict[str, int]:
    """{status: number of the year's petitions}, every status present (in the workflow's order)."""
    counts = dict(
        records_in(get_kind("petitions"), user=user, organisation=organisation)
        .filter(year=year)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status, _ in PETITION_STATUSES}


@dataclass
class OverdueVisit:
    person: FollowUpPerson
    last_visit: date | None
    due: date
    days_late: int


@named_figure("disputes.overdue_visits")
def overdue_visits(*, today: date, organisation=None, user=None) -> list[OverdueVisit]:
    """People still under follow-up whose next visit was due before `today`, latest first."""
    people = (
        records_in(get_kind("follow-up-people"), user=user, organisation=organisation)
        .filter(occurred_on__lte=today)
        .filter(Q(released_on__isnull=True) | Q(released_on__gt=today))
        .annotate(last_visit=Max("visits__visited_on", filter=Q(visits__visited_on__lte=today)))
        .select_related("organisation")
    )
    overdue = []
    for person in people:
        start = person.last_visit or person.occurred_on
        due = start + timedelta(days=person.visit_interval_days)
        if due < today:
            overdue.append(OverdueVisit(person, person.last_visit, due, (today - due).days))
    return sorted(overdue, key=lambda item: (-item.days_late, item.person.pk))
