"""The database half of backup and restore: SQLite's online backup API, or pg_dump/pg_restore."""

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fazhi.operations.archive import OperationsError

# Tables `fazhi migrate` fills by itself: rows there do not make a database "in use".
SEEDED_TABLES = {"django_migrations", "django_content_type", "auth_permission"}
ENGINE_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

# SQLite's full-text search tables (fazhi.ledgers.search: a virtual table, which cannot be
# scanned, and its shadow tables) are an index of the ledger rows, not records: not counted
# (PostgreSQL's search index is an index, not a table, so the counts compare across engines).
_TABLES_SQL = {
    "sqlite": "SELECT name FROM sqlite_master AS t WHERE type = 'table' "
    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
    "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' "
    "AND NOT EXISTS (SELECT 1 FROM sqlite_master AS v WHERE v.type = 'table' "
    "AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND t.name LIKE v.name || '\\_%' ESCAPE '\\') "
    "ORDER BY name",
    "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
    "ORDER BY tablename",
}


def engine() -> str:
    if connection.vendor not in ENGINE_LABELS:
        raise OperationsError(f"不支持的数据库类型：{connection.vendor}。")
    return connection.vendor


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def cache_tables() -> set[str]:
    """The tables of database caches (settings.CACHES): passing counts such as the API's
    throttle, never records. They are neither counted nor make a database "in use"."""
    return {
        cache["LOCATION"]
        for cache in settings.CACHES.values()
        if cache["BACKEND"].endswith(".DatabaseCache")
    }


def row_counts(cursor, vendor: str) -> dict[str, int]:
    """Every table's row count (but the caches'), through any DB-API cursor on the engine."""
    cursor.execute(_TABLES_SQL[vendor])
    skipped = cache_tables()
    tables = [row[0] for row in cursor.fetchall() if row[0] not in skipped]
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def live_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return row_counts(cursor, engine())


def rows_in_use() -> dict[str, int]:
    """Tables holding data beyond what migrate seeds (empty dict: a fresh database)."""
    return {t: n for t, n in live_counts().items() if n and t not in SEEDED_TABLES}


def pending_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _refuse_inside_transaction() -> None:
    # SQLite's backup of a connection with an open write transaction waits forever, and
    # pg_dump (another session) would not see uncommitted rows.
    if connection.in_atomic_block:
        raise OperationsError("不能在未提交的事务中备份或恢复数据库。")


def dump(dest: Path) -> dict[str, int]:
    """Write the database to `dest`; return the row counts of exactly what was written."""
    _refuse_inside_transaction()
    if engine() == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(dest)
        try:
            connection.connection.backup(copy)
            return row_counts(copy.cursor(), "sqlite")
        finally:
            copy.close()
    return _pg_dump(dest)


def load(source: Path) -> None:
    """Replace the whole database with the dump at `source`, in one transaction."""
    _refuse_inside_transaction()
    if engine() == "sqlite":
        connection.ensure_connection()
        dump_db = sqlite3.connect(source)
        try:
            dump_db.backup(connection.connection)
        finally:
            dump_db.close()
    else:
        _pg_run(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        )
    ContentType.objects.clear_cache()  # ids may differ from what this process cached


def _pg_dump(dest: Path) -> dict[str, int]:
    # Count rows and dump from one exported snapshot, so the manifest matches the dump exactly
    # while the site keeps running.
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = True
        with raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = row_counts(cursor, "postgresql")
            _pg_run("pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={dest}")
            cursor.execute("COMMIT")
    finally:
        raw.close()
    return counts


def pg_client(program: str, server_major: int) -> str:
    """The path of pg_dump/pg_restore, refused in Chinese when missing or older than the server
    (an older pg_dump cannot read a newer server's catalogue)."""
    executable = shutil.which(program)
    if executable is None:
        raise OperationsError(
            f"找不到 {program}：请安装与数据库服务器版本相同的 PostgreSQL 客户端"
            f"（postgresql-client-{server_major}）。"
        )
    version = subprocess.run(
        [executable, "--version"], capture_output=True, text=True, check=False
    ).stdout
    found = re.search(r"(\d+)(?:\.\d+)*", version)
    if found is None or int(found.group(1)) < server_major:
        raise OperationsError(
            f"{program} 的版本（{version.strip() or '未知'}）低于数据库服务器的 {server_major}："
            f"请安装 postgresql-client-{server_major}。未做任何更改。"
        )
    return executable


def _pg_run(program: str, *args: str) -> None:
    connection.ensure_connection()
    executable = pg_client(program, connection.get_database_version()[0])
    connection.close()  # pg_restore drops tables: hold no idle session of ours open
    result = subprocess.run(
        [executable, *args], env=_pg_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-800:]
        raise OperationsError(f"{program} 执行失败（退出码 {result.returncode}）：{detail}")


def _pg_environment() -> dict[str, str]:
    """The connection settings as libpq variables: the password never appears in `ps`."""
    settings_dict = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    if settings_dict.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = str(settings_dict["OPTIONS"]["sslmode"])
    return env
