"""Backup → wipe → restore round trip, and refusals that change nothing (SQLite and PostgreSQL).

The data is committed (transactional tests): SQLite's backup API and pg_dump both read only
committed rows. The restore goes into the test database itself after it is wiped, with MEDIA_ROOT
and DATA_DIR moved to a temporary folder, so the live test media and secret key are never touched.
"""

import hashlib
import io
import os
import shutil
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.urls import reverse

from fazhi.ledgers.attachments import attachment_add
from fazhi.ledgers.models import Attachment
from fazhi.ledgers.registry import get_kind
from fazhi.operations import archive as fmt
from fazhi.operations import backup as backup_module
from fazhi.operations import database
from fazhi.operations import restore as restore_module
from fazhi.operations.archive import ArchiveError, OperationsError
from fazhi.operations.backup import create_backup, media_files
from fazhi.operations.database import live_counts, rows_in_use
from fazhi.operations.restore import restore_archive
from tests.bombs import MB, big_plain_file, peak_memory_growth
from tests.conftest import require
from tests.ledger_world import png_bytes
from tests.progress import RecordingBar

pytestmark = pytest.mark.django_db(transaction=True)

AUDIT_TABLE = "audit_adminaction"


def sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def media_sums(media_root: Path) -> dict[str, str]:
    return {name: sha256(path) for name, path in media_files(media_root)}


def requires_pg_tools():
    if connection.vendor == "postgresql":
        require(shutil.which("pg_dump") is not None, "pg_dump (postgresql-client) not installed")
        require(shutil.which("pg_restore") is not None, "pg_restore not installed")


@pytest.fixture
def site(request, settings, tmp_path):
    """The ledger world with several distinct uploaded files, media and key under tmp_path."""
    requires_pg_tools()
    settings.MEDIA_ROOT = str(tmp_path / "data" / "media")
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    (settings.DATA_DIR / "secret_key").write_text(settings.SECRET_KEY)
    world = request.getfixturevalue("world")
    ledger_world = request.getfixturevalue("ledger_world")
    record = ledger_world.records[("study-sessions", "A1")]
    extra = [
        ("现场照片.png", png_bytes(color=(10, 200, 30), size=(64, 48))),
        ("签到表.png", png_bytes(color=(1, 2, 3), size=(300, 200))),
        ("会议纪要.pdf", b"%PDF-1.4\n" + os.urandom(300_000) + b"\n%%EOF\n"),
    ]
    for name, data in extra:
        attachment_add(
            actor=None,
            kind=get_kind("study-sessions"),
            record=record,
            uploaded=SimpleUploadedFile(name, data),
            category="photo",
        )
    get_user_model().objects.create_superuser(username="root", password="Root-pass-2026")
    return world


