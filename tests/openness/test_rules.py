"""Rules of disclosures and supervision records fed bad input through service, form and import."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.ledgers import excel
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from fazhi.openness.models import Disclosure, Supervision
from tests.ledgers.helpers import form_data, workbook_with_rows

DISCLOSURES = get_kind("disclosures")
SUPERVISION = get_kind("supervision-records")
DISCLOSURE = {
    "occurred_on": date(2025, 4, 8),
    "disclosure_type": "finance",
    "channel": "board",
    "title": "甲镇2025年第一季度财务收支情况公开",
    "period": "2025年第一季度",
    "items": 12,
}
VISIT = {
    "occurred_on": date(2025, 5, 20),
    "supervision_type": "supervisor_visit",
    "subject": "行政执法监督员走访综合行政执法队",
    "participants": 3,
    "findings": "执法公示信息更新不及时。",
    "follow_up": "已更新公示信息。",
}


def create(world, kind, values, org="A1"):
    return record_create(
        actor=world.users["clerk"], kind=kind, organisation=world.orgs[org], data=dict(values)
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"items": 0}, "items", "公开条目数至少为 1。"),
        ({"channel": "poster"}, "channel", "不在可选范围内，请从列表中选择"),
        ({"disclosure_type": "gossip"}, "disclosure_type", "不在可选范围内，请从列表中选择"),
        ({"title": ""}, "title", "请填写公开事项"),
    ],
)
def test_disclosure_bounds(world, change, field, message):
    with pytest.raises(ValidationError) as error:
        create(world, DISCLOSURES, {**DISCLOSURE, **change})
    assert message in " ".join(error.value.message_dict[field])
    assert not Disclosure.objects.exists()


def test_openness_records_sit_at_the_township(world):
    for kind, values, label in (
        (DISCLOSURES, DISCLOSURE, "信息公开"),
        (SUPERVISION, VISIT, "监督记录"),
    ):
        with pytest.raises(ValidationError, match=f"{label}应登记在乡镇"):
            create(world, kind, values, org="A1V1")
    assert not Disclosure.objects.exists() and not Supervision.objects.exists()


def test_zero_items_is_refused_on_the_form(client, world):
    client.force_login(world.users["clerk"])
    data = form_data(DISCLOSURES, {**DISCLOSURE, "items": 0}, world.orgs["A1"])
    response = client.post(reverse("ledgers:create", args=[DISCLOSURES.slug]), data)
    assert response.status_code == 200
    assert "公开条目数至少为 1。" in response.content.decode()
    assert not Disclosure.objects.exists()


def test_zero_items_is_refused_in_an_import(world):
    rows = [DISCLOSURE, {**DISCLOSURE, "channel": "website", "items": 0}]
    data = workbook_with_rows(DISCLOSURES, rows, "甲镇")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=DISCLOSURES, data=data)
    [error] = failure.value.result.errors
    assert (error.row, error.column, error.message) == (4, "公开条目数", "公开条目数至少为 1。")
    assert not Disclosure.objects.exists()


def test_the_same_disclosure_on_two_channels_is_two_records(world):
    create(world, DISCLOSURES, DISCLOSURE)
    create(world, DISCLOSURES, {**DISCLOSURE, "channel": "website"})
    assert Disclosure.objects.count() == 2


def test_supervision_participants_may_be_zero_but_not_negative(world):
    create(world, SUPERVISION, {**VISIT, "participants": 0, "findings": "", "follow_up": ""})
    with pytest.raises(ValidationError) as error:
        create(world, SUPERVISION, {**VISIT, "subject": "另一次走访", "participants": -1})
    assert error.value.message_dict["participants"] == ["参与人数不能为负数。"]
    assert Supervision.objects.count() == 1


def test_negative_participants_are_refused_on_the_form_and_in_an_import(client, world):
    # The form field itself refuses a negative number, before the service sees it.
    client.force_login(world.users["clerk"])
    bad = {**VISIT, "participants": -2}
    response = client.post(
        reverse("ledgers:create", args=[SUPERVISION.slug]),
        form_data(SUPERVISION, bad, world.orgs["A1"]),
    )
    assert response.status_code == 200
    assert "参与人数不能小于0" in response.content.decode()
    data = workbook_with_rows(SUPERVISION, [bad], "甲镇")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=SUPERVISION, data=data)
    [error] = failure.value.result.errors
    assert (error.row, error.column) == (3, "参与人数")
    assert error.message == "参与人数不能小于0"
    assert not Supervision.objects.exists()
