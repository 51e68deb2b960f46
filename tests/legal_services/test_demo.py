"""The demo data of 公共法律服务: valid, deterministic, and showing one coverage gap."""

from collections import Counter
from datetime import date
from random import Random

import pytest
from django.contrib.auth import get_user_model

from fazhi.ledgers.demo import DEMO_COUNTY_CODE, _load_kind
from fazhi.legal_services import selectors
from fazhi.legal_services.demo import NO_CURRENT_CONTRACT
from fazhi.legal_services.kinds import CONTRACTS, DUTY_ROTA, LEGAL_AID, SERVICES
from fazhi.legal_services.models import AdvisorContract, DutyRota, LegalAidCase, LegalService
from fazhi.orgs import demo as org_demo
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level

TODAY = date(2026, 5, 20)
KINDS = (CONTRACTS, DUTY_ROTA, SERVICES, LEGAL_AID)


@pytest.fixture
def demo_county(db):
    org_demo.load()
    county = Organisation.objects.get(code=DEMO_COUNTY_CODE)
    for kind in KINDS:
        for organisation in Organisation.objects.filter(
            path__startswith=county.path, level=kind.org_level
        ):
            _load_kind(kind, organisation, TODAY)  # validates every record
    return county


def counts():
    return [m.objects.count() for m in (AdvisorContract, DutyRota, LegalService, LegalAidCase)]


def test_demo_is_plausible_and_loads_once(demo_county):
    first = counts()
    villages = Organisation.objects.filter(level=Level.VILLAGE).count()
    assert villages == 10
    # One contract per village and year, but none this year for the gap village.
    assert first[0] == villages * 3 - 1
    per_year = Counter(LegalService.objects.values_list("year", flat=True))
    assert 25 * villages <= per_year[2025] <= 48 * villages
    assert (
        per_year[2026] > 0
        and max(LegalService.objects.values_list("occurred_on", flat=True)) <= TODAY
    )
    months = {
        d.month
        for d in LegalService.objects.filter(year=2025).values_list("occurred_on", flat=True)
    }
    assert months == set(range(1, 13))
    assert LegalAidCase.objects.filter(year=2025).count() >= 3 * 8
    for kind in KINDS:
        _load_kind(kind, Organisation.objects.filter(level=kind.org_level).first(), TODAY)
    assert counts() == first


def test_demo_rota_has_two_half_days_a_week_per_township(demo_county):
    inspector = get_user_model().objects.get(username="county.inspector")
    rota = selectors.current_rota(inspector, TODAY)
    assert len(rota) == 3
    assert all(len(entry["slots"]) == 2 for entry in rota)


def test_demo_coverage_shows_the_village_without_a_current_contract(demo_county):
    inspector = get_user_model().objects.get(username="county.inspector")
    gaps = selectors.villages_without_contract(user=inspector, today=TODAY)
    assert [gap.village.code for gap in gaps] == [NO_CURRENT_CONTRACT]
    assert gaps[0].last_date == date(2025, 12, 31)
    stale = selectors.villages_without_recent_service(user=inspector, today=TODAY)
    assert NO_CURRENT_CONTRACT in [gap.village.code for gap in stale]


def test_demo_generators_are_deterministic_and_keys_unique(demo_county):
    village = Organisation.objects.get(code="999901101201")
    for kind in (CONTRACTS, SERVICES):
        one = list(kind.demo(village, 2025, Random(7), date(2025, 12, 31)))
        two = list(kind.demo(village, 2025, Random(7), date(2025, 12, 31)))
        assert one == two and one
    # The demo advisor account serves the first two villages: their services name one lawyer.
    advisors = set(
        LegalService.objects.filter(
            organisation__code__in=["999901101201", "999901101202"], year=2025
        ).values_list("advisor", flat=True)
    )
    assert len(advisors) == 1
