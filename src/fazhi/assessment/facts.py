"""Facts an item may read besides indicators: the annual report's submission and publication,
each as a status (on time / late / missing) per township and year, read in two queries: the
versions submitted on the platform, and the reports the county uploaded for townships off it."""

from datetime import date

from django.utils import timezone

from fazhi.assessment.rules import LATE, MISSING, ON_TIME
from fazhi.deadlines.resolve import county_id_of
from fazhi.reports.models import SUBMITTED_STATES, ExternalReport, ReportVersion, State
from fazhi.reports.selectors import publication_due, submission_due

FACT_LABELS = {
    "report.submission": "年度报告按时报送（按时/迟报/漏报）",
    "report.publication": "年度报告按时公开（按时/迟/未公开）",
}


def _status(done_on: date | None, due: date, today: date) -> str | None:
    if done_on is None:
        return MISSING if today > due else None  # None: not due yet, so not yet missing
    return LATE if done_on > due else ON_TIME


def fact_values(names, organisations, year: int, *, today: date | None = None) -> dict:
    """{(name, organisation id): status} for the requested facts."""
    today = today or timezone.localdate()
    names = [name for name in names if name in FACT_LABELS]
    organisations = list(organisations)
    if not names or not organisations:
        return {}
    first_submitted: dict[int, date] = {}
    first_published: dict[int, date] = {}
    rows = (
        ReportVersion.objects.filter(
            report__organisation__in=organisations, report__year=year, state__in=SUBMITTED_STATES
        )
        .order_by("number")
        .values_list("report__organisation_id", "submitted_on", "published_on", "state")
    )
    for org_id, submitted_on, published_on, state in rows:
        if submitted_on:
            first_submitted.setdefault(org_id, submitted_on)
        if state == State.PUBLISHED and published_on:
            first_published.setdefault(org_id, published_on)
    # A township off the platform: the county's upload says when it submitted and published.
    uploads = (
        ExternalReport.objects.filter(organisation__in=organisations, year=year)
        .order_by("submitted_on", "pk")
        .values_list("organisation_id", "submitted_on", "published_on")
    )
    for org_id, submitted_on, published_on in uploads:
        if org_id not in first_submitted:
            first_submitted.setdefault(org_id, submitted_on)
            if published_on:
                first_published.setdefault(org_id, published_on)
    # Due dates are a county's setting: read once per county, not once per township.
    dues: dict[int, tuple[date, date]] = {}
    values = {}
    for organisation in organisations:
        county = county_id_of(organisation)
        if county not in dues:
            dues[county] = (
                submission_due(organisation, year),
                publication_due(organisation, year),
            )
        submission, publication = dues[county]
        if "report.submission" in names:
            values[("report.submission", organisation.pk)] = _status(
                first_submitted.get(organisation.pk), submission, today
            )
        if "report.publication" in names:
            values[("report.publication", organisation.pk)] = _status(
                first_published.get(organisation.pk), publication, today
            )
    return values


def fact_label(name: str) -> str:
    return FACT_LABELS.get(name, name)
