"""The coverage page: villages without a contract valid on the day, villages without a service in
the last 90 days, the rota in force; all within the user's scope, with a fixed `today`."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse

from fazhi.ledgers.services import record_archive, record_create
from fazhi.legal_services import selectors, views
from fazhi.legal_services.kinds import CONTRACTS, DUTY_ROTA, SERVICES

TODAY = date(2025, 6, 30)


def add(world, kind, org, **values):
    return record_create(actor=None, kind=kind, organisation=world.orgs[org], data=values)


def contract(world, org, start, end, lawyer="张明远"):
    return add(
        world,
        CONTRACTS,
        org,
        occurred_on=start,
        contract_end=end,
        lawyer=lawyer,
        law_firm="明远律师事务所",
    )


def service(world, org, day, subject="村民咨询"):
    return add(
        world,
        SERVICES,
        org,
        occurred_on=day,
        service_type="consultation",
        advisor="张明远",
        subject=subject,
        people_served=1,
    )


def names(gaps):
    return [gap.village.name for gap in gaps]


def test_villages_without_a_contract_valid_today(world):
    contract(world, "A1V1", date(2025, 1, 1), TODAY)  # ends today: still valid
    contract(world, "A1V2", date(2024, 1, 1), TODAY - timedelta(days=1))  # ended yesterday
    contract(world, "A1V2", TODAY + timedelta(days=1), date(2026, 6, 30))  # not started yet
    clerk = world.users["clerk"]
    gaps = selectors.villages_without_contract(user=clerk, today=TODAY)
    assert names(gaps) == ["甲二村"]
    assert gaps[0].last_date == TODAY - timedelta(days=1)
    # A day later the first contract has ended too.
    assert names(
        selectors.villages_without_contract(user=clerk, today=TODAY + timedelta(days=1))
    ) == ["甲一村"]
    # On a contract's first day the village is covered; the day before it is not.
    assert selectors.villages_without_contract(user=clerk, today=date(2025, 1, 1)) == []
    assert names(selectors.villages_without_contract(user=clerk, today=date(2024, 12, 31))) == [
        "甲一村"
    ]


def test_an_archived_contract_does_not_cover_its_village(world):
    record = contract(world, "A1V1", date(2025, 1, 1), date(2025, 12, 31))
    contract(world, "A1V2", date(2025, 1, 1), date(2025, 12, 31))
    clerk = world.users["clerk"]
    assert selectors.villages_without_contract(user=clerk, today=TODAY) == []
    record_archive(actor=None, kind=CONTRACTS, record=record, reason="合同作废")
    assert names(selectors.villages_without_contract(user=clerk, today=TODAY)) == ["甲一村"]


def test_a_village_never_contracted_has_no_last_date(world):
    gaps = selectors.villages_without_contract(user=world.users["clerk"], today=TODAY)
    assert names(gaps) == ["甲一村", "甲二村"]
    assert [gap.last_date for gap in gaps] == [None, None]


def test_villages_without_a_service_in_the_last_90_days(world):
    service(world, "A1V1", TODAY - timedelta(days=89))  # the 90th day back: still counts
    service(world, "A1V2", TODAY - timedelta(days=90))  # one day too old
    clerk = world.users["clerk"]
    gaps = selectors.villages_without_recent_service(user=clerk, today=TODAY)
    assert names(gaps) == ["甲二村"]
    assert gaps[0].last_date == TODAY - timedelta(days=90)
    assert gaps[0].days_since(TODAY) == 90
    assert names(
        selectors.villages_without_recent_service(user=clerk, today=TODAY + timedelta(days=1))
    ) == [
        "甲一村",
        "甲二村",
    ]


def test_future_and_archived_services_do_not_count(world):
    service(world, "A1V1", TODAY + timedelta(days=3))
    old = service(world, "A1V2", TODAY - timedelta(days=5))
    record_archive(actor=None, kind=SERVICES, record=old, reason="重复录入")
    gaps = selectors.villages_without_recent_service(user=world.users["clerk"], today=TODAY)
    assert names(gaps) == ["甲一村", "甲二村"]
    assert [gap.last_date for gap in gaps] == [None, None]


def test_coverage_is_scoped_to_the_users_subtree(world):
    for org in ("A1V1", "A1V2", "A2V1", "B1V1"):
        service(world, org, date(2024, 1, 10))
    assert names(selectors.villages_without_contract(user=world.users["clerk"], today=TODAY)) == [
        "甲一村",
        "甲二村",
    ]
    assert names(
        selectors.villages_without_recent_service(user=world.users["inspector"], today=TODAY)
    ) == [
        "甲一村",
        "甲二村",
        "乙一村",
    ]
    # An advisor has no LEDGER_VIEW: no villages at all.
    assert selectors.villages_in(user=world.users["advisor"]) == []


def rota(world, org, start, weekday, half_day="am", place="法律援助室"):
    return add(
        world,
        DUTY_ROTA,
        org,
        occurred_on=start,
        weekday=weekday,
        half_day=half_day,
        place=place,
        person_on_duty="张明远",
    )


def test_current_rota_is_the_latest_started_one(world):
    rota(world, "A1", date(2025, 1, 2), 1)
    rota(world, "A1", date(2025, 1, 2), 5)
    rota(world, "A1", date(2025, 6, 1), 2, "pm")
    rota(world, "A1", date(2025, 6, 1), 4, "full")
    rota(world, "A1", date(2025, 9, 1), 3)  # announced, not yet in force
    rota(world, "A2", date(2025, 1, 2), 3)
    [entry] = selectors.current_rota(world.users["clerk"], TODAY)
    assert entry["township"] == world.orgs["A1"] and entry["since"] == date(2025, 6, 1)
    assert [(s.weekday, s.half_day) for s in entry["slots"]] == [(2, "pm"), (4, "full")]
    [entry] = selectors.current_rota(world.users["clerk"], date(2025, 5, 31))
    assert [s.weekday for s in entry["slots"]] == [1, 5]
    townships = [
        e["township"].name for e in selectors.current_rota(world.users["inspector"], TODAY)
    ]
    assert townships == ["甲镇", "乙镇"]


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setattr(views, "timezone", SimpleNamespace(localdate=lambda: TODAY))


def test_coverage_page_lists_gaps_of_the_township_only(client, world, fixed_today):
    contract(world, "A1V1", date(2025, 1, 1), date(2025, 12, 31))
    contract(world, "A1V2", date(2024, 1, 1), date(2024, 12, 31))
    service(world, "A1V1", date(2025, 6, 20))
    service(world, "A1V2", date(2025, 2, 1))
    service(world, "A2V1", date(2024, 2, 1))
    contract(world, "A2V1", date(2024, 1, 1), date(2024, 12, 31))
    rota(world, "A1", date(2025, 1, 2), 1, place="公共法律服务工作站")
    rota(world, "A2", date(2025, 1, 2), 3, place="乙镇司法所")

    client.force_login(world.users["clerk"])
    response = client.get(reverse("legal_services:coverage"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "统计日期：2025-06-30" in html
    assert names(response.context["without_contract"]) == ["甲二村"]
    assert names(response.context["without_service"]) == ["甲二村"]
    assert "2024-12-31" in html and "2025-02-01" in html
    assert "周一上午 · 公共法律服务工作站" in html
    for hidden in ("乙镇", "乙一村", "丙"):
        assert hidden not in html

    client.force_login(world.users["inspector"])
    response = client.get(reverse("legal_services:coverage"))
    assert names(response.context["without_contract"]) == ["甲二村", "乙一村"]
    assert "乙镇司法所" in response.content.decode()


def test_coverage_page_says_when_everything_is_covered(client, world, fixed_today):
    for org in ("A1V1", "A1V2"):
        contract(world, org, date(2025, 1, 1), date(2025, 12, 31))
        service(world, org, date(2025, 6, 1))
    client.force_login(world.users["leader"])
    html = client.get(reverse("legal_services:coverage")).content.decode()
    assert "每个村（社区）都有有效的法律顾问合同。" in html
    assert "近 90 天每个村（社区）都有服务记录。" in html
    assert "尚未登记值班安排。" in html


def test_coverage_page_refuses_the_advisor(client, world):
    client.force_login(world.users["advisor"])
    assert client.get(reverse("legal_services:coverage")).status_code == 403


def test_a_window_of_any_length_for_an_organisation_without_a_user(world):
    """The drafted report asks for a whole year and has no user: the same computation."""
    service(world, "A1V1", date(2024, 12, 31))
    service(world, "A1V2", date(2025, 3, 1))
    gaps = selectors.villages_without_service_in_year(year=2025, organisation=world.orgs["A1"])
    assert names(gaps) == ["甲一村"] and gaps[0].last_date == date(2024, 12, 31)
    assert names(selectors.villages_without_service_in_year(year=2024, organisation=None)) == [
        "甲二村",
        "乙一村",
        "丙一村",
    ]
