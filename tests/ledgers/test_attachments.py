import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from fazhi.ledgers.attachments import attachment_add, attachments_of
from fazhi.ledgers.models import Attachment, StoredFile
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_archive
from tests.bombs import MB, peak_memory_growth
from tests.ledger_world import png_bytes

KIND = "study-sessions"


@pytest.fixture
def record(ledger_world):
    return ledger_world.records[(KIND, "A1")]


def upload(record, name, data, *, actor=None):
    return attachment_add(
        actor=actor,
        kind=get_kind(KIND),
        record=record,
        uploaded=SimpleUploadedFile(name, data),
        category="photo",
    )


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (8, 8), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0), 3: "E", 4: (120.0, 10.0, 0.0)}  # GPS IFD
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_renamed_executable_is_refused_by_content(record):
    elf = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
    windows_exe = b"MZ\x90\x00" + b"\x00" * 200
    before = Attachment.objects.count()
    for data in (elf, windows_exe):
        with pytest.raises(ValidationError, match="不支持的文件类型"):
            upload(record, "活动照片.jpg", data)
    assert Attachment.objects.count() == before


def test_a_file_over_the_limit_is_refused_with_the_limit_named(record):
    big = SimpleUploadedFile("扫描件.pdf", b"%PDF-1.4\n" + b"0" * (25 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        attachment_add(
            actor=None, kind=get_kind(KIND), record=record, uploaded=big, category="document"
        )
    assert "25 MB" in error.value.messages[0] and "20 MB" in error.value.messages[0]


def test_the_limit_is_a_setting(record, settings):
    settings.FAZHI_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="超过 1 KB 的上限"):
        upload(record, "a.png", png_bytes(size=(200, 200)) + b"\x00" * 2048)


def test_photo_gps_and_camera_data_are_stripped(record):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    attachment = upload(record, "现场.jpg", original)
    with attachment.stored_file.file.open("rb") as stored:
        kept = Image.open(io.BytesIO(stored.read()))
        assert not kept.getexif().get_ifd(0x8825)
        assert 0x010F not in kept.getexif()
        assert kept.size == (8, 8)


def test_the_same_file_uploaded_twice_is_stored_once(record, ledger_world):
    other_record = ledger_world.records[("exams", "A1")]
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    first = upload(record, "会议纪要.pdf", pdf)
    second = attachment_add(
        actor=None,
        kind=get_kind("exams"),
        record=other_record,
        uploaded=SimpleUploadedFile("纪要副本.pdf", pdf),
        category="minutes",
    )
    assert first.stored_file_id == second.stored_file_id
    assert StoredFile.objects.filter(sha256=first.stored_file.sha256).count() == 1
    assert len(first.stored_file.sha256) == 64
    assert [a.name for a in attachments_of(other_record)][-1] == "纪要副本.pdf"


def test_an_empty_or_corrupt_image_is_refused(record):
    with pytest.raises(ValidationError, match="文件是空的"):
        upload(record, "空.png", b"")
    with pytest.raises(ValidationError, match="图片文件已损坏"):
        upload(record, "坏.jpg", b"\xff\xd8\xff\xe0" + b"garbage" * 50)


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width`×`height` pixels: a few hundred bytes, gigabytes once decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
        )

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    rows = zlib.compress(b"\x00" * (width * 3 + 1) * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("side", [8_000, 20_000])
def test_a_picture_too_large_to_decode_is_refused_before_decoding(record, side):
    before = StoredFile.objects.count()
    with peak_memory_growth() as growth, pytest.raises(ValidationError, match="图片尺寸过大"):
        upload(record, "巨图.png", png_header(side, side))
    assert growth.peak < 50 * MB, str(growth)
    assert StoredFile.objects.count() == before


def test_another_townships_file_cannot_be_downloaded_by_url(client, world, ledger_world):
    client.force_login(world.users["clerk"])
    other = ledger_world.attachments[(KIND, "A2")]
    response = client.get(reverse("ledgers:attachment", args=[other.pk]))
    assert response.status_code == 404
    own = ledger_world.attachments[(KIND, "A1")]
    assert client.get(reverse("ledgers:attachment", args=[own.pk])).status_code == 200


def test_an_archived_records_files_are_hidden_too(client, world, ledger_world, record):
    record_archive(actor=None, kind=get_kind(KIND), record=record, reason="误录")
    attachment = ledger_world.attachments[(KIND, "A1")]
    client.force_login(world.users["clerk"])
    assert client.get(reverse("ledgers:attachment", args=[attachment.pk])).status_code == 404
    client.force_login(world.users["admin"])
    assert client.get(reverse("ledgers:attachment", args=[attachment.pk])).status_code == 200


def test_media_files_have_no_public_url(client, world, record):
    attachment = upload(record, "a.png", png_bytes())
    client.force_login(world.users["clerk"])
    for url in (
        f"/media/{attachment.stored_file.file.name}",
        f"/{attachment.stored_file.file.name}",
    ):
        assert client.get(url).status_code == 404
