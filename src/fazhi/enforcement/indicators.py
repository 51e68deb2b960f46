"""Computations of the 行政执法 figures (catalogue codes enforcement.*).

Cases count in the year they were filed (立案), so the on-time publicity rate compares the
cases of one year; a case not yet decided is not (yet) publicised on time.
"""

from django.db.models import Exists, OuterRef, Q

from fazhi.deadlines.indicators import met_on_time
from fazhi.enforcement.models import Case, CaseFileReview, LegalReview, Officer
from fazhi.enforcement.periods import PUBLICITY_CODES
from fazhi.indicators.registry import Computation, ratio, register


def _certified_during(period) -> Q:
    """Officers whose certificate was valid on some day of the year, counting a person whose
    certificate was renewed within the year once (the latest certificate; officers are told
    apart by name within their township)."""
    renewed = Officer.objects.filter(
        organisation=OuterRef("organisation"),
        name=OuterRef("name"),
        archived_at__isnull=True,
        occurred_on__gt=OuterRef("occurred_on"),
        occurred_on__lte=period.last_day,
    )
    return Q(occurred_on__lte=period.last_day, valid_until__gte=period.first_day) & ~Q(
        Exists(renewed)
    )


register(Computation("enforcement.officers", Officer, _certified_during, year_field=None))
register(Computation("enforcement.cases", Case))
# Major decisions (第五十八条) that went through 法制审核: a review opinion is on record.
register(
    Computation(
        "enforcement.legal_reviewed",
        Case,
        Q(is_major=True) & Q(Exists(LegalReview.objects.filter(case=OuterRef("pk")))),
    )
)
# Publicised within the period for its type (7 working days for penalties and licences, 20
# for other decisions, or the county's setting), as the deadline engine recorded it.
register(Computation("enforcement.publicised_on_time", Case, met_on_time(Case, PUBLICITY_CODES)))
ratio("enforcement.publicised_on_time_rate")
# Case-file reviews count in the year of the review, whenever the case was filed.
_REVIEWED_CASE_ACTIVE = Q(case__archived_at__isnull=True)
register(
    Computation(
        "enforcement.case_file_review_points",
        CaseFileReview,
        _REVIEWED_CASE_ACTIVE,
        year_field="reviewed_on",
        sum_field="total",
        record_link="case",
    )
)
register(
    Computation(
        "enforcement.case_files_reviewed",
        CaseFileReview,
        _REVIEWED_CASE_ACTIVE,
        year_field="reviewed_on",
        record_link="case",
    )
)
ratio("enforcement.case_file_review_score", percent=False)
