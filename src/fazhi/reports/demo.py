"""Last year's annual reports of the demo townships, taken through the report services.

As each township's profile says (fazhi.orgs.demo_profiles): one report submitted before the
3月1日 deadline and published, one submitted after it, one still a draft. Every step is dated in
this year's first quarter and taken only once its day has come. A township that already has a
report for the year is left alone, so a second run adds nothing.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from fazhi.ledgers.demo import demo_townships
from fazhi.orgs.demo_profiles import (
    ORDINARY,
    REPORT_DRAFT,
    REPORT_LATE,
    REPORT_PUBLISHED,
    profile_of,
)
from fazhi.reports import services
from fazhi.reports.models import Report

# (month, day) of each step in the year after the report year.
DRAFTED = (2, 10)
APPROVED = (2, 20)
SUBMITTED = {REPORT_PUBLISHED: (2, 26), REPORT_LATE: (3, 12)}
PUBLISHED = (3, 20)
CHANNEL = "政府门户网站“法治政府建设”专栏"


@transaction.atomic
def load(today: date | None = None) -> None:
    today = today or timezone.localdate()
    for township in demo_townships():
        profile = profile_of(township)
        year = today.year - 1
        if profile is ORDINARY or Report.objects.filter(organisation=township, year=year).exists():
            continue
        _report(township, year, profile.report, today)


def _report(township, year: int, stage: str, today: date) -> None:
    def day(month_day) -> date | None:
        when = date(year + 1, *month_day)
        return when if when <= today else None

    drafted = day(DRAFTED)
    if drafted is None:
        return
    version = services.report_create(actor=None, organisation=township, year=year, today=drafted)
    approved = day(APPROVED)
    if stage == REPORT_DRAFT or approved is None:
        return
    version = services.version_approve(actor=None, version=version, today=approved)
    submitted = day(SUBMITTED[stage])
    if submitted is None:
        return
    version = services.version_submit(actor=None, version=version, submitted_on=submitted)
    published = day(PUBLISHED)
    if stage != REPORT_PUBLISHED or published is None:
        return
    services.version_publish(
        actor=None,
        version=version,
        published_on=published,
        channel=CHANNEL,
        secrecy_reviewed=True,
    )
