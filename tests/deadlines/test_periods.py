"""The registry of statutory periods and county overrides."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.deadlines.calendar import DueDate
from fazhi.deadlines.models import PeriodSetting
from fazhi.deadlines.periods import COUNTY_SET_MARKS, Mark, Unit, all_periods, get_period
from fazhi.deadlines.resolve import period_for, periods_for
from fazhi.deadlines.services import period_set


def test_every_local_or_unverified_period_is_settable_and_statutory_ones_are_not():
    for period in all_periods():
        assert period.source and period.name and period.days > 0
        if period.mark in COUNTY_SET_MARKS:
            assert period.settable, period.code
        if period.mark == Mark.ORIGINAL:
            assert not period.settable, period.code
    assert get_period("normative.filing").settable
    assert get_period("complaint.answer").settable


def test_penalty_law_short_periods_are_working_days_per_article_85():
    for code in (
        "penalty.withdraw_publicity",
        "penalty.service",
        "penalty.hearing_request",
        "penalty.preserved_evidence",
    ):
        assert get_period(code).unit == Unit.WORKING, code
    assert get_period("penalty.case_closing").unit == Unit.CALENDAR
    assert get_period("penalty.case_closing").days == 90


@pytest.mark.parametrize(
    ("code", "days", "unit"),
    [
        ("decision.public_comment", 30, Unit.CALENDAR),
        ("decision.legality_review", 7, Unit.WORKING),
        ("penalty.publicity", 7, Unit.WORKING),
        ("enforcement.publicity", 20, Unit.WORKING),
        ("petition.acceptance", 15, Unit.CALENDAR),
        ("petition.handling", 60, Unit.CALENDAR),
        ("normative.legality_review", 15, Unit.WORKING),
        ("enforcement.legal_review", 7, Unit.WORKING),
        ("mediation.judicial_confirmation", 30, Unit.CALENDAR),
    ],
)
def test_defaults_follow_regulations(code, days, unit):
    period = get_period(code)
    assert (period.days, period.unit) == (days, unit)


def test_period_computes_its_due_date(db):
    assert get_period("penalty.publicity").due(date(2024, 9, 27)) == DueDate(date(2024, 10, 12))


def test_county_admin_overrides_a_settable_period_seen_by_its_whole_subtree(world):
    county, township, village = world.orgs["A"], world.orgs["A1"], world.orgs["A1V1"]
    period_set(
        actor=world.users["county_admin"],
        county=county,
        code="normative.filing",
        days=3,
        reason="本县规定印发之日起3日内报备",
    )
    for organisation in (county, township, village):
        period = period_for("normative.filing", organisation)
        assert (period.days, period.overridden) == (3, True)
    # Another county keeps the default.
    assert period_for("normative.filing", world.orgs["B1"]).days == 15
    listed = {p.code: p for p in periods_for(township)}
    assert listed["normative.filing"].days == 3
    setting = PeriodSetting.objects.get(county=county, code="normative.filing")
    assert setting.history.first().history_user == world.users["county_admin"]


def test_only_settable_periods_may_be_overridden(world):
    with pytest.raises(ValidationError) as error:
        period_set(
            actor=world.users["county_admin"],
            county=world.orgs["A"],
            code="petition.handling",
            days=90,
        )
    assert "不能修改" in str(error.value)
    assert not PeriodSetting.objects.exists()
    assert period_for("petition.handling", world.orgs["A1"]).days == 60


@pytest.mark.parametrize("days", [0, -1, 366, "abc", None])
def test_invalid_lengths_are_refused_in_chinese(world, days):
    with pytest.raises(ValidationError) as error:
        period_set(
            actor=world.users["county_admin"],
            county=world.orgs["A"],
            code="normative.filing",
            days=days,
        )
    assert "天数须为" in str(error.value)
    assert not PeriodSetting.objects.exists()


@pytest.mark.parametrize("user", ["admin", "clerk", "inspector", "leader"])
def test_only_county_administrators_may_set_periods(world, user):
    with pytest.raises(PermissionDenied):
        period_set(
            actor=world.users[user], county=world.orgs["A"], code="normative.filing", days=20
        )
    assert not PeriodSetting.objects.exists()


def test_county_admin_cannot_set_another_countys_periods_nor_a_township(world):
    with pytest.raises(PermissionDenied):
        period_set(
            actor=world.users["county_admin"],
            county=world.orgs["B"],
            code="normative.filing",
            days=20,
        )
    with pytest.raises(PermissionDenied):
        period_set(
            actor=world.users["county_admin"],
            county=world.orgs["A1"],
            code="normative.filing",
            days=20,
        )
    assert not PeriodSetting.objects.exists()
