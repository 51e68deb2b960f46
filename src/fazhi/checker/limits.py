"""Bounds a file must keep before anything parses it (size bombs and zip bombs).

Plain Python, so the checker applies them in batch outside Django too; the platform's upload guard
(fazhi.core.uploads) calls the same functions with the limits from its settings. .docx and .xlsx
are zip files: their member count, unpacked size and compression ratio are read from the central
directory and then confirmed while decompressing, never trusted alone.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from fazhi.checker.errors import CheckerInputError

MB = 1024 * 1024
# A ratio is judged only on this much unpacked data: a few KB of spaces compress a thousandfold
# and harm nobody; a bomb must be large to be one.
RATIO_FLOOR_BYTES = 1 * MB
CHUNK_BYTES = 64 * 1024
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class FileLimits:
    max_bytes: int = 20 * MB  # the file as uploaded
    max_unpacked_bytes: int = 100 * MB  # every member of a zip file together, unpacked
    max_members: int = 2000
    max_ratio: int = 100  # unpacked size over packed size, of a member and of the whole file
    max_pdf_pages: int = 300


DEFAULT_LIMITS = FileLimits()


def size_label(size: int) -> str:
    """ "25 MB", "1.5 MB", "2 KB": one decimal at most."""
    if size >= MB:
        return f"{size / MB:.1f}".rstrip("0").rstrip(".") + " MB"
    return f"{size / 1024:.1f}".rstrip("0").rstrip(".") + " KB"


def check_size(size: int, limits: FileLimits = DEFAULT_LIMITS) -> None:
    if size > limits.max_bytes:
        raise CheckerInputError(
            f"文件过大（{size_label(size)}），超过 {size_label(limits.max_bytes)} 的上限"
        )


def is_zip(data: bytes) -> bool:
    return data[:4] == ZIP_MAGIC


def _refuse_unpacked(total: int, limits: FileLimits) -> None:
    raise CheckerInputError(
        f"文件解压后超过 {size_label(limits.max_unpacked_bytes)} 的上限"
        f"（至少 {size_label(total)}），可能是恶意构造的压缩文件，已拒绝"
    )


def check_zip(data: bytes, limits: FileLimits = DEFAULT_LIMITS) -> None:
    """Refuse a zip file beyond `limits` (CheckerInputError, Chinese): first from its central
    directory, then by decompressing every member in chunks with a byte budget, so a member
    that unpacks to more than it declares is stopped there rather than believed."""
    check_size(len(data), limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise CheckerInputError("压缩文件（Word/Excel 文件）已损坏，无法打开") from error
    if len(members) > limits.max_members:
        raise CheckerInputError(
            f"文件内含 {len(members)} 个部件，超过 {limits.max_members} 个的上限，"
            "可能是恶意构造的压缩文件，已拒绝"
        )
    declared = sum(member.file_size for member in members)
    if declared > limits.max_unpacked_bytes:
        _refuse_unpacked(declared, limits)
    for member in members:
        _check_ratio(member.filename, member.file_size, member.compress_size, limits)
    _check_ratio("", declared, len(data), limits)
    _unpack_within_budget(archive, members, limits)


def _check_ratio(name: str, unpacked: int, packed: int, limits: FileLimits) -> None:
    if unpacked <= RATIO_FLOOR_BYTES:
        return
    ratio = unpacked / max(packed, 1)
    if ratio > limits.max_ratio:
        where = f"其中“{name[:80]}”" if name else "整个文件"
        raise CheckerInputError(
            f"{where}的压缩比为 {ratio:.0f} 倍，超过 {limits.max_ratio} 倍的上限，"
            "可能是恶意构造的压缩文件，已拒绝"
        )


def _unpack_within_budget(archive: zipfile.ZipFile, members, limits: FileLimits) -> None:
    # The decompressed bytes are counted, never kept: memory stays at one chunk.
    total = 0
    for member in members:
        if member.is_dir():
            continue
        unpacked = 0
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(CHUNK_BYTES):
                    unpacked += len(chunk)
                    total += len(chunk)
                    if total > limits.max_unpacked_bytes:
                        _refuse_unpacked(total, limits)
                    if unpacked > member.file_size:
                        raise CheckerInputError("文件中的部件大小与其声明不符，文件已损坏或被篡改")
        except CheckerInputError:
            raise
        except (
            zipfile.BadZipFile,
            zlib.error,
            ValueError,
            OSError,
            EOFError,
            NotImplementedError,
        ) as error:
            # zipfile raises these for a bad CRC, a truncated member, encryption, odd methods.
            raise CheckerInputError("压缩文件（Word/Excel 文件）已损坏，无法打开") from error
        except RuntimeError as error:  # an encrypted member
            raise CheckerInputError("文件已加密，无法读取") from error
