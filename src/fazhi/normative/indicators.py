"""Computations of the 规范性文件 figures (catalogue codes normative.*).

A document counts in the year of the step the figure names (published, reviewed, filed), not
the year its drafting began.
"""

from django.db.models import Exists, OuterRef, Q

from fazhi.deadlines.indicators import met_on_time
from fazhi.indicators.registry import Computation, ratio, register
from fazhi.normative.models import CleanupItem, LegalityReview, NormativeDocument
from fazhi.normative.services.common import FILING_PERIOD

# 制定: published (签发公布) in the year; a republication after amendment moves the date.
register(Computation("normative.issued", NormativeDocument, year_field="published_on"))
# Documents given a legality review opinion in the year (a document reviewed twice in the
# year, after a rejection, is one document).
register(
    Computation(
        "normative.reviewed",
        NormativeDocument,
        lambda period: Q(
            Exists(
                LegalityReview.objects.filter(
                    document=OuterRef("pk"), reviewed_on__year=period.year
                )
            )
        ),
        year_field=None,
    )
)
register(Computation("normative.filed", NormativeDocument, year_field="filed_on"))
# Filed within the county's filing period after publication (the deadline engine's
# normative.filing deadline met by its due date).
register(
    Computation(
        "normative.filed_on_time",
        NormativeDocument,
        met_on_time(NormativeDocument, [FILING_PERIOD]),
        year_field="filed_on",
    )
)
ratio("normative.filed_on_time_rate")
# Documents given a conclusion (keep, amend, repeal) in a cleanup round of the year.
register(
    Computation(
        "normative.cleaned_up",
        CleanupItem,
        ~Q(decision="") & Q(cleanup__archived_at__isnull=True, document__archived_at__isnull=True),
        year_field="cleanup__occurred_on",
        record_link="document",
    )
)
