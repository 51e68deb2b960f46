"""The backup archive: a gzip-compressed tar of the database, media and secret key, with a
manifest (the last member) naming every other member's SHA-256 and size.

Tar because it streams both ways (no central directory held in memory, no seek on write), keeps
file modes, and any Linux machine can list it with `tar -tzf`; gzip because the database dump
compresses well and its CRC catches a flipped byte even before the SHA-256 check does.
"""

import hashlib
import json
import tarfile
import zlib
from contextlib import contextmanager
from pathlib import PurePosixPath

FORMAT = "fazhi-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SECRET_KEY_MEMBER = "secret_key"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"sqlite": "database/fazhi.sqlite3", "postgresql": "database/fazhi.pgdump"}
CHUNK = 1024 * 1024


class OperationsError(Exception):
    """A backup or restore refused; the message is Chinese and says what was (not) changed."""


class ArchiveError(OperationsError):
    """The archive cannot be used; the message is Chinese and names the reason."""


class HashingReader:
    """Wraps a file so whatever reads it (tarfile) also computes its SHA-256 and length."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, n=-1):
        data = self.raw.read(n)
        self.sha256.update(data)
        self.size += len(data)
        return data


def file_digest(fileobj) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := fileobj.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


def _damaged(detail: str) -> ArchiveError:
    return ArchiveError(f"备份文件已损坏或不完整（{detail}），未做任何更改。")


@contextmanager
def reading(path):
    """Turn any failure to read the archive (truncated, corrupt, missing) into ArchiveError."""
    try:
        yield
    except FileNotFoundError as error:
        raise ArchiveError(f"找不到备份文件：{path}") from error
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise _damaged(_reason(error)) from error


def _reason(error: Exception) -> str:
    text = str(error).lower()
    if isinstance(error, EOFError) or "unexpected end" in text or "truncated" in text:
        return "文件在中途结束，可能没有复制完整"
    if isinstance(error, zlib.error) or "crc" in text or "gzip" in text or "checksum" in text:
        return "压缩数据校验失败，文件内容有改动"
    if isinstance(error, tarfile.TarError):
        return "不是有效的归档文件"
    return f"无法读取：{error}"


def iter_members(path):
    """Yield (TarInfo, file object) for each regular file, reading the archive once in order.

    Use inside `reading(path)`: the stream is decompressed as the caller reads.
    """
    with tarfile.open(path, mode="r|gz") as archive:
        for info in archive:
            if info.isdir():
                continue
            if not info.isfile():
                raise _damaged(f"含有不允许的成员 {info.name}")
            if not safe_member_name(info.name):
                raise _damaged(f"含有不安全的路径 {info.name}")
            yield info, archive.extractfile(info)


def verify(path) -> dict:
    """Read the whole archive once; return its manifest when every member matches it."""
    seen: dict[str, dict] = {}
    manifests: list = []
    with reading(path):
        _read_all(path, seen, manifests)
    if not manifests:
        raise _damaged("缺少清单 manifest.json，文件可能被截断")
    _check_manifest(manifests[0], seen)
    return manifests[0]


def _read_all(path, seen: dict, manifest_holder: list) -> None:
    for info, fileobj in iter_members(path):
        if info.name == MANIFEST:
            try:
                manifest_holder.append(json.loads(fileobj.read(16 * CHUNK).decode("utf-8")))
            except (UnicodeDecodeError, ValueError) as error:
                raise _damaged("清单无法解析") from error
            continue
        if manifest_holder:
            raise _damaged(f"清单之后还有成员 {info.name}")
        if info.name in seen:
            raise _damaged(f"成员 {info.name} 重复")
        sha256, size = file_digest(fileobj)
        seen[info.name] = {"sha256": sha256, "size": size}


def _check_manifest(manifest: dict, seen: dict) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError("这不是法治平台的备份文件（清单格式不符），未做任何更改。")
    if manifest.get("version") != FORMAT_VERSION:
        raise ArchiveError(
            f"备份格式版本 {manifest.get('version')} 不受支持（本程序支持版本 {FORMAT_VERSION}），"
            "未做任何更改。"
        )
    engine = manifest.get("engine")
    members = manifest.get("members")
    if engine not in DATABASE_MEMBERS or not isinstance(members, dict):
        raise _damaged("清单内容不完整")
    if not isinstance(manifest.get("tables"), dict):
        raise _damaged("清单缺少各表行数")
    for required in (DATABASE_MEMBERS[engine], SECRET_KEY_MEMBER):
        if required not in members:
            raise _damaged(f"清单缺少 {required}")
    missing = sorted(set(members) - set(seen))
    extra = sorted(set(seen) - set(members))
    if missing:
        raise _damaged(f"缺少 {len(missing)} 个文件，例如 {missing[0]}")
    if extra:
        raise _damaged(f"有清单之外的文件 {extra[0]}")
    for name, expected in members.items():
        actual = seen[name]
        if expected.get("sha256") != actual["sha256"] or expected.get("size") != actual["size"]:
            raise _damaged(f"{name} 的 SHA-256 校验不符")
