"""Opening a township's assessment: its Assessment row and a score row for every item.

Stand-in until scoring.refresh_scores is merged (then assessment_for calls it). Kept out of
services.py: scoring reads the report facts through fazhi.reports.selectors, which services
may not import (the "services" import contract).
"""

from decimal import Decimal

from django.db import transaction

from fazhi.assessment.models import Assessment, Item, ItemScore, Scheme
from fazhi.assessment.scoring import compute


def _basis(outcome) -> dict:
    value = outcome.value
    if isinstance(value, Decimal):
        value = str(value)
    return {"value": value, "explanation": outcome.explanation}


@transaction.atomic
def assessment_for(scheme: Scheme, organisation) -> Assessment:
    """The township's assessment under the scheme with a score row for every item (new rows
    computed for this township). Stand-in until scoring.refresh_scores is merged."""
    assessment, _ = Assessment.objects.get_or_create(scheme=scheme, organisation=organisation)
    have = set(ItemScore.objects.filter(assessment=assessment).values_list("item_id", flat=True))
    missing = [item for item in Item.objects.filter(scheme=scheme) if item.pk not in have]
    if missing:
        outcomes = compute(scheme, [organisation], items=missing)
        for item in missing:
            outcome = outcomes[(organisation.pk, item.pk)]
            ItemScore.objects.create(
                assessment=assessment, item=item, computed=outcome.points, basis=_basis(outcome)
            )
    return assessment
