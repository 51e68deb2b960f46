"""Computing every item of a scheme for many townships at once: one indicator evaluation for
all the items' codes, one read of the report facts, then the pure rules."""

from datetime import date

from fazhi.assessment.facts import fact_values
from fazhi.assessment.models import Item, Scheme
from fazhi.assessment.rules import Outcome, score
from fazhi.indicators.engine import evaluate


def compute(
    scheme: Scheme, organisations, *, items=None, today: date | None = None
) -> dict[tuple[int, int], Outcome]:
    """{(organisation id, item id): Outcome} for the scheme's items over its year."""
    items = list(items if items is not None else Item.objects.filter(scheme=scheme))
    organisations = list(organisations)
    codes = sorted({item.indicator_code for item in items if item.indicator_code})
    table = evaluate(codes, organisations, [scheme.year], today=today)
    facts = fact_values(
        {item.fact for item in items if item.fact}, organisations, scheme.year, today=today
    )
    outcomes = {}
    for organisation in organisations:
        for item in items:
            if item.indicator_code:
                value = table.value(item.indicator_code, organisation, scheme.year)
            elif item.fact:
                value = facts.get((item.fact, organisation.pk))
            else:
                value = None
            outcomes[(organisation.pk, item.pk)] = score(item.kind, item.points, item.params, value)
    return outcomes
