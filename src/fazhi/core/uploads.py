"""The one guard every upload passes before anything parses or stores it: reports to check,
ledger imports and attachments. Size first, then for zip files (.docx, .xlsx, ...) member
count, unpacked size and compression ratio (fazhi.checker.limits, which `fazhi check` applies
outside Django too), with the limits from settings."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from fazhi.checker.errors import CheckerInputError
from fazhi.checker.limits import DEFAULT_LIMITS, FileLimits, check_size, check_zip, is_zip


def upload_limits() -> FileLimits:
    def setting(name: str, default: int) -> int:
        return int(getattr(settings, name, default))

    return FileLimits(
        max_bytes=setting("FAZHI_UPLOAD_MAX_BYTES", DEFAULT_LIMITS.max_bytes),
        max_unpacked_bytes=setting(
            "FAZHI_UPLOAD_MAX_UNPACKED_BYTES", DEFAULT_LIMITS.max_unpacked_bytes
        ),
        max_members=setting("FAZHI_UPLOAD_MAX_MEMBERS", DEFAULT_LIMITS.max_members),
        max_ratio=setting("FAZHI_UPLOAD_MAX_RATIO", DEFAULT_LIMITS.max_ratio),
        max_pdf_pages=setting("FAZHI_UPLOAD_MAX_PDF_PAGES", DEFAULT_LIMITS.max_pdf_pages),
    )


def read_upload(uploaded, limits: FileLimits | None = None) -> bytes:
    """The bytes of an upload (a Django UploadedFile or anything with size/read) once it is
    within the limits; ValidationError with a Chinese message otherwise. Nothing beyond the
    size limit is ever read into memory."""
    limits = limits or upload_limits()
    try:
        check_size(uploaded.size, limits)
    except CheckerInputError as error:
        raise ValidationError(f"{error.message}。") from error
    data = uploaded.read(uploaded.size + 1)
    check_upload_bytes(data, limits)
    return data


def check_upload_bytes(data: bytes, limits: FileLimits | None = None) -> None:
    """The same guard on bytes already read (for services given bytes, e.g. an import)."""
    limits = limits or upload_limits()
    try:
        check_size(len(data), limits)
        if is_zip(data):
            check_zip(data, limits)
    except CheckerInputError as error:
        raise ValidationError(f"{error.message}。") from error


class SizeLimitedUploadHandler(FileUploadHandler):
    """The first upload handler (settings.FILE_UPLOAD_HANDLERS): passes a file on to Django's own
    handlers until it outgrows the upload limit, then swallows the rest and hands the view an
    empty stand-in that keeps the real size. Nothing past the limit reaches memory or disk,
    and read_upload still refuses the file naming its size."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > upload_limits().max_bytes:
            return None  # the handlers after this one get no more of this file
        return raw_data

    def file_complete(self, file_size):
        if file_size <= upload_limits().max_bytes:
            return None  # an ordinary file: the next handler has it whole
        return UploadedFile(
            io.BytesIO(), self.file_name, self.content_type, file_size, self.charset
        )
