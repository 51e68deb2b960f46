"""Each 普法 rule fed bad input through the service, the form page and an Excel import:
the Chinese error is shown and nothing changes."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.ledgers import excel
from fazhi.ledgers.services import record_archive, record_create, record_update
from fazhi.publicity import kinds
from fazhi.publicity.models import Activity, Asset, DemonstrationVillage, LegalPerson, Team
from tests.ledgers.helpers import form_data, workbook_with_rows

ACTIVITY = {
    "occurred_on": date(2025, 3, 15),
    "form": "campaign",
    "target": "villages",
    "theme_day": "consumer_rights",
    "title": "3·15消费者权益日宣传",
    "laws": "消费者权益保护法、食品安全法",
    "materials": 300,
    "booklets": 50,
    "banners": 2,
    "blackboards": 1,
    "audience": 120,
    "questions": 15,
    "disputes": 0,
}
LATE = {**ACTIVITY, "occurred_on": date(2025, 3, 23)}
WINDOW_ERROR = (
    "3·15 国际消费者权益日的活动应在前后 7 天内举办（3月8日至3月22日），活动日期不在此范围。"
)
AWARD = {
    "occurred_on": date(2025, 11, 20),
    "level": "county",
    "award_year": 2025,
    "title": "县级民主法治示范村（社区）",
}


def _create(world, kind, data, org="A1"):
    return record_create(
        actor=world.users["clerk"], kind=kind, organisation=world.orgs[org], data=data
    )


# Theme-day window -------------------------------------------------------------------------


@pytest.mark.parametrize("day", [date(2025, 3, 8), date(2025, 3, 15), date(2025, 3, 22)])
def test_theme_day_activity_within_seven_days_is_accepted(world, day):
    _create(world, kinds.ACTIVITIES, {**ACTIVITY, "occurred_on": day})
    assert Activity.objects.get().occurred_on == day


@pytest.mark.parametrize("day", [date(2025, 3, 7), date(2025, 3, 23), date(2025, 9, 15)])
def test_theme_day_activity_outside_the_window_is_refused(world, day):
    with pytest.raises(ValidationError) as error:
        _create(world, kinds.ACTIVITIES, {**ACTIVITY, "occurred_on": day})
    assert "前后 7 天内举办" in error.value.message_dict["theme_day"][0]
    assert not Activity.objects.exists()


def test_month_long_theme_must_fall_in_its_month(world):
    data = {**ACTIVITY, "theme_day": "civil_code_month", "title": "民法典宣传月"}
    _create(world, kinds.ACTIVITIES, {**data, "occurred_on": date(2025, 5, 31)})
    with pytest.raises(ValidationError) as error:
        _create(world, kinds.ACTIVITIES, {**data, "occurred_on": date(2025, 6, 1)})
    assert error.value.message_dict["theme_day"] == [
        "5月 民法典宣传月的活动应在当月内举办（5月1日至5月31日），活动日期不在此范围。"
    ]
    assert Activity.objects.count() == 1


def test_an_untagged_activity_may_be_held_any_day(world):
    _create(world, kinds.ACTIVITIES, {**LATE, "theme_day": ""})
    assert Activity.objects.count() == 1


def test_moving_a_theme_day_activity_out_of_its_window_is_refused(world):
    record = _create(world, kinds.ACTIVITIES, ACTIVITY)
    with pytest.raises(ValidationError) as error:
        record_update(
            actor=world.users["clerk"],
            kind=kinds.ACTIVITIES,
            record=record,
            data={"occurred_on": date(2025, 4, 1)},
        )
    assert error.value.message_dict["theme_day"] == [
        "3·15 国际消费者权益日的活动应在前后 7 天内举办（3月8日至3月22日），活动日期不在此范围。"
    ]
    record.refresh_from_db()
    assert record.occurred_on == date(2025, 3, 15)


def test_theme_day_window_is_enforced_on_the_form(client, world):
    client.force_login(world.users["clerk"])
    url = reverse("ledgers:create", args=[kinds.ACTIVITIES.slug])
    response = client.post(url, form_data(kinds.ACTIVITIES, LATE, world.orgs["A1"]))
    assert response.status_code == 200
    assert WINDOW_ERROR in response.content.decode()
    assert not Activity.objects.exists()


def test_theme_day_window_is_enforced_in_an_import(world):
    data = workbook_with_rows(kinds.ACTIVITIES, [ACTIVITY, LATE | {"title": "迟到的宣传"}], "甲镇")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=kinds.ACTIVITIES, data=data)
    [error] = failure.value.result.errors
    assert (error.row, error.column, error.message) == (4, "主题日", WINDOW_ERROR)
    assert not Activity.objects.exists()


# Counts and amounts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("materials", "发放宣传资料不能为负数。"),
        ("booklets", "发放宣传册不能为负数。"),
        ("banners", "悬挂横幅不能为负数。"),
        ("blackboards", "出黑板报不能为负数。"),
        ("audience", "受众不能为负数。"),
        ("questions", "解答咨询不能为负数。"),
        ("disputes", "现场化解纠纷不能为负数。"),
    ],
)
def test_activity_counts_are_never_negative(world, field, message):
    with pytest.raises(ValidationError) as error:
        _create(world, kinds.ACTIVITIES, {**ACTIVITY, field: -1})
    assert error.value.message_dict[field] == [message]
    assert not Activity.objects.exists()


def test_negative_count_is_refused_in_an_import(world):
    data = workbook_with_rows(kinds.ACTIVITIES, [{**ACTIVITY, "banners": -2}], "甲镇")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=kinds.ACTIVITIES, data=data)
    [error] = failure.value.result.errors
    assert (error.row, error.column) == (3, "悬挂横幅（条）")
    assert "悬挂横幅不能为负数。" in error.message
    assert not Activity.objects.exists()


def test_asset_cost_is_never_negative(world):
    asset = {"occurred_on": date(2025, 5, 1), "asset_type": "square", "name": "甲一村普法广场"}
    with pytest.raises(ValidationError) as error:
        _create(world, kinds.ASSETS, {**asset, "cost": Decimal("-1")}, org="A1V1")
    assert error.value.message_dict["cost"] == ["投入金额不能为负数。"]
    assert not Asset.objects.exists()
    _create(world, kinds.ASSETS, {**asset, "cost": Decimal("0")}, org="A1V1")
    assert Asset.objects.count() == 1


def test_asset_belongs_to_a_village(world):
    asset = {"occurred_on": date(2025, 5, 1), "asset_type": "square", "name": "普法广场"}
    with pytest.raises(ValidationError) as error:
        _create(world, kinds.ASSETS, asset, org="A1")
    assert error.value.message_dict["organisation"] == ["普法阵地应登记在村（社区）。"]
    assert not Asset.objects.exists()


def test_a_team_has_at_least_one_member(world):
    team = {"occurred_on": date(2025, 2, 1), "name": "普法志愿服务队", "team_type": "volunteers"}
    with pytest.raises(ValidationError) as error:
        _create(world, kinds.TEAMS, {**team, "member_count": 0})
    assert error.value.message_dict["member_count"] == ["队员人数至少为 1。"]
    assert not Team.objects.exists()


# 法律明白人 contact -------------------------------------------------------------------------

PERSON = {"occurred_on": date(2025, 4, 10), "person_type": "understander", "name": "王建国"}
PHONE_ERROR = "联系方式应为 11 位手机号或带区号的固定电话。"


@pytest.mark.parametrize("contact", ["12345", "1381234567x", "电话"])
def test_contact_must_be_a_phone_number(world, contact):
    with pytest.raises(ValidationError) as error:
        _create(world, kinds.LEGAL_PEOPLE, {**PERSON, "contact": contact}, org="A1V1")
    assert error.value.message_dict["contact"] == [PHONE_ERROR]
    assert not LegalPerson.objects.exists()


@pytest.mark.parametrize("contact", ["", "13812345678", "0571-88001234"])
def test_contact_may_be_empty_a_mobile_or_a_landline(world, contact):
    _create(world, kinds.LEGAL_PEOPLE, {**PERSON, "contact": contact}, org="A1V1")
    assert LegalPerson.objects.get().contact == contact


def test_bad_contact_is_refused_on_the_form(client, world):
    client.force_login(world.users["clerk"])
    url = reverse("ledgers:create", args=[kinds.LEGAL_PEOPLE.slug])
    data = form_data(kinds.LEGAL_PEOPLE, {**PERSON, "contact": "12345"}, world.orgs["A1V1"])
    response = client.post(url, data)
    assert response.status_code == 200
    assert PHONE_ERROR in response.content.decode()
    assert not LegalPerson.objects.exists()


# 民主法治示范村 ----------------------------------------------------------------------------

DUPLICATE_ERROR = "该村2025年已有县级民主法治示范村命名，同一级别一年只能登记一次。"


def test_award_year_must_match_the_date(world):
    with pytest.raises(ValidationError) as error:
        _create(world, kinds.DEMONSTRATION_VILLAGES, {**AWARD, "award_year": 2024}, org="A1V1")
    assert error.value.message_dict["award_year"] == ["命名年度应与命名日期的年份一致。"]
    assert not DemonstrationVillage.objects.exists()


def test_award_year_mismatch_is_refused_in_an_import(world):
    rows = [AWARD, {**AWARD, "level": "city", "award_year": 2026}]
    data = workbook_with_rows(kinds.DEMONSTRATION_VILLAGES, rows, "甲一村")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=kinds.DEMONSTRATION_VILLAGES, data=data)
    [error] = failure.value.result.errors
    assert (error.row, error.column, error.message) == (
        4,
        "命名年度",
        "命名年度应与命名日期的年份一致。",
    )
    assert not DemonstrationVillage.objects.exists()


def test_a_village_holds_a_level_once_a_year(world):
    _create(world, kinds.DEMONSTRATION_VILLAGES, AWARD, org="A1V1")
    second = {**AWARD, "occurred_on": date(2025, 12, 1)}
    with pytest.raises(ValidationError) as error:
        _create(world, kinds.DEMONSTRATION_VILLAGES, second, org="A1V1")
    assert error.value.message_dict["level"] == [DUPLICATE_ERROR]
    assert DemonstrationVillage.objects.count() == 1
    # Another level the same year, the same level another year or another village: fine.
    _create(world, kinds.DEMONSTRATION_VILLAGES, {**second, "level": "city"}, org="A1V1")
    _create(
        world,
        kinds.DEMONSTRATION_VILLAGES,
        {**AWARD, "occurred_on": date(2026, 1, 5), "award_year": 2026},
        org="A1V1",
    )
    _create(world, kinds.DEMONSTRATION_VILLAGES, AWARD, org="A1V2")
    assert DemonstrationVillage.objects.count() == 4


def test_editing_an_award_is_not_its_own_duplicate(world):
    record = _create(world, kinds.DEMONSTRATION_VILLAGES, AWARD, org="A1V1")
    changed = record_update(
        actor=world.users["clerk"],
        kind=kinds.DEMONSTRATION_VILLAGES,
        record=record,
        data={"issuer": "县司法局"},
    )
    assert changed


def test_an_archived_award_does_not_block_a_new_one(world):
    record = _create(world, kinds.DEMONSTRATION_VILLAGES, AWARD, org="A1V1")
    record_archive(
        actor=world.users["clerk"],
        kind=kinds.DEMONSTRATION_VILLAGES,
        record=record,
        reason="录入错误",
    )
    _create(world, kinds.DEMONSTRATION_VILLAGES, {**AWARD, "title": "县级示范村"}, org="A1V1")
    assert DemonstrationVillage.objects.active().count() == 1


def test_duplicate_award_is_refused_on_the_form(client, world):
    _create(world, kinds.DEMONSTRATION_VILLAGES, AWARD, org="A1V1")
    client.force_login(world.users["clerk"])
    url = reverse("ledgers:create", args=[kinds.DEMONSTRATION_VILLAGES.slug])
    second = {**AWARD, "occurred_on": date(2025, 12, 1)}
    response = client.post(url, form_data(kinds.DEMONSTRATION_VILLAGES, second, world.orgs["A1V1"]))
    assert response.status_code == 200
    assert DUPLICATE_ERROR in response.content.decode()
    assert DemonstrationVillage.objects.count() == 1
