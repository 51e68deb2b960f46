"""The complainant's name is personal data: masked for a clerk in the list, detail page, change
history, edit form and export, and not found by a search; shown to a leader (who does not edit)
with each showing logged."""

import io
from datetime import date

from django.urls import reverse
from openpyxl import load_workbook

from fazhi.ledgers.models import PersonalDataAccess
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create, record_update

KIND = get_kind("complaints")
NAME, RENAMED = "欧阳明华", "司马光明"


def make(world):
    record = record_create(
        actor=world.users["clerk"],
        kind=KIND,
        organisation=world.orgs["A1"],
        data={
            "occurred_on": date(2025, 4, 1),
            "channel": "letter",
            "complainant": NAME,
            "matter": "反映集镇主街路灯损坏",
            "answered_on": None,
            "status": "handling",
            "reply": "",
        },
    )
    # A change of the name, so the history has both names in it.
    record_update(actor=None, kind=KIND, record=record, data={"complainant": RENAMED})
    return record


def pages(client, record, *, form=True) -> dict[str, str]:
    urls = {
        "list": reverse("ledgers:list", args=[KIND.slug]),
        "detail": reverse("ledgers:detail", args=[KIND.slug, record.pk]),
    }
    if form:
        urls["form"] = reverse("ledgers:edit", args=[KIND.slug, record.pk])
    shown = {name: client.get(url).content.decode() for name, url in urls.items()}
    export = client.get(reverse("ledgers:export", args=[KIND.slug]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    shown["export"] = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    return shown


def search(client, text: str) -> list[str]:
    response = client.get(reverse("ledgers:list", args=[KIND.slug]), {"q": text})
    return [record.matter for record in response.context["page"]]


def test_a_clerk_never_sees_the_name_nor_finds_it(client, world):
    record = make(world)
    client.force_login(world.users["clerk"])
    for where, html in pages(client, record).items():
        assert NAME not in html and RENAMED not in html, where
        assert "司***" in html, where
    # The history shows the change masked on both sides.
    detail = pages(client, record)["detail"]
    assert "欧***" in detail and "投诉人：欧*** → 司***" in detail
    assert search(client, "司马") == []
    assert search(client, "路灯") == ["反映集镇主街路灯损坏"]
    assert not PersonalDataAccess.objects.exists()


def test_a_leader_sees_and_finds_it_and_each_showing_is_logged(client, world):
    record = make(world)
    client.force_login(world.users["leader"])
    shown = pages(client, record, form=False)  # a leader does not edit
    for where in ("list", "detail", "export"):
        assert RENAMED in shown[where], where
    assert f"投诉人：{NAME} → {RENAMED}" in shown["detail"]
    assert search(client, "司马") == ["反映集镇主街路灯损坏"]
    contexts = set(PersonalDataAccess.objects.values_list("context", flat=True))
    assert contexts == {"list", "detail", "export"}
