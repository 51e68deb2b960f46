"""Petitioners' personal data in the generic list and export: masked for a clerk, shown to the
司法所 reviewer with the showing logged."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from fazhi.ledgers.models import PersonalDataAccess
from tests.disputes.helpers import ID_NUMBER, make_petition


def export_text(client) -> str:
    response = client.get(reverse("ledgers:export", args=["petitions"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)


def test_clerk_list_and_export_are_masked_and_not_logged(client, world):
    make_petition(world)
    client.force_login(world.users["clerk"])
    html = client.get(reverse("ledgers:list", args=["petitions"])).content.decode()
    assert "欧***" in html and "999901********0019" in html
    assert "欧阳明华" not in html and ID_NUMBER not in html
    exported = export_text(client)
    assert (
        "欧阳明华" not in exported and ID_NUMBER not in exported and "13800001234" not in exported
    )
    assert not PersonalDataAccess.objects.exists()


def test_reviewer_sees_them_and_each_view_is_logged(client, world):
    petition = make_petition(world)
    client.force_login(world.users["reviewer"])
    html = client.get(reverse("ledgers:list", args=["petitions"])).content.decode()
    assert "欧阳明华" in html and ID_NUMBER in html
    exported = export_text(client)
    assert "欧阳明华" in exported and ID_NUMBER in exported
    contexts = set(PersonalDataAccess.objects.values_list("context", "record_id"))
    assert contexts == {("list", petition.pk), ("export", petition.pk)}
