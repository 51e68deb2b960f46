"""A village legal advisor sees and logs only services for the villages assigned to them
(tests/world.py: the advisor holds A1V1 only), and opens no other ledger."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.ledgers import excel
from fazhi.ledgers.forms import record_form_class
from fazhi.ledgers.registry import all_kinds
from fazhi.ledgers.services import record_create, record_update
from fazhi.legal_services.kinds import SERVICES
from fazhi.legal_services.models import LegalService
from tests.ledgers.helpers import form_data, workbook_with_rows

SERVICE = {
    "occurred_on": date(2025, 5, 6),
    "service_type": "consultation",
    "advisor": "张明远",
    "subject": "村民咨询宅基地纠纷",
    "people_served": 2,
    "outcome": "已解答",
}


@pytest.fixture
def services(world):
    made = {}
    for org in ("A1V1", "A1V2", "A2V1", "B1V1"):
        made[org] = record_create(
            actor=None,
            kind=SERVICES,
            organisation=world.orgs[org],
            data={**SERVICE, "subject": f"{world.orgs[org].name}的咨询"},
        )
    return made


def test_advisor_lists_only_the_assigned_villages_services(client, world, services):
    client.force_login(world.users["advisor"])
    response = client.get(reverse("ledgers:list", args=[SERVICES.slug]))
    assert response.status_code == 200
    assert [r.pk for r in response.context["page"]] == [services["A1V1"].pk]
    html = response.content.decode()
    assert "甲一村的咨询" in html and "甲二村" not in html
    export = client.get(reverse("ledgers:export", args=[SERVICES.slug]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)] == ["甲一村"]
    # The clerk of the township sees both of its villages.
    client.force_login(world.users["clerk"])
    listed = client.get(reverse("ledgers:list", args=[SERVICES.slug])).context["page"]
    assert {r.pk for r in listed} == {services["A1V1"].pk, services["A1V2"].pk}


def test_advisor_cannot_open_another_villages_service(client, world, services):
    client.force_login(world.users["advisor"])
    for org in ("A1V2", "A2V1", "B1V1"):
        pk = services[org].pk
        assert client.get(reverse("ledgers:detail", args=[SERVICES.slug, pk])).status_code == 404
        assert client.get(reverse("ledgers:edit", args=[SERVICES.slug, pk])).status_code == 404
    assert (
        client.get(reverse("ledgers:detail", args=[SERVICES.slug, services["A1V1"].pk])).status_code
        == 200
    )


def test_advisor_logs_a_service_for_the_assigned_village(client, world):
    client.force_login(world.users["advisor"])
    response = client.post(
        reverse("ledgers:create", args=[SERVICES.slug]),
        form_data(SERVICES, SERVICE, world.orgs["A1V1"]),
    )
    assert response.status_code == 302
    record = LegalService.objects.get()
    assert record.organisation == world.orgs["A1V1"]
    assert record.created_by == world.users["advisor"]


def test_the_form_offers_only_the_assigned_village(client, world):
    form = record_form_class(SERVICES)(user=world.users["advisor"])
    assert list(form.fields["organisation"].queryset) == [world.orgs["A1V1"]]
    client.force_login(world.users["advisor"])
    page = client.get(reverse("ledgers:create", args=[SERVICES.slug])).content.decode()
    assert "甲一村" in page and "甲二村" not in page


def test_advisor_cannot_log_a_service_for_another_village(client, world):
    client.force_login(world.users["advisor"])
    response = client.post(
        reverse("ledgers:create", args=[SERVICES.slug]),
        form_data(SERVICES, SERVICE, world.orgs["A1V2"]),
    )
    assert response.status_code == 200
    assert "单位不在可选范围内，请从列表中选择" in response.content.decode()
    # The service refuses it too, whatever a form lets through.
    with pytest.raises(PermissionDenied):
        record_create(
            actor=world.users["advisor"],
            kind=SERVICES,
            organisation=world.orgs["A1V2"],
            data=SERVICE,
        )
    assert not LegalService.objects.exists()


def test_advisor_cannot_move_a_service_to_another_village(world):
    record = record_create(
        actor=world.users["advisor"],
        kind=SERVICES,
        organisation=world.orgs["A1V1"],
        data=SERVICE,
    )
    with pytest.raises(PermissionDenied):
        record_update(
            actor=world.users["advisor"],
            kind=SERVICES,
            record=record,
            data={"organisation": world.orgs["A1V2"]},
        )
    record.refresh_from_db()
    assert record.organisation == world.orgs["A1V1"]


def test_advisor_cannot_import_services_for_another_village(world):
    data = workbook_with_rows(SERVICES, [SERVICE], "甲二村")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["advisor"], kind=SERVICES, data=data)
    assert "不是您可以录入的单位" in failure.value.result.errors[0].message
    assert not LegalService.objects.exists()


def test_advisor_opens_no_other_ledger(client, world):
    client.force_login(world.users["advisor"])
    others = [kind for kind in all_kinds() if kind is not SERVICES]
    assert others, "other ledger kinds are registered"
    for kind in others:
        assert client.get(reverse("ledgers:list", args=[kind.slug])).status_code == 403
        assert client.get(reverse("ledgers:create", args=[kind.slug])).status_code == 403
    assert client.get(reverse("legal_services:coverage")).status_code == 403
    index = client.get(reverse("ledgers:index"))
    assert [item["kind"] for group in index.context["groups"] for item in group["kinds"]] == [
        SERVICES
    ]
