"""The 矛盾纠纷 demo: every ledger filled, petitions in every state, overdue and upcoming
acceptance and handling deadlines and an overdue visit in each township; loads once."""

from datetime import date

import pytest

from fazhi.deadlines import selectors as deadline_selectors
from fazhi.disputes import demo
from fazhi.disputes.idnumber import validate_id_number
from fazhi.disputes.kinds import FOLLOW_UP, MEDIATIONS, MEETINGS, PETITIONS, SCREENINGS
from fazhi.disputes.models import FollowUpVisit, MediationCase, Petition
from fazhi.disputes.selectors import overdue_visits
from fazhi.ledgers.demo import DEMO_COUNTY_CODE, _load_kind
from fazhi.orgs import demo as org_demo
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level

TODAY = date(2026, 5, 20)
KINDS = (SCREENINGS, MEETINGS, MEDIATIONS, PETITIONS, FOLLOW_UP)


@pytest.fixture
def townships(db):
    org_demo.load()
    county = Organisation.objects.get(code=DEMO_COUNTY_CODE)
    towns = list(Organisation.objects.filter(path__startswith=county.path, level=Level.TOWNSHIP))
    for kind in KINDS:
        for township in towns:
            _load_kind(kind, township, TODAY)  # validates every record
    demo.load(TODAY)
    return towns


def state_counts():
    return (
        Petition.objects.count(),
        Petition.history.count(),
        FollowUpVisit.objects.count(),
        list(Petition.objects.values_list("status", flat=True).order_by("pk")),
    )


def test_demo_covers_every_state_and_loads_once(townships):
    for kind in KINDS:
        assert kind.model.objects.exists(), kind.slug
    statuses = set(Petition.objects.values_list("status", flat=True))
    assert statuses == set(Petition.Status.values)
    results = set(MediationCase.objects.values_list("result", flat=True))
    assert results == {"", "success", "failed", "terminated"}
    town = townships[0]
    per_year = Petition.objects.filter(organisation=town, year=TODAY.year - 1).count()
    assert per_year >= 24
    before = state_counts()
    demo.load(TODAY)
    assert state_counts() == before


def test_each_township_has_overdue_and_upcoming_deadlines_and_an_overdue_visit(townships):
    for township in townships:
        deadlines = deadline_selectors.in_subtree(township)
        for code in ("petition.acceptance", "petition.handling"):
            mine = deadlines.filter(code=code)
            assert deadline_selectors.overdue_in(mine, TODAY).exists(), (township, code)
            assert deadline_selectors.upcoming_in(mine, TODAY).exists(), (township, code)
    late = [
        item
        for item in overdue_visits_all(TODAY)
        if item.person.organisation.parent.code == DEMO_COUNTY_CODE
    ]
    assert {item.person.organisation_id for item in late} == {t.pk for t in townships}


def overdue_visits_all(today):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("demo-check", password="x")
    return overdue_visits(user=user, today=today)


def test_demo_id_numbers_are_well_formed_and_fake(townships):
    numbers = [*Petition.objects.exclude(id_number="").values_list("id_number", flat=True)]
    assert numbers
    for number in numbers[:50]:
        validate_id_number(number)
        assert number.startswith("999901")
