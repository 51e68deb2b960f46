"""Personal data: masked in lists, detail pages, forms and exports for roles that may not see
it; shown to those that may, with every showing logged. Tested on the study ledger with its
presenter declared personal, so the framework is proven independently of any domain."""

import dataclasses
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.ledgers import excel, registry
from fazhi.ledgers.models import PersonalDataAccess
from fazhi.ledgers.personal import mask_value, unmask_restored
from fazhi.ledgers.services import record_create, record_update
from tests.ledgers.helpers import form_data

NAME = "欧阳明华"
VALUES = {
    "occurred_on": date(2025, 5, 6),
    "session_type": "lecture",
    "topic": "信访工作条例专题讲座",
    "presenter": NAME,
    "attendees": 25,
    "hours": 2,
}


@pytest.fixture
def kind(monkeypatch):
    original = registry.get_kind("study-sessions")
    personal = dataclasses.replace(original, personal_fields={"presenter": "name"})
    monkeypatch.setitem(registry._KINDS, original.slug, personal)
    return personal


@pytest.fixture
def record(world, kind):
    return record_create(actor=None, kind=kind, organisation=world.orgs["A1"], data=VALUES)


@pytest.mark.parametrize(
    ("value", "kind_of_data", "masked"),
    [
        ("张三", "name", "张*"),
        ("欧阳明华", "name", "欧***"),
        ("999901199001011234", "id_number", "999901********1234"),
        ("13812345678", "phone", "138****5678"),
        ("示范县青山镇石桥村三组12号", "address", "示范县青山镇****"),
        ("", "name", ""),
    ],
)
def test_masks(value, kind_of_data, masked):
    assert mask_value(value, kind_of_data) == masked


def test_a_clerk_sees_masked_names_everywhere_and_nothing_is_logged(client, world, record, kind):
    client.force_login(world.users["clerk"])
    for url in (
        reverse("ledgers:list", args=[kind.slug]),
        reverse("ledgers:detail", args=[kind.slug, record.pk]),
        reverse("ledgers:edit", args=[kind.slug, record.pk]),
    ):
        html = client.get(url).content.decode()
        assert NAME not in html, url
        assert "欧***" in html, url
    export = client.get(reverse("ledgers:export", args=[kind.slug]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert "欧***" in [cell.value for cell in sheet[3]]
    assert NAME not in [cell.value for cell in sheet[3]]
    assert not PersonalDataAccess.objects.exists()


def test_a_role_that_may_see_them_sees_them_and_each_view_is_logged(client, world, record, kind):
    client.force_login(world.users["leader"])
    assert NAME in client.get(reverse("ledgers:list", args=[kind.slug])).content.decode()
    detail = client.get(reverse("ledgers:detail", args=[kind.slug, record.pk]))
    assert NAME in detail.content.decode()
    export = client.get(reverse("ledgers:export", args=[kind.slug]))
    assert NAME in [c.value for c in load_workbook(io.BytesIO(export.content)).active[3]]
    logged = list(PersonalDataAccess.objects.order_by("pk").values_list("context", flat=True))
    assert logged == ["list", "detail", "export"]
    entry = PersonalDataAccess.objects.first()
    assert (entry.user, entry.record_id, entry.organisation) == (
        world.users["leader"],
        record.pk,
        world.orgs["A1"],
    )


def test_saving_a_masked_form_keeps_the_real_value(client, world, record, kind):
    client.force_login(world.users["clerk"])
    data = form_data(kind, {**VALUES, "presenter": "欧***", "attendees": 30}, world.orgs["A1"])
    response = client.post(reverse("ledgers:edit", args=[kind.slug, record.pk]), data)
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.presenter, record.attendees) == (NAME, 30)


def test_reimporting_a_masked_export_keeps_the_real_value(world, record, kind):
    exported = excel.export_bytes(kind, kind.model.objects.all(), unmasked_ids=set())
    assert NAME.encode() not in exported
    result = excel.import_rows(actor=world.users["clerk"], kind=kind, data=exported)
    assert (result.created, result.unchanged) == (0, 1)
    record.refresh_from_db()
    assert record.presenter == NAME


def test_a_real_change_of_a_personal_field_is_saved(world, record, kind):
    record_update(actor=world.users["clerk"], kind=kind, record=record, data={"presenter": "李四"})
    record.refresh_from_db()
    assert record.presenter == "李四"
    assert unmask_restored(kind, record, {"presenter": "李*"}) == {"presenter": "李四"}


def test_an_admin_reads_the_access_log_of_their_subtree_only(client, world, record, kind):
    client.force_login(world.users["leader"])
    client.get(reverse("ledgers:detail", args=[kind.slug, record.pk]))
    client.force_login(world.users["admin"])
    html = client.get(reverse("ledgers:access_log")).content.decode()
    assert "leader" in html and "详情" in html
    client.force_login(world.users["county_admin"])
    assert "leader" in client.get(reverse("ledgers:access_log")).content.decode()
    client.force_login(world.users["clerk"])
    assert client.get(reverse("ledgers:access_log")).status_code == 403


def test_the_change_history_is_masked_like_the_field(client, world, record, kind):
    record_update(actor=None, kind=kind, record=record, data={"presenter": "李四"})
    client.force_login(world.users["clerk"])
    detail = client.get(reverse("ledgers:detail", args=[kind.slug, record.pk])).content.decode()
    assert NAME not in detail and "李四" not in detail
    assert "欧*** → 李*" in detail
    client.force_login(world.users["leader"])
    detail = client.get(reverse("ledgers:detail", args=[kind.slug, record.pk])).content.decode()
    assert f"{NAME} → 李四" in detail


def test_a_personal_field_is_searched_only_where_it_may_be_seen(client, world, record, kind):
    kind = dataclasses.replace(kind, search_fields=("topic", "presenter"))
    registry._KINDS[kind.slug] = kind
    url = reverse("ledgers:list", args=[kind.slug])
    client.force_login(world.users["clerk"])
    assert client.get(url, {"q": "欧阳"}).context["page"].paginator.count == 0
    assert client.get(url, {"q": "信访"}).context["page"].paginator.count == 1
    client.force_login(world.users["leader"])
    assert client.get(url, {"q": "欧阳"}).context["page"].paginator.count == 1


def test_a_list_is_never_sorted_by_a_personal_field(client, world, record, kind):
    second = record_create(
        actor=None,
        kind=kind,
        organisation=world.orgs["A1"],
        data={**VALUES, "occurred_on": date(2025, 5, 7), "presenter": "艾青", "topic": "宪法"},
    )
    url = reverse("ledgers:list", args=[kind.slug])
    client.force_login(world.users["clerk"])
    page = client.get(url)
    assert 'value="presenter"' not in page.content.decode()
    assert 'value="topic"' in page.content.decode()  # other columns still sort
    default = [r.pk for r in page.context["page"].object_list]
    for sort in ("presenter", "-presenter"):
        ordered = [r.pk for r in client.get(url, {"sort": sort}).context["page"].object_list]
        assert ordered == default == [second.pk, record.pk]
