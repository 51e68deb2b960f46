"""The demo data of 行政执法: valid, every state present, the deadline situations on purpose."""

from datetime import date

import pytest

from fazhi.deadlines import selectors as deadline_selectors
from fazhi.deadlines.models import Deadline
from fazhi.enforcement import demo_workflow
from fazhi.enforcement.kinds import CASES, ITEMS, OFFICERS
from fazhi.enforcement.models import Case, CaseFileReview, LegalReview, Officer
from fazhi.indicators import engine
from fazhi.ledgers.demo import DEMO_COUNTY_CODE, _load_kind
from fazhi.orgs import demo as org_demo
from fazhi.orgs.demo_profiles import profile_of
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level

TODAY = date(2026, 5, 20)


@pytest.fixture
def demo_county(db):
    org_demo.load()
    county = Organisation.objects.get(code=DEMO_COUNTY_CODE)
    for kind in (OFFICERS, ITEMS, CASES):
        for township in Organisation.objects.filter(
            path__startswith=county.path, level=kind.org_level
        ):
            _load_kind(kind, township, TODAY)
    demo_workflow.load(TODAY)
    return county


def townships(county):
    return Organisation.objects.filter(path__startswith=county.path, level=Level.TOWNSHIP)


def test_demo_covers_every_state_and_the_deadline_situations(demo_county):
    """One load (it takes a while) checked for everything the demo must show."""
    for township in townships(demo_county):
        cases = Case.objects.filter(organisation=township)
        for year in (2024, 2025):
            # Two or three a month in an ordinary township, scaled by its demo profile.
            volume = profile_of(township).volume("enforcement", year)
            assert 26 * volume - 1 <= cases.filter(year=year).count() <= 34 * volume + 1
        assert set(cases.values_list("status", flat=True)) == set(Case.Status.values)
        assert LegalReview.objects.filter(organisation=township).exists()
        assert cases.filter(extensions__isnull=False).exists()

        officers = Officer.objects.filter(organisation=township)
        soon = [o for o in officers if TODAY <= o.valid_until <= date(2026, 6, 19)]
        expired = [o for o in officers if o.valid_until < TODAY]
        assert len(soon) >= 2 and len(expired) >= 1

        deadlines = deadline_selectors.in_subtree(township)
        overdue = set(
            deadline_selectors.overdue_in(deadlines, TODAY).values_list("code", flat=True)
        )
        upcoming = set(
            deadline_selectors.upcoming_in(deadlines, TODAY).values_list("code", flat=True)
        )
        assert {"penalty.publicity", "penalty.case_closing"} <= overdue
        assert {"penalty.case_closing", "enforcement.legal_review"} <= upcoming

    demo_townships = list(townships(demo_county))
    codes = ["enforcement.case_file_review_score", "enforcement.case_files_reviewed"]
    table = engine.evaluate(codes, demo_townships, [2025])
    assert len(demo_townships) == 3
    for township in demo_townships:
        assert 80 <= table.value(codes[0], township, 2025) <= 100
        assert table.value(codes[1], township, 2025) > 5

    before = (Case.objects.count(), CaseFileReview.objects.count(), Deadline.objects.count())
    demo_workflow.load(TODAY)
    assert (
        Case.objects.count(),
        CaseFileReview.objects.count(),
        Deadline.objects.count(),
    ) == before
