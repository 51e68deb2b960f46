"""Reads of 矛盾纠纷, always through the scoping of fazhi.ledgers. Callers pass `today`."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max, Q

from fazhi.disputes.models import FollowUpPerson, MediationCase, Petition
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import records_for
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level


@dataclass
class MediationStats:
    received: int
    closed: int
    successful: int

    @property
    def success_rate(self) -> float | None:
        """调解成功率 = successful / closed (a ratio of counts, never an average of rates)."""
        return self.successful / self.closed if self.closed else None

    @property
    def success_rate_label(self) -> str:
        rate = self.success_rate
        return "—" if rate is None else f"{rate * 100:.1f}%"


def mediation_stats(cases) -> MediationStats:
    counts = cases.aggregate(
        received=Count("pk"),
        closed=Count("pk", filter=~Q(result="")),
        successful=Count("pk", filter=Q(result=MediationCase.Result.SUCCESS)),
    )
    return MediationStats(**counts)


def mediation_by_township(
    user, year: int
) -> tuple[list[tuple[Organisation, MediationStats]], MediationStats]:
    """Per township of the user's scope, and the total as one ratio of the summed counts."""
    cases = records_for(user, get_kind("mediations")).filter(year=year)
    township_ids = cases.values_list("organisation_id", flat=True).distinct()
    townships = Organisation.objects.filter(pk__in=township_ids, level=Level.TOWNSHIP)
    rows = [(t, mediation_stats(cases.filter(organisation=t))) for t in townships.order_by("path")]
    return rows, mediation_stats(cases)


def petitions_by_status(user, year: int) -> list[tuple[str, int]]:
    counts = dict(
        records_for(user, get_kind("petitions"))
        .filter(year=year)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [(label, counts.get(value, 0)) for value, label in Petition.Status.choices]


def visit_state(person: FollowUpPerson, today: date, last_visit: date | None = None) -> str:
    if person.released_on is not None and person.released_on <= today:
        return "已解除"
    due = person.next_visit_due(last_visit)
    if due < today:
        return f"走访逾期{(today - due).days}天（应于{due:%Y-%m-%d}前走访）"
    return f"下次走访：{due:%Y-%m-%d}前"


@dataclass
class OverdueVisit:
    person: FollowUpPerson
    last_visit: date | None
    due: date
    days_late: int


def overdue_visits(user, today: date) -> list[OverdueVisit]:
    """People still under follow-up whose next visit was due before `today`, latest first."""
    people = (
        records_for(user, get_kind("follow-up-people"))
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
