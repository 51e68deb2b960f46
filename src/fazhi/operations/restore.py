"""`fazhi restore`: check the whole archive first, then put back database, attachments, key."""

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record
from fazhi.core.progress import NO_PROGRESS
from fazhi.operations import archive as fmt
from fazhi.operations import database
from fazhi.operations.archive import ArchiveError, OperationsError
from fazhi.operations.backup import media_files


@dataclass
class Restored:
    manifest: dict
    tables: dict = field(default_factory=dict)
    attachments: int = 0
    media_set_aside: Path | None = None
    secret_key_path: Path | None = None
    pending_migrations: int = 0  # the backup came from an older version of Fazhi

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def restore_archive(path, *, force: bool = False, on_progress=None) -> Restored:
    """on_progress: a command-line bar (fazhi.core.progress), told the total and each step:
    the check of the whole file, then each member written."""
    bar = on_progress or NO_PROGRESS
    path = Path(path).expanduser().resolve()
    bar.start(None)
    bar.advance("校验备份文件", 0)
    manifest = fmt.verify(path)  # every byte checked before anything is touched
    bar.start(len(manifest["members"]) + 1)
    bar.advance("已校验")
    engine = database.engine()
    if manifest["engine"] != engine:
        raise OperationsError(
            f"这份备份来自 {database.ENGINE_LABELS[manifest['engine']]} 数据库，当前使用的是 "
            f"{database.ENGINE_LABELS[engine]}，不能直接恢复（换数据库请用 move-to-postgres）。"
            "未做任何更改。"
        )
    media_root = Path(settings.MEDIA_ROOT)
    data_dir = Path(settings.DATA_DIR)
    if not force:
        _require_empty_target(media_root)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    _require_space(manifest, media_root.parent)
    # Staged beside the media folder, so putting it in place is a rename on one file system.
    work = Path(tempfile.mkdtemp(prefix=".fazhi-restore-", dir=media_root.parent))
    try:
        try:
            _extract(path, manifest, work, bar)
        except OSError as error:
            raise OperationsError(f"解开备份时出错（{error}），未做任何更改。") from error
        database.load(work / "database")
        result = Restored(manifest=manifest, tables=database.live_counts())
        result.attachments = sum(1 for name in manifest["members"] if name.startswith("media/"))
        try:
            result.media_set_aside = _put_media_in_place(work / "media", media_root)
            result.secret_key_path = _put_secret_key_in_place(work / "secret_key", data_dir)
        except OSError as error:
            raise OperationsError(
                f"数据库已恢复，但附件或密钥没能放到位（{error}）。"
                "请修正文件夹权限或空间后，用 --force 重新恢复。"
            ) from error
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _check_counts(manifest["tables"], result.tables)
    result.pending_migrations = database.pending_migrations()
    with transaction.atomic():
        record(
            None,
            "operations.restore",
            f"从 {path.name} 恢复：{len(result.tables)} 张表共 {result.rows} 行，"
            f"{result.attachments} 个附件文件（备份于 {manifest['created'][:19]}）",
            detail={"path": str(path), "engine": engine, "force": force},
        )
    return result


def _require_empty_target(media_root: Path) -> None:
    in_use = database.rows_in_use()
    files = sum(1 for _ in media_files(media_root))
    if not in_use and not files:
        return
    found = []
    if in_use:
        table, rows = max(in_use.items(), key=lambda item: item[1])
        found.append(f"数据库已有数据（{len(in_use)} 张表有记录，如 {table} 有 {rows} 行）")
    if files:
        found.append(f"附件文件夹 {media_root} 已有 {files} 个文件")
    raise OperationsError(
        "恢复目标不是空的："
        + "；".join(found)
        + "。恢复会覆盖这些数据；确认要覆盖请先用 fazhi backup 备份当前数据，"
        "再加 --force（原有附件会移到旁边的文件夹保留）。未做任何更改。"
    )


def _require_space(manifest: dict, folder: Path) -> None:
    needed = sum(member["size"] for member in manifest["members"].values())
    free = shutil.disk_usage(folder).free
    if free < needed * 1.1 + 50 * 1024 * 1024:
        raise OperationsError(
            f"{folder} 所在磁盘剩余 {free // 2**20} MB，恢复需要约 {needed * 11 // 10 // 2**20} MB"
            "（先解开到临时文件夹再替换）。请腾出空间后重试。未做任何更改。"
        )


def _extract(path: Path, manifest: dict, work: Path, bar) -> None:
    """Write every member into `work`, checking each SHA-256 again as it is written."""
    engine_member = fmt.DATABASE_MEMBERS[manifest["engine"]]
    (work / "media").mkdir()
    with fmt.reading(path):
        for info, fileobj in fmt.iter_members(path):
            if info.name == fmt.MANIFEST:
                continue
            if info.name == engine_member:
                target = work / "database"
            elif info.name == fmt.SECRET_KEY_MEMBER:
                target = work / "secret_key"
            else:
                target = work / "media" / info.name.removeprefix(fmt.MEDIA_PREFIX)
                target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as out:
                reader = fmt.HashingReader(fileobj)
                shutil.copyfileobj(reader, out, fmt.CHUNK)
            expected = manifest["members"][info.name]
            if reader.sha256.hexdigest() != expected["sha256"]:
                # Changed since it was verified: the live data is still untouched.
                raise ArchiveError(f"{info.name} 在读取过程中校验不符，未做任何更改。")
            bar.advance(info.name.removeprefix(fmt.MEDIA_PREFIX))


def _put_media_in_place(staged: Path, media_root: Path) -> Path | None:
    """Swap the restored attachments in; files already there (with --force) are kept aside."""
    set_aside = None
    if media_root.exists():
        if any(True for _ in media_files(media_root)):
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            set_aside = media_root.with_name(f"{media_root.name}.before-restore-{stamp}")
            os.replace(media_root, set_aside)
        else:
            shutil.rmtree(media_root)
    os.replace(staged, media_root)
    return set_aside


def _put_secret_key_in_place(staged: Path, data_dir: Path) -> Path:
    target = data_dir / "secret_key"
    staged.chmod(0o600)
    shutil.move(staged, data_dir / ".secret_key.restoring")
    os.replace(data_dir / ".secret_key.restoring", target)
    return target


def _check_counts(expected: dict, actual: dict) -> None:
    wrong = [
        f"{table}（应为 {rows} 行，实际 {actual.get(table)} 行）"
        for table, rows in sorted(expected.items())
        if actual.get(table) != rows
    ]
    if wrong:
        raise OperationsError(
            f"恢复后有 {len(wrong)} 张表的行数与备份清单不符："
            + "；".join(wrong[:5])
            + "。请勿使用这份数据，重新恢复或联系技术支持。"
        )
