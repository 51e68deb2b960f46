"""Each legal-services rule fed bad input through the service, the form page and an Excel import;
every refusal leaves the ledger unchanged."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.ledgers import excel
from fazhi.ledgers.services import record_archive, record_create, record_update
from fazhi.legal_services.kinds import CONTRACTS, LEGAL_AID, SERVICES
from fazhi.legal_services.models import AdvisorContract, LegalAidCase, LegalService
from tests.ledgers.helpers import form_data, workbook_with_rows

CONTRACT = {
    "occurred_on": date(2025, 1, 1),
    "contract_end": date(2025, 12, 31),
    "lawyer": "张明远",
    "law_firm": "明远律师事务所",
    "phone": "13900000001",
}
SERVICE = {
    "occurred_on": date(2025, 5, 6),
    "service_type": "consultation",
    "advisor": "张明远",
    "subject": "村民咨询宅基地纠纷",
    "people_served": 2,
    "outcome": "已解答",
}
AID = {
    "occurred_on": date(2025, 3, 1),
    "applicant": "王秀英",
    "case_type": "labour",
    "aid_form": "arbitration",
    "status": "closed",
    "closed_on": date(2025, 5, 1),
}
OVERLAP = "该村与张明远已有合同（2025-01-01至2025-12-31），同一律师的合同期限不能重叠。"


def create(world, kind, data, org="A1V1"):
    return record_create(
        actor=world.users["clerk"], kind=kind, organisation=world.orgs[org], data=data
    )


def errors_of(world, kind, data, org="A1V1") -> dict:
    with pytest.raises(ValidationError) as error:
        create(world, kind, data, org)
    return error.value.message_dict


# Contract period: the end is not before the start.


def test_contract_end_before_start_is_refused(world):
    bad = {**CONTRACT, "contract_end": date(2024, 12, 31)}
    assert errors_of(world, CONTRACTS, bad) == {
        "contract_end": ["合同截止日期不能早于合同起始日期。"]
    }
    assert not AdvisorContract.objects.exists()
    # A one-day contract (end == start) is allowed.
    create(world, CONTRACTS, {**CONTRACT, "contract_end": CONTRACT["occurred_on"]})


def test_contract_end_before_start_is_refused_on_the_form(client, world):
    client.force_login(world.users["clerk"])
    data = form_data(CONTRACTS, {**CONTRACT, "contract_end": date(2024, 6, 1)}, world.orgs["A1V1"])
    response = client.post(reverse("ledgers:create", args=[CONTRACTS.slug]), data)
    assert response.status_code == 200
    assert "合同截止日期不能早于合同起始日期。" in response.content.decode()
    assert not AdvisorContract.objects.exists()


def test_contract_end_before_start_is_refused_in_an_import(world):
    bad = {**CONTRACT, "contract_end": date(2024, 6, 1)}
    data = workbook_with_rows(CONTRACTS, [CONTRACT | {"lawyer": "李晓燕"}, bad], "甲一村")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=CONTRACTS, data=data)
    [error] = failure.value.result.errors
    assert (error.row, error.column, error.message) == (
        4,
        "合同截止日期",
        "合同截止日期不能早于合同起始日期。",
    )
    assert not AdvisorContract.objects.exists()


# No two overlapping contracts of one village with the same lawyer.


def test_overlapping_contract_with_the_same_lawyer_is_refused(world):
    create(world, CONTRACTS, CONTRACT)
    overlapping = {**CONTRACT, "occurred_on": date(2025, 7, 1), "contract_end": date(2026, 6, 30)}
    assert errors_of(world, CONTRACTS, overlapping) == {"occurred_on": [OVERLAP]}
    # Surrounding the existing period is an overlap too.
    around = {**CONTRACT, "occurred_on": date(2024, 7, 1), "contract_end": date(2026, 6, 30)}
    assert errors_of(world, CONTRACTS, around) == {"occurred_on": [OVERLAP]}
    assert AdvisorContract.objects.count() == 1


def test_renewal_other_lawyer_or_other_village_do_not_clash(world):
    first = create(world, CONTRACTS, CONTRACT)
    renewal = {**CONTRACT, "occurred_on": date(2026, 1, 1), "contract_end": date(2026, 12, 31)}
    create(world, CONTRACTS, renewal)
    create(world, CONTRACTS, {**CONTRACT, "lawyer": "李晓燕"})
    create(world, CONTRACTS, CONTRACT, org="A1V2")
    # Editing a contract does not make it clash with itself.
    assert record_update(
        actor=world.users["clerk"],
        kind=CONTRACTS,
        record=first,
        data={"law_firm": "正衡律师事务所"},
    )
    assert AdvisorContract.objects.count() == 4


def test_a_clash_on_one_day_and_with_spaces_around_the_name_is_refused(world):
    create(world, CONTRACTS, CONTRACT)
    starts_on_last_day = {
        **CONTRACT,
        "lawyer": " 张明远 ",
        "occurred_on": date(2025, 12, 31),
        "contract_end": date(2026, 12, 30),
    }
    assert errors_of(world, CONTRACTS, starts_on_last_day) == {"occurred_on": [OVERLAP]}
    create(world, CONTRACTS, {**starts_on_last_day, "occurred_on": date(2026, 1, 1)})
    assert set(AdvisorContract.objects.values_list("lawyer", flat=True)) == {"张明远"}


def test_an_archived_contract_no_longer_blocks_a_new_one(world):
    first = create(world, CONTRACTS, CONTRACT)
    record_archive(actor=world.users["clerk"], kind=CONTRACTS, record=first, reason="录入错误")
    create(world, CONTRACTS, {**CONTRACT, "law_firm": "正衡律师事务所"})
    assert AdvisorContract.objects.active().count() == 1


def test_moving_a_contract_into_an_overlap_is_refused(world):
    create(world, CONTRACTS, CONTRACT)
    later = create(
        world,
        CONTRACTS,
        {**CONTRACT, "occurred_on": date(2026, 1, 1), "contract_end": date(2026, 12, 31)},
    )
    with pytest.raises(ValidationError) as error:
        record_update(
            actor=world.users["clerk"],
            kind=CONTRACTS,
            record=later,
            data={"occurred_on": date(2025, 11, 1)},
        )
    assert error.value.message_dict == {"occurred_on": [OVERLAP]}
    later.refresh_from_db()
    assert later.occurred_on == date(2026, 1, 1)


def test_overlapping_contract_is_refused_on_the_form(client, world):
    create(world, CONTRACTS, CONTRACT)
    client.force_login(world.users["clerk"])
    overlapping = {**CONTRACT, "occurred_on": date(2025, 3, 1), "contract_end": date(2026, 2, 28)}
    response = client.post(
        reverse("ledgers:create", args=[CONTRACTS.slug]),
        form_data(CONTRACTS, overlapping, world.orgs["A1V1"]),
    )
    assert response.status_code == 200
    assert OVERLAP in response.content.decode()
    assert AdvisorContract.objects.count() == 1


def test_overlapping_contract_is_refused_in_an_import(world):
    create(world, CONTRACTS, CONTRACT)
    renewal = {**CONTRACT, "occurred_on": date(2026, 1, 1), "contract_end": date(2026, 12, 31)}
    overlapping = {**CONTRACT, "occurred_on": date(2025, 3, 1), "contract_end": date(2026, 2, 28)}
    data = workbook_with_rows(CONTRACTS, [renewal, overlapping], "甲一村")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=CONTRACTS, data=data)
    [error] = failure.value.result.errors
    assert (error.row, error.column, error.message) == (4, "合同起始日期", OVERLAP)
    assert AdvisorContract.objects.count() == 1  # the good renewal row was not saved either


def test_two_overlapping_rows_of_one_file_are_refused(world):
    overlapping = {**CONTRACT, "occurred_on": date(2025, 3, 1), "contract_end": date(2026, 2, 28)}
    data = workbook_with_rows(CONTRACTS, [CONTRACT, overlapping], "甲一村")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=CONTRACTS, data=data)
    [error] = failure.value.result.errors
    assert error.row == 4 and "合同期限不能重叠" in error.message
    assert not AdvisorContract.objects.exists()


def test_contract_phone_must_look_like_a_phone_number(world):
    errors = errors_of(world, CONTRACTS, {**CONTRACT, "phone": "找司法所"})
    assert errors == {"phone": ["联系电话只能包含数字和“-”，长度 7 到 20 位。"]}
    create(world, CONTRACTS, {**CONTRACT, "phone": "0571-88886666"})


def test_contract_status_on_a_day(world):
    contract = create(world, CONTRACTS, CONTRACT)
    assert contract.status_on(date(2024, 12, 31)) == "未生效"
    assert contract.status_on(date(2025, 1, 1)) == "有效"
    assert contract.status_on(date(2025, 12, 31)) == "有效"
    assert contract.status_on(date(2026, 1, 1)) == "已到期"


# People served: at least 1 for consultation, mediation and lectures; 0 allowed otherwise.


@pytest.mark.parametrize(
    ("service_type", "label"),
    [("consultation", "法律咨询"), ("mediation", "协助调解"), ("lecture", "法治讲座")],
)
def test_services_to_people_need_at_least_one_person(world, service_type, label):
    bad = {**SERVICE, "service_type": service_type, "people_served": 0}
    assert errors_of(world, SERVICES, bad) == {"people_served": [f"{label}的服务人数至少为 1。"]}
    assert not LegalService.objects.exists()


@pytest.mark.parametrize("service_type", ["major_matter", "contract_review", "other"])
def test_paperwork_services_may_serve_nobody(world, service_type):
    create(world, SERVICES, {**SERVICE, "service_type": service_type, "people_served": 0})
    assert LegalService.objects.get().people_served == 0


def test_negative_people_served_is_refused(world):
    errors = errors_of(world, SERVICES, {**SERVICE, "service_type": "other", "people_served": -1})
    assert "people_served" in errors


def test_consultation_for_nobody_is_refused_on_the_form(client, world):
    client.force_login(world.users["clerk"])
    data = form_data(SERVICES, {**SERVICE, "people_served": 0}, world.orgs["A1V1"])
    response = client.post(reverse("ledgers:create", args=[SERVICES.slug]), data)
    assert response.status_code == 200
    assert "法律咨询的服务人数至少为 1。" in response.content.decode()
    assert not LegalService.objects.exists()


def test_consultation_for_nobody_is_refused_in_an_import(world):
    major = {**SERVICE, "service_type": "major_matter", "people_served": 0, "subject": "把关"}
    data = workbook_with_rows(SERVICES, [major, {**SERVICE, "people_served": 0}], "甲一村")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=SERVICES, data=data)
    [error] = failure.value.result.errors
    assert (error.row, error.column, error.message) == (
        4,
        "服务人数",
        "法律咨询的服务人数至少为 1。",
    )
    assert not LegalService.objects.exists()


def test_services_belong_to_villages_not_townships(world):
    errors = errors_of(world, SERVICES, SERVICE, org="A1")
    assert errors == {"organisation": ["法律顾问服务应登记在村（社区）。"]}


# Legal aid: closing date present exactly for finished cases, and not before acceptance.


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"closed_on": None}, "已结案或终止援助的案件请填写结案日期。"),
        ({"status": "terminated", "closed_on": None}, "已结案或终止援助的案件请填写结案日期。"),
        ({"status": "assigned"}, "案件尚未结案，不应填写结案日期。"),
        ({"closed_on": date(2025, 2, 1)}, "结案日期不能早于受理日期。"),
    ],
)
def test_legal_aid_closing_date_rules(world, change, message):
    assert errors_of(world, LEGAL_AID, {**AID, **change}, org="A1") == {"closed_on": [message]}
    assert not LegalAidCase.objects.exists()


def test_legal_aid_closing_date_rule_on_the_form_and_import(client, world):
    client.force_login(world.users["clerk"])
    bad = {**AID, "closed_on": date(2025, 2, 1)}
    response = client.post(
        reverse("ledgers:create", args=[LEGAL_AID.slug]),
        form_data(LEGAL_AID, bad, world.orgs["A1"]),
    )
    assert "结案日期不能早于受理日期。" in response.content.decode()
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(
            actor=world.users["clerk"],
            kind=LEGAL_AID,
            data=workbook_with_rows(LEGAL_AID, [bad], "甲镇"),
        )
    [error] = failure.value.result.errors
    assert (error.row, error.column) == (3, "结案日期")
    assert not LegalAidCase.objects.exists()
    create(world, LEGAL_AID, {**AID, "status": "assigned", "closed_on": None}, org="A1")