def wipe(settings):
    """What a failed disk leaves: an empty, migrated database, no media, a fresh key."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    (settings.DATA_DIR / "secret_key").write_text("a-fresh-key-made-at-first-start")


def test_backup_then_restore_brings_back_every_row_file_and_download(site, settings, tmp_path):
    media_root = Path(settings.MEDIA_ROOT)
    counts_before = live_counts()
    sums_before = media_sums(media_root)
    assert len(sums_before) == 4  # ledger_world's one (shared) PNG and three distinct files

    bar = RecordingBar()
    out, manifest = create_backup(tmp_path / "backup.tar.gz", on_progress=bar)

    assert (bar.total, bar.done) == (6, 6)  # the database, the secret key, four files
    assert bar.steps[:2] == ["数据库", "密钥"]
    assert out == tmp_path / "backup.tar.gz" and out.stat().st_mode & 0o077 == 0
    assert manifest["tables"] == counts_before
    assert manifest["engine"] == connection.vendor
    assert manifest["attachments"] == 4
    assert {f"media/{name}": s for name, s in sums_before.items()} == {
        name: member["sha256"] for name, member in manifest["members"].items() if "media/" in name
    }
    assert not list(tmp_path.glob(".fazhi-backup-*"))  # nothing left beside the archive

    wipe(settings)
    assert rows_in_use() == {} and not media_root.exists()

    bar = RecordingBar()
    result = restore_archive(out, on_progress=bar)

    assert (bar.total, bar.done) == (7, 7)  # the check of the file, then its six members
    counts_after = live_counts()
    expected = dict(counts_before)
    expected[AUDIT_TABLE] += 1  # the restore's own entry (the backup's came after the dump)
    assert counts_after == expected
    assert result.tables[AUDIT_TABLE] == counts_before[AUDIT_TABLE]
    assert result.attachments == 4 and result.pending_migrations == 0
    assert media_sums(media_root) == sums_before
    assert (settings.DATA_DIR / "secret_key").read_text() == settings.SECRET_KEY
    assert "operations.restore" in [a.verb for a in _audit()]

    client = Client()
    client.force_login(get_user_model().objects.get(username="root"))
    attachments = list(Attachment.objects.select_related("stored_file"))
    assert len(attachments) == counts_before["ledgers_attachment"] > 4
    for attachment in attachments:
        response = client.get(reverse("ledgers:attachment", args=[attachment.pk]))
        assert response.status_code == 200, attachment.name
        body = b"".join(response.streaming_content)
        assert hashlib.sha256(body).hexdigest() == attachment.stored_file.sha256


def _audit():
    from fazhi.audit.models import AdminAction

    return AdminAction.objects.all()


def test_the_backup_is_recorded(site, tmp_path):
    create_backup(tmp_path / "b.tar.gz")
    entry = _audit().get(verb="operations.backup")
    assert entry.actor is None and "4 个附件文件" in entry.summary


def test_a_folder_as_out_gets_a_dated_file_name(site, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    out, _ = create_backup(folder)
    assert out.parent == folder and out.name.startswith("fazhi-backup-")
    assert out.name.endswith(".tar.gz") and [p.name for p in folder.iterdir()] == [out.name]


def _snapshot(settings):
    return (
        live_counts(),
        media_sums(Path(settings.MEDIA_ROOT)),
        (settings.DATA_DIR / "secret_key").read_text(),
    )


def _flip_a_byte(source: Path, dest: Path, where: float) -> None:
    data = bytearray(source.read_bytes())
    data[int(len(data) * where)] ^= 0x40
    dest.write_bytes(bytes(data))


@pytest.mark.parametrize("where", [0.02, 0.5, 0.97])
def test_a_flipped_byte_is_refused_and_nothing_changes(site, settings, tmp_path, where):
    out, _ = create_backup(tmp_path / "b.tar.gz")
    corrupt = tmp_path / "corrupt.tar.gz"
    _flip_a_byte(out, corrupt, where)
    before = _snapshot(settings)
    with pytest.raises(ArchiveError, match="备份文件已损坏或不完整.*未做任何更改"):
        restore_archive(corrupt, force=True)
    assert _snapshot(settings) == before
    assert not list(Path(settings.MEDIA_ROOT).parent.glob(".fazhi-restore-*"))


@pytest.mark.parametrize("keep", [0.1, 0.6, 0.999])
def test_a_truncated_archive_is_refused_and_nothing_changes(site, settings, tmp_path, keep):
    out, _ = create_backup(tmp_path / "b.tar.gz")
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(out.read_bytes()[: int(out.stat().st_size * keep)])
    before = _snapshot(settings)
    with pytest.raises(ArchiveError, match="备份文件已损坏或不完整"):
        restore_archive(truncated, force=True)
    assert _snapshot(settings) == before


def test_a_member_that_does_not_match_its_sum_is_refused(site, settings, tmp_path):
    """A well-formed archive whose attachment was swapped: only the SHA-256 check catches it."""
    out, _ = create_backup(tmp_path / "b.tar.gz")
    forged = tmp_path / "forged.tar.gz"
    with tarfile.open(out, "r:gz") as source, tarfile.open(forged, "w:gz") as dest:
        for info in source:
            data = source.extractfile(info).read()
            if info.name.startswith("media/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            dest.addfile(info, io.BytesIO(data))
    before = _snapshot(settings)
    with pytest.raises(ArchiveError, match="SHA-256 校验不符"):
        restore_archive(forged, force=True)
    assert _snapshot(settings) == before


def test_a_file_that_is_not_a_backup_is_refused(site, settings, tmp_path):
    stray = tmp_path / "notes.tar.gz"
    with tarfile.open(stray, "w:gz") as dest:
        info = tarfile.TarInfo(fmt.MANIFEST)
        info.size = 2
        dest.addfile(info, io.BytesIO(b"{}"))
    with pytest.raises(ArchiveError, match="不是法治平台的备份文件"):
        restore_archive(stray, force=True)
    with pytest.raises(ArchiveError, match="找不到备份文件"):
        restore_archive(tmp_path / "missing.tar.gz")


def test_a_non_empty_target_is_refused_without_force(site, settings, tmp_path):
    out, _ = create_backup(tmp_path / "b.tar.gz")
    before = _snapshot(settings)
    with pytest.raises(OperationsError, match="恢复目标不是空的.*--force.*未做任何更改"):
        restore_archive(out)
    assert _snapshot(settings) == before


def test_force_overwrites_and_keeps_the_old_files_aside(site, settings, tmp_path):
    out, manifest = create_backup(tmp_path / "b.tar.gz")
    media_root = Path(settings.MEDIA_ROOT)
    stray = media_root / "attachments" / "stray.txt"
    stray.write_text("added after the backup")
    result = restore_archive(out, force=True)
    assert not stray.exists() and (result.media_set_aside / "attachments" / "stray.txt").exists()
    assert result.tables == manifest["tables"]


def test_the_commands_print_what_they_did(site, settings, tmp_path, capsys):
    call_command("backup", str(tmp_path / "b.tar.gz"))
    printed, drawn = capsys.readouterr()
    assert drawn == ""  # no progress bar without a terminal
    assert "备份完成" in printed and "附件文件：4 个" in printed
    wipe(settings)
    call_command("restore", str(tmp_path / "b.tar.gz"))
    printed, drawn = capsys.readouterr()
    assert drawn == ""
    assert "恢复完成" in printed and "附件文件：4 个" in printed
    assert f"共 {sum(live_counts().values()) - 1} 行" in printed
    assert "fazhi migrate" not in printed


def test_a_backup_from_an_older_version_is_told_to_migrate(site, settings, tmp_path, capsys):
    recorder = MigrationRecorder(connection)
    latest = recorder.migration_qs.filter(app="audit").order_by("-id").first()
    latest.delete()  # as if the backup was made before this migration existed
    try:
        call_command("backup", str(tmp_path / "b.tar.gz"))
        wipe(settings)
        call_command("restore", str(tmp_path / "b.tar.gz"))
        assert "还有 1 项数据库升级，请运行 fazhi migrate" in capsys.readouterr().out
    finally:
        recorder.record_applied(latest.app, latest.name)


def _fake_client(tmp_path, monkeypatch, version_line: str):
    script = tmp_path / "pg_dump"
    script.write_text(f"#!/bin/sh\necho '{version_line}'\n")
    script.chmod(0o755)
    monkeypatch.setattr(database.shutil, "which", lambda name: str(script))


def test_a_pg_client_older_than_the_server_is_refused_in_chinese(tmp_path, monkeypatch):
    _fake_client(tmp_path, monkeypatch, "pg_dump (PostgreSQL) 13.9")
    with pytest.raises(OperationsError, match="低于数据库服务器的 15.*postgresql-client-15"):
        database.pg_client("pg_dump", 15)
    assert database.pg_client("pg_dump", 13) == str(tmp_path / "pg_dump")
    monkeypatch.setattr(database.shutil, "which", lambda name: None)
    with pytest.raises(OperationsError, match="找不到 pg_dump"):
        database.pg_client("pg_dump", 15)


def test_the_installed_pg_client_works_with_the_test_server():
    """On PostgreSQL, the pg_dump/pg_restore on PATH are at least the server's version."""
    if connection.vendor != "postgresql":
        assert database.engine() == "sqlite"  # nothing external is needed on SQLite
        return
    server_major = connection.get_database_version()[0]
    for program in ("pg_dump", "pg_restore"):
        assert database.pg_client(program, server_major)


