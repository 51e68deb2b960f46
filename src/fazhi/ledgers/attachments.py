"""Attachments: type judged by content, size-limited, photos stripped of EXIF/GPS, stored once."""

import hashlib
import io

import filetype
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from fazhi.core import versions
from fazhi.core.history import FieldChange, HistoryEntry
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


THUMBNAIL_SIZE = (320, 240)
THUMBNAIL_TYPE = "image/jpeg"


def thumbnail(stored: StoredFile) -> bytes:
    """A small JPEG of a stored photo (at most THUMBNAIL_SIZE), made once and kept beside the
    files (served only through the permission-checked view)."""
    storage = stored.file.storage
    name = f"thumbnails/{stored.sha256[:2]}/{stored.sha256}-{THUMBNAIL_SIZE[0]}.jpg"
    if storage.exists(name):
        with storage.open(name, "rb") as cached:
            return cached.read()
    try:
        with stored.file.open("rb") as source, Image.open(source) as image:
            width, height = image.size
            if width * height > max_pixels():
                raise ValidationError("图片尺寸过大。")
            image.draft("RGB", THUMBNAIL_SIZE)  # JPEG: decode at a reduced scale
            small = image.convert("RGB")
            small.thumbnail(THUMBNAIL_SIZE)
            out = io.BytesIO()
            small.save(out, format="JPEG", quality=80)
    except (Image.DecompressionBombError, UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError("图片文件已损坏，无法读取。") from exc
    storage.save(name, ContentFile(out.getvalue()))
    return out.getvalue()


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
    return _attach(actor, record, uploaded, category, reason="添加附件")


def _attach(actor, record, uploaded, category: str, *, reason: str) -> Attachment:
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
    _save(attachment, actor, reason)
    return attachment


def _save(attachment: Attachment, actor, reason: str) -> None:
    attachment._history_user = actor
    attachment._change_reason = reason
    attachment.save()


def _check_open(*, actor, kind: LedgerKind, record, attachment, seen_version) -> None:
    """Who may remove or replace an attachment: whoever may edit its record, while the record
    and the attachment are current and unchanged since the person looked (row-locked)."""
    check_can_edit(actor=actor, kind=kind, organisation=record.organisation)
    if attachment.record_id != record.pk or attachment.organisation_id != record.organisation_id:
        raise ValidationError("该附件不属于这条记录。")
    versions.lock(attachment, seen_version)
    if record.is_archived:
        raise ValidationError("该记录已归档，不能再修改附件。")
    if attachment.is_archived:
        raise ValidationError("该附件已移除或已被替换。")


@transaction.atomic
def attachment_archive(
    *, actor, kind: LedgerKind, record, attachment: Attachment, reason: str, seen_version=None
) -> Attachment:
    """Remove an attachment from the record's evidence; the file is kept and listed in the
    record's history (never deleted)."""
    reason = (reason or "").strip()
    _check_open(
        actor=actor, kind=kind, record=record, attachment=attachment, seen_version=seen_version
    )
    if not reason:
        raise ValidationError({"reason": "请填写移除原因。"})
    attachment.archived_at = timezone.now()
    attachment.archived_by = actor
    attachment.archive_reason = reason[:200]
    _save(attachment, actor, f"移除附件：{reason[:100]}")
    return attachment


@transaction.atomic
def attachment_replace(
    *, actor, kind: LedgerKind, record, attachment: Attachment, uploaded, seen_version=None
) -> Attachment:
    """A new file takes an attachment's place (same category); the old one is kept, marked as
    replaced by the new one."""
    _check_open(
        actor=actor, kind=kind, record=record, attachment=attachment, seen_version=seen_version
    )
    new = _attach(actor, record, uploaded, attachment.category, reason="替换附件")
    attachment.archived_at = timezone.now()
    attachment.archived_by = actor
    attachment.archive_reason = f"替换为 {new.name}"[:200]
    attachment.replaced_by = new
    _save(attachment, actor, "替换附件")
    return new


def attachments_of(record, *, removed: bool = False):
    """A record's current attachments, or (`removed`) those removed or replaced."""
    rows = Attachment.objects.filter(
        record_type=ContentType.objects.get_for_model(record), record_id=record.pk
    ).select_related("stored_file")
    return rows.removed().select_related("replaced_by") if removed else rows.current()


def attachment_history(record) -> list:
    """The record's attachment events (添加 / 替换 / 移除) as history entries, newest first, for
    the record's 修改记录 beside its own saves."""
    rows = (
        Attachment.history.filter(
            record_type=ContentType.objects.get_for_model(record), record_id=record.pk
        )
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    rows = list(rows)
    replacements = {row.replaced_by_id for row in rows if row.replaced_by_id}
    entries = []
    for row in rows:
        if row.history_type == "+" and row.id in replacements:
            continue  # told once, as the replacement of the old file
        if row.history_type == "+":
            action, change = "添加附件", FieldChange("附件", "（无）", row.name)
        elif row.replaced_by_id:
            new = Attachment.objects.filter(pk=row.replaced_by_id).first()
            action, change = "替换附件", FieldChange("附件", row.name, new.name if new else "")
        elif row.archived_at:
            action, change = "移除附件", FieldChange("附件", row.name, "（已移除，文件保留）")
        else:
            continue
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=str(row.history_user) if row.history_user else "系统",
                kind=action,
                reason=row.archive_reason if action == "移除附件" else "",
                changes=[change],
            )
        )
    return entries
