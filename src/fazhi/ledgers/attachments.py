"""Attachments: type judged by content, size-limited, photos stripped of EXIF/GPS, stored once."""

import hashlib
import io

import filetype
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from fazhi.core.uploads import read_upload
from fazhi.ledgers.models import Attachment, StoredFile
from fazhi.ledgers.registry import LedgerKind
from fazhi.ledgers.services import check_can_edit

IMAGE_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP"}
DOCUMENT_TYPES = {
    "application/pdf",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
}
ALLOWED_HINT = "图片（JPG、PNG、GIF、WEBP）、PDF 或 Office 文档（Word、Excel、PowerPoint）"


def max_pixels() -> int:
    return int(getattr(settings, "FAZHI_UPLOAD_MAX_PIXELS", 50_000_000))


def detect_type(data: bytes) -> str:
    """The MIME type the content really has, or ValidationError when it is not allowed."""
    kind = filetype.guess(data)
    mime = kind.mime if kind else None
    if mime not in IMAGE_TYPES and mime not in DOCUMENT_TYPES:
        raise ValidationError(f"不支持的文件类型（按文件内容判断）。只能上传{ALLOWED_HINT}。")
    return mime


def strip_image_metadata(data: bytes, mime: str) -> bytes:
    """Re-encode a photo without EXIF (GPS position, camera, time); keeps its orientation."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            # The header gives the size; refuse before decoding (a small file can be a huge
            # picture, and decoding it takes 3-4 bytes a pixel).
            width, height = image.size
            if width * height > max_pixels():
                raise ValidationError(
                    f"图片尺寸过大（{width}×{height} 像素），"
                    f"超过 {max_pixels() // 1_000_000} 百万像素的上限，请缩小后再上传。"
                )
            if getattr(image, "is_animated", False):
                image.seek(0)
            upright = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            options = {"quality": 92} if mime == "image/jpeg" else {}
            if mime == "image/jpeg" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            upright.save(out, format=IMAGE_TYPES[mime], **options)
            return out.getvalue()
    except Image.DecompressionBombError as exc:
        raise ValidationError("图片尺寸过大，请缩小后再上传。") from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError("图片文件已损坏，无法读取。") from exc


def _store(data: bytes, mime: str) -> StoredFile:
    digest = hashlib.sha256(data).hexdigest()
    existing = StoredFile.objects.filter(sha256=digest).first()
    if existing:
        return existing
    stored = StoredFile(sha256=digest, size=len(data), content_type=mime)
    stored.file.save(f"{digest[:2]}/{digest}", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:  # the same content stored concurrently
        return StoredFile.objects.get(sha256=digest)
    return stored


def store_upload(uploaded) -> StoredFile:
    """An uploaded file as stored content: within the upload limits, typed by its content,
    photos stripped of their metadata, stored once per SHA-256 (attachments, assessment
    evidence and rectification files alike)."""
    data = read_upload(uploaded)
    if not data:
        raise ValidationError("文件是空的。")
    mime = detect_type(data)
    if mime in IMAGE_TYPES:
        data = strip_image_metadata(data, mime)
    return _store(data, mime)


def store_bytes(data: bytes, mime: str) -> StoredFile:
    """Content already read and typed by the caller, stored once per SHA-256."""
    return _store(data, mime)


@transaction.atomic
def attachment_add(*, actor, kind: LedgerKind, record, uploaded, category: str) -> Attachment:
    """Attach an uploaded file (a Django UploadedFile or any object with name/size/read)."""
    check_can_edit(actor=actor, kind=kind, organisation=record.organisation)
    if record.is_archived:
        raise ValidationError("该记录已归档，不能再添加附件。")
    attachment = Attachment(
        organisation=record.organisation,
        record_type=ContentType.objects.get_for_model(record),
        record_id=record.pk,
        stored_file=store_upload(uploaded),
        name=(uploaded.name or "附件").rsplit("/", 1)[-1][:255],
        category=category,
        uploaded_by=actor,
    )
    attachment.full_clean()
    attachment._history_user = actor
    attachment.save()
    return attachment


def attachments_of(record):
    return Attachment.objects.filter(
        record_type=ContentType.objects.get_for_model(record), record_id=record.pk
    ).select_related("stored_file")
