"""Demo data: every state this year, an overdue publication and an upcoming comment end."""

from collections import Counter
from datetime import date

import pytest

from fazhi.deadlines import selectors as deadline_selectors
from fazhi.decisions import demo
from fazhi.decisions.kinds import CATALOGUES, DECISIONS
from fazhi.decisions.models import MajorDecision, Status
from fazhi.ledgers import demo as ledger_demo
from fazhi.orgs import demo as org_demo
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level

TODAY = date(2026, 8, 15)


def load():
    county = Organisation.objects.get(code=ledger_demo.DEMO_COUNTY_CODE)
    townships = Organisation.objects.filter(path__startswith=county.path, level=Level.TOWNSHIP)
    for kind in (CATALOGUES, DECISIONS):
        for township in townships:
            ledger_demo._load_kind(kind, township, TODAY)
    demo.load(TODAY)
    return townships


@pytest.mark.django_db
def test_demo_covers_every_state_and_both_kinds_of_deadline():
    org_demo.load()
    townships = load()
    history = MajorDecision.history.count()
    load()  # idempotent
    assert MajorDecision.history.count() == history
    for township in townships:
        decisions = MajorDecision.objects.filter(organisation=township)
        this_year = Counter(decisions.filter(year=2026).values_list("status", flat=True))
        assert set(this_year) == set(Status.values), (township, this_year)
        for year in (2024, 2025, 2026):
            assert 2 <= decisions.filter(year=year).count() <= 5
        assert CATALOGUES.model.objects.filter(organisation=township).count() == 3
        deadlines = deadline_selectors.in_subtree(township)
        overdue = deadline_selectors.overdue_in(deadlines, TODAY)
        upcoming = deadline_selectors.upcoming_in(deadlines, TODAY)
        assert overdue.filter(code="openness.proactive", name="重大行政决策公布").exists()
        assert upcoming.filter(code="decision.public_comment").exists()
