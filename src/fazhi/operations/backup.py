"""`fazhi backup`: the database, every attachment and the secret key in one verified archive."""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record
from fazhi.core.progress import NO_PROGRESS
from fazhi.operations import database
from fazhi.operations.archive import (
    DATABASE_MEMBERS,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_PREFIX,
    SECRET_KEY_MEMBER,
    HashingReader,
    OperationsError,
)


def media_files(media_root: Path):
    """(relative POSIX name, path) of every regular file under media_root, in a stable order."""
    if not media_root.is_dir():
        return
    for folder, dirs, files in os.walk(media_root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(media_root).as_posix(), path


def archive_path(out) -> Path:
    """OUT itself, or a dated file name inside OUT when it is a folder (for a daily timer)."""
    out = Path(out).expanduser().resolve()
    if out.is_dir():
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        out = out / f"fazhi-backup-{stamp}.tar.gz"
    if not out.parent.is_dir():
        raise OperationsError(f"备份目标文件夹不存在：{out.parent}")
    return out


def create_backup(out, *, on_progress=None) -> tuple[Path, dict]:
    """Write the archive; return its path and manifest. OUT appears only once it is complete.
    on_progress: a command-line bar (fazhi.core.progress), told the total and each member."""
    bar = on_progress or NO_PROGRESS
    out = archive_path(out)
    engine = database.engine()
    work = Path(tempfile.mkdtemp(prefix=".fazhi-backup-", dir=out.parent))
    try:
        files = list(media_files(Path(settings.MEDIA_ROOT)))
        bar.start(len(files) + 2)  # the database, the secret key, each attachment
        dump_path = work / "database"
        tables = database.dump(dump_path)
        partial = work / "archive.partial"
        members: dict[str, dict] = {}
        attachments = 0
        with tarfile.open(partial, mode="w:gz", compresslevel=6) as archive:
            _add_file(archive, DATABASE_MEMBERS[engine], dump_path, members)
            bar.advance("数据库")
            _add_bytes(archive, SECRET_KEY_MEMBER, settings.SECRET_KEY.encode(), members)
            bar.advance("密钥")
            for name, path in files:
                _add_file(archive, MEDIA_PREFIX + name, path, members)
                attachments += 1
                bar.advance(name)
            manifest = {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "engine": engine,
                "created": timezone.now().isoformat(),
                "tables": tables,
                "attachments": attachments,
                "members": members,
            }
            text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
            _add_bytes(archive, MANIFEST, text.encode("utf-8"), {})
        dump_path.unlink()
        partial.chmod(0o600)  # it holds the secret key and personal data
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, out)
    except (OSError, sqlite3.Error) as error:  # a full disk, an unreadable file
        raise OperationsError(f"备份失败（{error}），没有写出备份文件 {out.name}。") from error
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with transaction.atomic():
        record(
            None,
            "operations.backup",
            f"备份到 {out.name}：{len(tables)} 张表共 {sum(tables.values())} 行，"
            f"{attachments} 个附件文件",
            detail={"path": str(out), "engine": engine, "attachments": attachments},
        )
    return out, manifest


def _tarinfo(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o600
    return info


def _add_file(archive: tarfile.TarFile, name: str, path: Path, members: dict) -> None:
    with open(path, "rb") as raw:
        stat = os.fstat(raw.fileno())
        reader = HashingReader(raw)
        try:
            archive.addfile(_tarinfo(name, stat.st_size, stat.st_mtime), reader)
        except OSError as error:  # the file shrank while it was read
            message = f"读取 {path} 时出错（文件在备份过程中被改动？）：{error}"
            raise OperationsError(message) from error
    members[name] = {"sha256": reader.sha256.hexdigest(), "size": reader.size}


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes, members: dict) -> None:
    archive.addfile(_tarinfo(name, len(data), datetime.now().timestamp()), io.BytesIO(data))
    if members is not None:
        members[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
