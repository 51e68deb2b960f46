"""Reads of 行政执法 records, always through the ledger selectors or the scoping. Callers pass
`today` so pages and tests agree on dates."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Avg, Count

from fazhi.deadlines.resolve import period_for
from fazhi.deadlines.selectors import deadlines_of
from fazhi.enforcement import checklists, periods
from fazhi.enforcement.kinds import CASES, OFFICERS
from fazhi.enforcement.models import Case, CaseFileReview
from fazhi.enforcement.models.ledgers import EXPIRY_WARNING_DAYS
from fazhi.ledgers.selectors import records_for
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability


def expiring_certificates(user, today: date, days: int = EXPIRY_WARNING_DAYS):
    """Active officers whose certificate has expired or expires within `days` of `today`."""
    return (
        records_for(user, OFFICERS)
        .filter(valid_until__lte=today + timedelta(days=days))
        .select_related("organisation")
        .order_by("valid_until", "pk")
    )


@dataclass(frozen=True)
class TownshipScore:
    township: Organisation
    reviewed: int
    average: float


def average_review_scores(user, year: int) -> list[TownshipScore]:
    """Per township, the average 案卷评查 total of the year's cases (by 立案 year) reviewed."""
    reviews = CaseFileReview.objects.for_user(user, {Capability.LEDGER_VIEW}).filter(
        case__year=year, case__archived_at__isnull=True
    )
    rows = reviews.values("organisation_id").annotate(n=Count("pk"), avg=Avg("total"))
    townships = Organisation.objects.in_bulk([row["organisation_id"] for row in rows])
    scores = [
        TownshipScore(townships[row["organisation_id"]], row["n"], round(row["avg"], 1))
        for row in rows
    ]
    return sorted(scores, key=lambda score: score.township.path)


def average_review_score(user, year: int, township) -> float | None:
    for score in average_review_scores(user, year):
        if score.township.pk == township.pk:
            return score.average
    return None


def status_counts(user, year: int) -> dict[str, int]:
    counts = dict(
        records_for(user, CASES).filter(year=year).values_list("status").annotate(n=Count("pk"))
    )
    return {label: counts.get(value, 0) for value, label in Case.Status.choices}


def cases_with_record_gaps(user, year: int) -> list[tuple[Case, list[str]]]:
    cases = records_for(user, CASES).filter(year=year).prefetch_related("process_records")
    gaps = []
    for case in cases.select_related("organisation"):
        present = {(r.stage, r.form) for r in case.process_records.all()}
        missing = checklists.missing_records(case, present)
        if missing:
            gaps.append((case, missing))
    return gaps


def case_deadlines(case, today: date) -> list[dict]:
    return [
        {
            "deadline": deadline,
            "state": deadline.state(today),
            "days_left": deadline.days_left(today),
            "source": _source(case, deadline.code),
        }
        for deadline in deadlines_of(case)
    ]


def _source(case, code: str) -> str:
    return period_for(code, case.organisation).source


def case_closing_due(case):
    return periods.closing_due(case)
