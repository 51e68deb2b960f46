"""Opening a township's assessment: its Assessment row and a score row for every item, scored
from the ledgers by scoring.refresh_scores (which also locks the scheme: scoring has started).

Kept out of services.py: scoring reads the report facts through fazhi.reports.selectors, which
services may not import (the "services" import contract).
"""

from django.db import transaction

from fazhi.assessment.models import Assessment, Item, ItemScore, Scheme
from fazhi.assessment.scoring import refresh_scores


@transaction.atomic
def assessment_for(scheme: Scheme, organisation, *, user=None) -> Assessment:
    """The township's assessment under the scheme with a score row for every item."""
    assessment = Assessment.objects.filter(scheme=scheme, organisation=organisation).first()
    if assessment is not None:
        items = Item.objects.filter(scheme=scheme).count()
        if ItemScore.objects.filter(assessment=assessment).count() == items:
            return assessment
    refresh_scores(scheme, [organisation], user=user)
    return Assessment.objects.get(scheme=scheme, organisation=organisation)
