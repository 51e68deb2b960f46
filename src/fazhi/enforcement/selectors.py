"""Reads of 行政执法 records, always through the ledger selectors or the scoping. Callers pass
`today` so pages and tests agree on dates."""

from datetime import date, timedelta

from django.db.models import Count

from fazhi.deadlines.resolve import period_for
from fazhi.deadlines.selectors import deadlines_of
from fazhi.enforcement import checklists, periods
from fazhi.enforcement.kinds import CASES, OFFICERS
from fazhi.enforcement.models import Case
from fazhi.enforcement.models.ledgers import EXPIRY_WARNING_DAYS
from fazhi.indicators.named import named_figure
from fazhi.ledgers.selectors import records_in

CASE_STATUSES = Case.Status.choices
# The 案卷评查 average the overview shows is the catalogue's figure (reviews in their review
# year), through fazhi.indicators; nothing here averages scores a second way.
REVIEW_CODES = ("enforcement.case_files_reviewed", "enforcement.case_file_review_score")


@named_figure("enforcement.expiring_certificates")
def expiring_certificates(*, today: date, organisation=None, user=None):
    """Active officers whose certificate has expired or expires within EXPIRY_WARNING_DAYS of
    `today` (the one warning period: the ledger's 证件状态 says the same)."""
    return (
        records_in(OFFICERS, user=user, organisation=organisation)
        .filter(valid_until__lte=today + timedelta(days=EXPIRY_WARNING_DAYS))
        .select_related("organisation")
        .order_by("valid_until", "pk")
    )


@named_figure("enforcement.cases_by_status")
def cases_by_status(*, year: int, organisation=None, user=None) -> dict[str, int]:
    """{status: number of the year's cases}, every status present (in the workflow's order)."""
    counts = dict(
        records_in(CASES, user=user, organisation=organisation)
        .filter(year=year)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {status: counts.get(status, 0) for status, _ in CASE_STATUSES}


@named_figure("enforcement.cases_with_record_gaps")
def cases_with_record_gaps(
    *, year: int, organisation=None, user=None
) -> list[tuple[Case, list[str]]]:
    """The year's cases missing a required full-process record, with what is missing."""
    cases = (
        records_in(CASES, user=user, organisation=organisation)
        .filter(year=year)
        .prefetch_related("process_records")
        .select_related("organisation")
        .order_by("pk")
    )
    gaps = []
    for case in cases:
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


def awaiting_review(user):
    """Cases submitted for 法制审核 and not yet answered, where the user reviews: the state
    review_record_check accepts (services.review)."""
    from fazhi.orgs.roles import Capability

    return (
        records_in(CASES, user=user, capabilities={Capability.LEGAL_REVIEW})
        .filter(status=Case.Status.IN_REVIEW)
        .select_related("organisation")
        .order_by("review_submitted_on", "pk")
    )