def test_backup_and_restore_stream_a_large_file_in_bounded_memory(site, settings, tmp_path):
    media_root = Path(settings.MEDIA_ROOT)
    (media_root / "attachments" / "zz").mkdir()
    big = big_plain_file(media_root / "attachments" / "zz" / "scan", megabytes=60)
    digest = sha256(big)
    with peak_memory_growth() as growth:
        out, _ = create_backup(tmp_path / "b.tar.gz")
    assert growth.peak < 30 * MB, str(growth)
    wipe(settings)
    with peak_memory_growth() as growth:
        restore_archive(out)
    assert growth.peak < 30 * MB, str(growth)
    assert sha256(big) == digest


def test_a_failed_backup_leaves_no_half_archive_and_keeps_an_older_one(
    site, settings, tmp_path, monkeypatch
):
    out = tmp_path / "b.tar.gz"
    out.write_bytes(b"yesterday's backup")
    real = list(media_files(Path(settings.MEDIA_ROOT)))
    vanished = [("attachments/gone", Path(settings.MEDIA_ROOT) / "attachments" / "gone")]
    monkeypatch.setattr(backup_module, "media_files", lambda root: iter(real + vanished))
    with pytest.raises(OperationsError, match="备份失败.*没有写出备份文件"):
        create_backup(out)
    assert out.read_bytes() == b"yesterday's backup"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.tar.gz", "data"]
    assert not _audit().filter(verb="operations.backup").exists()


def test_too_little_disk_space_is_refused_before_anything_changes(
    site, settings, tmp_path, monkeypatch
):
    out, _ = create_backup(tmp_path / "b.tar.gz")
    wipe(settings)
    before = _snapshot(settings)
    monkeypatch.setattr(
        restore_module.shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10**9, 10**9, 1)
    )
    with pytest.raises(OperationsError, match="所在磁盘剩余 0 MB.*未做任何更改"):
        restore_archive(out)
    assert _snapshot(settings) == before


def test_inside_an_open_transaction_backup_is_refused(site, tmp_path):
    with transaction.atomic(), pytest.raises(OperationsError, match="未提交的事务"):
        create_backup(tmp_path / "b.tar.gz")
    assert not (tmp_path / "b.tar.gz").exists()
