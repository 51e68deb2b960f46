"""Removing and replacing attachments (kept, in the record's history), thumbnails, previews."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from fazhi.core import versions
from fazhi.ledgers.attachments import (
    THUMBNAIL_SIZE,
    attachment_add,
    attachment_archive,
    attachment_replace,
    attachments_of,
)
from fazhi.ledgers.registry import get_kind
from tests.ledger_world import png_bytes

KIND = "study-sessions"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def kind():
    return get_kind(KIND)


@pytest.fixture
def record(ledger_world):
    return ledger_world.records[(KIND, "A1")]


@pytest.fixture
def photo(ledger_world):
    return ledger_world.attachments[(KIND, "A1")]


def _file(name, data):
    return SimpleUploadedFile(name, data)


def test_removing_keeps_the_file_and_drops_it_from_the_evidence(world, kind, record, photo):
    clerk = world.users["clerk"]
    attachment_archive(actor=clerk, kind=kind, record=record, attachment=photo, reason="拍错了")
    photo.refresh_from_db()
    assert photo.is_archived and photo.archived_by == clerk and photo.archive_reason == "拍错了"
    assert list(attachments_of(record)) == []
    assert list(attachments_of(record, removed=True)) == [photo]
    assert photo.stored_file.file.storage.exists(photo.stored_file.file.name)


def test_removing_needs_a_reason_and_an_editor(world, kind, record, photo):
    with pytest.raises(ValidationError, match="请填写移除原因"):
        attachment_archive(
            actor=world.users["clerk"], kind=kind, record=record, attachment=photo, reason=" "
        )
    with pytest.raises(PermissionDenied):
        attachment_archive(
            actor=world.users["reviewer"], kind=kind, record=record, attachment=photo, reason="x"
        )
    photo.refresh_from_db()
    assert not photo.is_archived


def test_replacing_keeps_the_old_file_linked_to_the_new_one(world, kind, record, photo):
    new = attachment_replace(
        actor=world.users["clerk"],
        kind=kind,
        record=record,
        attachment=photo,
        uploaded=_file("签到表.pdf", PDF),
    )
    photo.refresh_from_db()
    assert photo.replaced_by == new and photo.is_archived
    assert new.category == photo.category and new.name == "签到表.pdf"
    assert list(attachments_of(record)) == [new]


def test_a_stale_version_is_refused_and_nothing_changes(world, kind, record, photo):
    seen = versions.current_version(photo)
    clerk = world.users["clerk"]
    attachment_archive(actor=clerk, kind=kind, record=record, attachment=photo, reason="重复")
    # Someone restores nothing; the second person's replace on the old version is refused.
    with pytest.raises(versions.StaleEdit):
        attachment_replace(
            actor=clerk,
            kind=kind,
            record=record,
            attachment=photo,
            uploaded=_file("新.png", png_bytes((1, 2, 3))),
            seen_version=seen,
        )
    assert list(attachments_of(record)) == []


def test_history_of_the_record_lists_adding_replacing_and_removing(
    client, world, kind, record, photo
):
    clerk = world.users["clerk"]
    new = attachment_replace(
        actor=clerk, kind=kind, record=record, attachment=photo, uploaded=_file("正文.pdf", PDF)
    )
    attachment_archive(actor=clerk, kind=kind, record=record, attachment=new, reason="不是本次活动")
    client.force_login(clerk)
    html = client.get(reverse("ledgers:detail", args=[KIND, record.pk])).content.decode()
    history = html.split("修改记录", 1)[1]
    assert "添加附件" in history and "替换附件" in history and "移除附件" in history
    assert f"{photo.name} → 正文.pdf" in history
    assert "不是本次活动" in history
    # Told once: the replacement is not also listed as an added file.
    assert history.count("添加附件") == 1
    assert "已移除或替换的附件（2 个" in html


def test_the_pages_remove_and_replace_with_the_version_carried(client, world, record, photo):
    client.force_login(world.users["clerk"])
    url = reverse("ledgers:attachment_archive", args=[photo.pk])
    page = client.get(url)
    assert page.status_code == 200 and "移除原因" in page.content.decode()
    version = versions.current_version(photo)
    assert f'value="{version}"' in page.content.decode()
    empty = client.post(url, {"reason": "", "seen_version": version})
    assert empty.status_code == 200 and "请填写移除原因" in empty.content.decode()
    done = client.post(url, {"reason": "重复上传", "seen_version": version})
    assert done.status_code == 302
    photo.refresh_from_db()
    assert photo.archive_reason == "重复上传"
    # Removed: no second removal or replacement.
    assert client.get(url).status_code == 403


def test_a_stale_page_shows_the_other_change(client, world, kind, record, photo):
    client.force_login(world.users["clerk"])
    version = versions.current_version(photo)
    attachment_archive(
        actor=world.users["clerk"], kind=kind, record=record, attachment=photo, reason="甲"
    )
    # The attachment is removed meanwhile: the page itself refuses it now.
    url = reverse("ledgers:attachment_replace", args=[photo.pk])
    response = client.post(url, {"file": _file("b.pdf", PDF), "seen_version": version})
    assert response.status_code == 403


def test_the_replace_page_replaces(client, world, record, photo):
    client.force_login(world.users["clerk"])
    url = reverse("ledgers:attachment_replace", args=[photo.pk])
    version = versions.current_version(photo)
    response = client.post(url, {"file": _file("正文.pdf", PDF), "seen_version": version})
    assert response.status_code == 302
    assert [a.name for a in attachments_of(record)] == ["正文.pdf"]


def test_a_viewer_who_may_not_edit_cannot_remove(client, world, photo):
    client.force_login(world.users["leader"])
    url = reverse("ledgers:attachment_archive", args=[photo.pk])
    assert client.post(url, {"reason": "x"}).status_code == 403
    photo.refresh_from_db()
    assert not photo.is_archived


def test_a_thumbnail_is_a_small_jpeg_of_the_photo(client, world, kind, record):
    big = io.BytesIO()
    Image.new("RGB", (2000, 1500), (20, 160, 60)).save(big, format="PNG")
    attachment = attachment_add(
        actor=None,
        kind=kind,
        record=record,
        uploaded=_file("大图.png", big.getvalue()),
        category="photo",
    )
    client.force_login(world.users["clerk"])
    response = client.get(reverse("ledgers:attachment_thumbnail", args=[attachment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(response.content)) as small:
        assert small.size == THUMBNAIL_SIZE  # 4:3 kept, bounded
    again = client.get(reverse("ledgers:attachment_thumbnail", args=[attachment.pk]))
    assert again.content == response.content


def test_a_pdf_has_no_thumbnail_but_an_inline_preview_framed_by_the_site(
    client, world, kind, record
):
    attachment = attachment_add(
        actor=None, kind=kind, record=record, uploaded=_file("通知.pdf", PDF), category="document"
    )
    client.force_login(world.users["clerk"])
    thumb = client.get(reverse("ledgers:attachment_thumbnail", args=[attachment.pk]))
    assert thumb.status_code == 404
    preview = client.get(reverse("ledgers:attachment_preview", args=[attachment.pk]))
    assert preview.status_code == 200
    assert preview["Content-Disposition"].startswith("inline")
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self';" in preview["Content-Security-Policy"] + ";"
    page = client.get(reverse("ledgers:detail", args=[KIND, record.pk]))
    assert page["Content-Security-Policy"].count("frame-ancestors 'none'") == 1
    html = page.content.decode()
    assert f'<iframe src="{reverse("ledgers:attachment_preview", args=[attachment.pk])}"' in html
    # The download itself stays an attachment.
    download = client.get(reverse("ledgers:attachment", args=[attachment.pk]))
    assert download["Content-Disposition"].startswith("attachment")


def test_an_office_file_has_no_preview(client, world, kind, record, ledger_world):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    try:
        attachment = attachment_add(
            actor=None,
            kind=kind,
            record=record,
            uploaded=_file("a.docx", out.getvalue()),
            category="document",
        )
    except ValidationError:
        pytest.skip("minimal docx not recognised")
    client.force_login(world.users["clerk"])
    assert (
        client.get(reverse("ledgers:attachment_preview", args=[attachment.pk])).status_code == 404
    )


def test_another_townships_attachment_is_not_found_for_every_new_page(client, world, ledger_world):
    other = ledger_world.attachments[(KIND, "A2")]
    client.force_login(world.users["clerk"])
    for name in (
        "ledgers:attachment_preview",
        "ledgers:attachment_thumbnail",
        "ledgers:attachment_archive",
        "ledgers:attachment_replace",
    ):
        assert client.get(reverse(name, args=[other.pk])).status_code == 404, name
    assert (
        client.post(
            reverse("ledgers:attachment_archive", args=[other.pk]), {"reason": "x"}
        ).status_code
        == 404
    )
    other.refresh_from_db()
    assert not other.is_archived


def test_the_upload_form_offers_the_kinds_default_category(client, world, ledger_world):
    client.force_login(world.users["clerk"])
    for slug, label in (("normative-documents", "文件材料"), ("study-sessions", "活动照片")):
        record = ledger_world.records[(slug, "A1")]
        html = client.get(reverse("ledgers:detail", args=[slug, record.pk])).content.decode()
        assert f"selected>{label}</option>" in html, slug
