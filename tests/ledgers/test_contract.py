"""The contract every ledger kind keeps, run for each registered kind.

A new ledger kind is covered the moment it is registered: pages, archive/restore, filters,
Excel template/import/export and attachments behave the same everywhere.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.ledgers import excel
from fazhi.ledgers.columns import columns_for
from fazhi.ledgers.registry import all_kinds
from fazhi.ledgers.services import record_create
from fazhi.orgs.roles import Level
from tests.ledger_world import png_bytes
from tests.ledgers.helpers import (
    comparable,
    form_data,
    normalised,
    sample_rows,
    workbook_with_rows,
)

KINDS = all_kinds()
pytestmark = pytest.mark.parametrize("kind", KINDS, ids=[k.slug for k in KINDS])


def owner(world, kind):
    return world.orgs["A1V1" if kind.org_level == Level.VILLAGE else "A1"]


def create(world, kind, values, organisation=None):
    organisation = organisation or owner(world, kind)
    return record_create(actor=None, kind=kind, organisation=organisation, data=dict(values))


def editable_text_field(kind):
    """A free-text field the clerk sees unmasked (not personal data)."""
    for name in kind.fields:
        if name in kind.personal_fields:
            continue
        field = kind.model._meta.get_field(name)
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            return name
    return None


def test_create_and_edit_through_the_pages(client, world, kind):
    client.force_login(world.users["clerk"])
    organisation = owner(world, kind)
    values = sample_rows(kind, organisation, 1)[0]
    response = client.post(
        reverse("ledgers:create", args=[kind.slug]), form_data(kind, values, organisation)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = kind.model.objects.get()
    assert record.organisation == organisation
    assert comparable(record, kind) == normalised(kind, values)
    assert record.year == values["occurred_on"].year
    assert record.history.get().history_user == world.users["clerk"]

    name = editable_text_field(kind)
    if name is None:
        return
    max_length = kind.model._meta.get_field(name).max_length or 1000
    new_value = (str(getattr(record, name) or "") + "（修订）")[-max_length:]
    edited = {**values, name: new_value}
    response = client.post(
        reverse("ledgers:edit", args=[kind.slug, record.pk]), form_data(kind, edited, organisation)
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert getattr(record, name) == new_value
    html = client.get(reverse("ledgers:detail", args=[kind.slug, record.pk])).content.decode()
    assert "（修订）" in html and "clerk" in html


def test_a_form_with_a_missing_date_changes_nothing(client, world, kind):
    client.force_login(world.users["clerk"])
    organisation = owner(world, kind)
    values = sample_rows(kind, organisation, 1)[0]
    data = form_data(kind, values, organisation)
    del data["occurred_on"]
    response = client.post(reverse("ledgers:create", args=[kind.slug]), data)
    assert response.status_code == 200
    assert f"请填写{kind.field_label('occurred_on')}" in response.content.decode()
    assert not kind.model.objects.exists()


def test_archive_hides_the_record_and_an_admin_restores_it(client, world, kind):
    record = create(world, kind, sample_rows(kind, owner(world, kind), 1)[0])
    client.force_login(world.users["clerk"])
    archive_url = reverse("ledgers:archive", args=[kind.slug, record.pk])
    assert client.post(archive_url, {"reason": ""}).status_code == 200
    record.refresh_from_db()
    assert not record.is_archived
    assert client.post(archive_url, {"reason": "重复录入"}).status_code == 302
    record.refresh_from_db()
    assert record.is_archived and record.archive_reason == "重复录入"
    list_page = client.get(reverse("ledgers:list", args=[kind.slug]))
    assert list_page.context["page"].paginator.count == 0
    detail_url = reverse("ledgers:detail", args=[kind.slug, record.pk])
    assert client.get(detail_url).status_code == 404
    # For everyone but an administrator an archived record no longer exists.
    assert client.post(reverse("ledgers:restore", args=[kind.slug, record.pk])).status_code == 404

    client.force_login(world.users["admin"])
    archived = client.get(reverse("ledgers:list", args=[kind.slug]), {"archived": "1"})
    assert [r.pk for r in archived.context["page"]] == [record.pk]
    assert client.get(detail_url).status_code == 200
    client.post(reverse("ledgers:restore", args=[kind.slug, record.pk]))
    record.refresh_from_db()
    assert not record.is_archived
    reasons = [h.history_change_reason for h in record.history.order_by("history_date")]
    assert reasons[-2:] == ["归档：重复录入", "恢复归档记录"]


def test_list_filters_by_year_and_keeps_filters_in_the_url(client, world, kind):
    organisation = owner(world, kind)
    for values in sample_rows(kind, organisation, 3):
        create(world, kind, values)
    years = sorted(set(kind.model.objects.values_list("year", flat=True)))
    client.force_login(world.users["leader"])
    url = reverse("ledgers:list", args=[kind.slug])
    response = client.get(url, {"year": years[-1], "sort": "-occurred_on"})
    listed = list(response.context["page"])
    assert listed and all(r.year == years[-1] for r in listed)
    assert [r.occurred_on for r in listed] == sorted((r.occurred_on for r in listed), reverse=True)
    month = listed[0].occurred_on.month
    in_month = list(client.get(url, {"year": years[-1], "month": month}).context["page"])
    assert in_month and all(r.occurred_on.month == month for r in in_month)
    assert len(in_month) == sum(1 for r in listed if r.occurred_on.month == month)
    export = client.get(reverse("ledgers:export", args=[kind.slug]), {"year": years[-1]})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=3))
    assert len(rows) == len(listed)


def test_template_has_headers_notes_and_choice_lists(client, world, kind):
    client.force_login(world.users["clerk"])
    response = client.get(reverse("ledgers:template", args=[kind.slug]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    columns = columns_for(kind)
    assert [cell.value for cell in sheet[1]] == [c.header for c in columns]
    assert all(cell.value for cell in sheet[2])  # the notes row
    validated = {str(v.sqref).split(":")[0][:-1] for v in sheet.data_validations.dataValidation}
    for index, column in enumerate(columns, start=1):
        if column.choices:
            assert sheet.cell(row=1, column=index).column_letter in validated, column.header


def test_export_imports_back_unchanged_and_reimport_adds_nothing(world, kind):
    organisation = owner(world, kind)
    for values in sample_rows(kind, organisation, 3):
        create(world, kind, values)
    clerk = world.users["clerk"]
    exported = excel.export_bytes(kind, kind.model.objects.all())
    result = excel.import_rows(actor=clerk, kind=kind, data=exported)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert kind.model.objects.count() == 3


def test_import_is_all_or_nothing_and_idempotent(world, kind):
    organisation = owner(world, kind)
    clerk = world.users["clerk"]
    first, second, third = sample_rows(kind, organisation, 3)
    bad = {**third, "occurred_on": "2025-13-45"}
    data = workbook_with_rows(kind, [first, second, bad], organisation.name)
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=clerk, kind=kind, data=data)
    [error] = failure.value.result.errors
    assert error.row == 5
    assert error.column == kind.field_label("occurred_on")
    assert "不是有效日期" in error.message
    assert not kind.model.objects.exists()

    data = workbook_with_rows(kind, [first, second], organisation.name)
    assert excel.import_rows(actor=clerk, kind=kind, data=data).created == 2
    again = excel.import_rows(actor=clerk, kind=kind, data=data)
    assert (again.created, again.unchanged) == (0, 2)
    overlapping = workbook_with_rows(kind, [second, third], organisation.name)
    assert excel.import_rows(actor=clerk, kind=kind, data=overlapping).created == 1
    assert kind.model.objects.count() == 3


def test_import_refuses_another_townships_organisation(world, kind):
    other = world.orgs["A2V1" if kind.org_level == Level.VILLAGE else "A2"]
    values = sample_rows(kind, other, 1)[0]
    data = workbook_with_rows(kind, [values], other.name)
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=kind, data=data)
    assert "不是您可以录入的单位" in failure.value.result.errors[0].message
    assert not kind.model.objects.exists()


def test_attachment_upload_and_download(client, world, kind):
    record = create(world, kind, sample_rows(kind, owner(world, kind), 1)[0])
    client.force_login(world.users["clerk"])
    upload = SimpleUploadedFile("现场照片.png", png_bytes(), content_type="image/png")
    response = client.post(
        reverse("ledgers:upload", args=[kind.slug, record.pk]),
        {"file": upload, "category": "photo"},
        follow=True,
    )
    assert "附件已上传" in response.content.decode()
    [attachment] = response.context["attachments"]
    download = client.get(reverse("ledgers:attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")
