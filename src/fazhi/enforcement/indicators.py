"""Computations of the 行政执法 figures (catalogue codes enforcement.*).

Cases count in the year they were filed (立案); their decisions, and the publicity of those
decisions, in the year they were decided, so that the on-time publicity rate divides the
decisions of one year by the same decisions (a case still undecided is in neither).
"""

from django.db.models import Exists, OuterRef, Q

from fazhi.deadlines.indicators import met_on_time
from fazhi.deadlines.models import has_deadline
from fazhi.enforcement.models import Case, CaseFileReview, LegalReview, Officer
from fazhi.enforcement.periods import PUBLICITY_CODES
from fazhi.indicators.registry import Computation, ratio, register


def _publicity_deadline() -> Q:
    """Cases carrying a publicity deadline (the services attach one to every decision)."""
    return has_deadline(Case, PUBLICITY_CODES)


def _certified_during(period) -> Q:
    """Certificates valid on some day of the year, less those replaced by another certificate
    valid during the year (a renewal records the certificate it replaces): one per officer,
    told apart by certificate numbers, never by name."""
    replacement = Officer.objects.filter(
        organisation=OuterRef("organisation"),
        replaces_certificate=OuterRef("certificate_number"),
        archived_at__isnull=True,
        occurred_on__lte=period.last_day,
        valid_until__gte=period.first_day,
    )
    return Q(occurred_on__lte=period.last_day, valid_until__gte=period.first_day) & ~Q(
        Exists(replacement)
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
# Decisions of the year that must be publicised: the services attach a publicity deadline to
# every decision (7 working days for penalties and licences, 20 for others, or the county's).
register(
    Computation(
        "enforcement.decisions_to_publicise",
        Case,
        _publicity_deadline(),
        year_field="decided_on",
    )
)
# The same decisions (met_on_time implies the deadline), publicised within their period as the
# deadline engine recorded it.
register(
    Computation(
        "enforcement.publicised_on_time",
        Case,
        met_on_time(Case, PUBLICITY_CODES),
        year_field="decided_on",
    )
)
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
