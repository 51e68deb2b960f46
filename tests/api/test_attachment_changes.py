"""Removing and replacing a ledger record's attachment through the API, as its page does
(fazhi.ledgers.attachments): the record's editors only, the attachment's version in If-Match
(428 without, 412 when stale, nothing written), the old file kept and listed with ?removed=1."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fazhi.api import services as token_services
from fazhi.core import versions
from fazhi.ledgers.models import Attachment, StoredFile
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_archive
from fazhi.orgs.roles import Role
from fazhi.orgs.services import membership_grant
from tests.ledger_world import png_bytes
from tests.snapshots import database_state

pytestmark = pytest.mark.django_db

MEETINGS = "governance-meetings"


def _client(world, role) -> Client:
    _, key = token_services.token_create(user=world.users[role], name="测试脚本", days=1)
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def _list_url(record, removed=False):
    url = reverse("api:ledger_attachments", kwargs={"kind": MEETINGS, "pk": record.pk})
    return url + "?removed=1" if removed else url


def _remove(client, attachment, reason="照片拍错了。", version=None):
    headers = {} if version is False else {"HTTP_IF_MATCH": f'"{version}"'}
    return client.post(
        reverse("api:attachment_remove", kwargs={"pk": attachment.pk}),
        json.dumps({"reason": reason}),
        content_type="application/json",
        **headers,
    )


def _replace(client, attachment, upload, version=None):
    headers = {} if version is False else {"HTTP_IF_MATCH": f'"{version}"'}
    data = {} if upload is None else {"file": upload}
    return client.post(
        reverse("api:attachment_replace", kwargs={"pk": attachment.pk}), data, **headers
    )


def _png(name="会议照片.png"):
    return SimpleUploadedFile(name, png_bytes((10, 10, 200)), content_type="image/png")


def _state():
    return database_state(Attachment, StoredFile)


def test_the_list_carries_each_attachments_version(world, ledger_world):
    record = ledger_world.records[(MEETINGS, "A1")]
    attachment = ledger_world.attachments[(MEETINGS, "A1")]
    rows = _client(world, "clerk").get(_list_url(record)).json()
    assert [(row["id"], row["version"]) for row in rows] == [
        (attachment.pk, versions.current_version(attachment))
    ]
    assert rows[0]["removed_at"] is None and rows[0]["replaced_by"] is None
    assert _client(world, "clerk").get(_list_url(record, removed=True)).json() == []
    bad = _client(world, "clerk").get(_list_url(record) + "?removed=yes")
    assert bad.status_code == 400 and bad.json() == {"removed": ["应为 0 或 1。"]}


def test_removing_keeps_the_file_and_lists_it_as_removed(world, ledger_world):
    record = ledger_world.records[(MEETINGS, "A1")]
    attachment = ledger_world.attachments[(MEETINGS, "A1")]
    client = _client(world, "clerk")
    response = _remove(client, attachment, version=versions.current_version(attachment))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == attachment.pk and body["removed_reason"] == "照片拍错了。"
    assert body["removed_at"] is not None
    attachment.refresh_from_db()
    assert attachment.archived_by == world.users["clerk"]
    assert attachment.history.latest().history_user == world.users["clerk"]
    assert response["ETag"] == f'"{versions.current_version(attachment)}"'
    assert client.get(_list_url(record)).json() == []
    removed = client.get(_list_url(record, removed=True)).json()
    assert [(row["id"], row["removed_reason"]) for row in removed] == [
        (attachment.pk, "照片拍错了。")
    ]
    # Removed once: a second removal is refused as on the page, nothing written.
    before = _state()
    again = _remove(client, attachment, version=versions.current_version(attachment))
    assert again.status_code == 403 and again.json()["detail"] == "该附件已移除或已被替换。"
    assert _state() == before


def test_replacing_adds_the_new_file_and_marks_the_old_replaced(world, ledger_world):
    record = ledger_world.records[(MEETINGS, "A1")]
    old = ledger_world.attachments[(MEETINGS, "A1")]
    client = _client(world, "clerk")
    response = _replace(client, old, _png("新照片.png"), version=versions.current_version(old))
    assert response.status_code == 201, response.content
    body = response.json()
    new = Attachment.objects.get(pk=body["id"])
    assert (new.name, new.category, new.uploaded_by) == (
        "新照片.png",
        old.category,
        world.users["clerk"],
    )
    assert body["version"] == versions.current_version(new)
    old.refresh_from_db()
    assert old.replaced_by == new and old.archived_at is not None
    assert old.history.latest().history_user == world.users["clerk"]
    assert [row["id"] for row in client.get(_list_url(record)).json()] == [new.pk]
    removed = client.get(_list_url(record, removed=True)).json()
    assert [(row["id"], row["replaced_by"]) for row in removed] == [(old.pk, new.pk)]
    # The old file is still downloadable.
    assert client.get(removed[0]["download_url"]).status_code == 200


def test_a_stale_or_missing_version_writes_nothing(world, ledger_world):
    attachment = ledger_world.attachments[(MEETINGS, "A1")]
    seen = versions.current_version(attachment)
    attachment.name = "他人改名.png"  # someone else's save after the client read the list
    attachment._history_user = world.users["admin"]
    attachment.save()
    client = _client(world, "clerk")
    before = _state()

    stale = _remove(client, attachment, version=seen)
    assert stale.status_code == 412
    assert stale.json()["detail"].startswith("附件已被他人修改，本次操作未保存")
    assert stale.json()["current_version"] == versions.current_version(attachment)
    stale = _replace(client, attachment, _png(), version=seen)
    assert stale.status_code == 412
    missing = _remove(client, attachment, version=False)
    assert missing.status_code == 428 and "If-Match" in missing.json()["detail"]
    assert _replace(client, attachment, _png(), version=False).status_code == 428
    assert _state() == before
    # An unquoted "*" takes whatever version is current, as a record's update.
    star = client.post(
        reverse("api:attachment_remove", kwargs={"pk": attachment.pk}),
        json.dumps({"reason": "不需要了。"}),
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    assert star.status_code == 200, star.content


def test_refusals_are_404_403_or_a_chinese_400_writing_nothing(world, ledger_world):
    own = ledger_world.attachments[(MEETINGS, "A1")]
    other = ledger_world.attachments[(MEETINGS, "A2")]
    version = versions.current_version(own)
    clerk = _client(world, "clerk")
    before = _state()

    # Another township's attachment is not found, whatever is sent.
    assert _remove(clerk, other, version=versions.current_version(other)).status_code == 404
    assert (
        _replace(clerk, other, _png(), version=versions.current_version(other)).status_code == 404
    )
    # A role that reads the ledger but does not write it.
    leader = _client(world, "leader")
    refused = _remove(leader, own, version=version)
    assert refused.status_code == 403 and "无权" in refused.json()["detail"]
    assert _replace(leader, own, _png(), version=version).status_code == 403
    # Bad input: a Chinese 400 naming the field.
    script = SimpleUploadedFile("a.png", b"#!/bin/sh\necho hi\n", content_type="image/png")
    bad_file = _replace(clerk, own, script, version=version)
    assert bad_file.status_code == 400
    assert any("\u4e00" <= c <= "\u9fff" for c in json.dumps(bad_file.json(), ensure_ascii=False))
    assert _replace(clerk, own, None, version=version).json() == {
        "file": ["请选择用来替换的新文件。"]
    }
    assert _remove(clerk, own, reason="  ", version=version).json() == {
        "reason": ["请填写移除原因。"]
    }
    assert _state() == before


def test_an_archived_records_attachments_are_not_changed(world, ledger_world):
    record = ledger_world.records[(MEETINGS, "A1")]
    attachment = ledger_world.attachments[(MEETINGS, "A1")]
    record_archive(actor=None, kind=get_kind(MEETINGS), record=record, reason="重复录入")
    version = versions.current_version(attachment)
    before = _state()
    # The clerk no longer finds the record; the administrator finds it but may not write it.
    assert _remove(_client(world, "clerk"), attachment, version=version).status_code == 404
    admin = _remove(_client(world, "admin"), attachment, version=version)
    assert admin.status_code == 403 and "无权" in admin.json()["detail"]
    # An administrator who is also the township's clerk finds it and is refused: archived.
    membership_grant(
        actor=None, user=world.users["admin"], organisation=record.organisation, role=Role.CLERK
    )
    admin = _remove(_client(world, "admin"), attachment, version=version)
    assert admin.status_code == 403, admin.content
    assert admin.json()["detail"] == "该记录已归档，不能修改附件。"
    assert _state() == before
