"""`fazhi move-to-postgres`: a real SQLite installation (a data folder with the `world` and its
ledgers, built in a child process) moved into a fresh PostgreSQL database.

Everything runs through `python -m fazhi` in child processes against files and servers of its
own, so the test means the same whichever database the suite itself runs on. PostgreSQL is the
suite's server when it runs on one, else a throwaway server (scripts/postgres-throwaway.sh);
without server binaries the tests skip locally and fail under CI=true.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]

BUILD_WORLD = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.world import build_world
from tests.ledger_world import build_ledger_world
build_ledger_world(build_world())
"""

NEW_RECORDS = """
import django
django.setup()
from django.contrib.auth import get_user_model
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level
from fazhi.orgs.services import organisation_create
county = Organisation.objects.get(code="880001")
town = organisation_create(actor=None, code="880001109", name="新建镇", level=Level.TOWNSHIP,
                           parent=county)
user = get_user_model().objects.create_user(username="after.move", password="Move-pass-2026")
print(town.pk, user.pk)
"""


def _env(data_dir: Path, database_url: str) -> dict:
    return {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
        # The test settings only for their fast password hasher (the world has no attachments).
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "FAZHI_DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "DEBUG": "1",
    }


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def _fazhi(install: dict, *args: str) -> subprocess.CompletedProcess:
    return _run(install["env"], "-m", "fazhi", *args)


# --- PostgreSQL ------------------------------------------------------------------------------


def _start_throwaway() -> tuple[str, str] | None:
    script = ROOT / "scripts" / "postgres-throwaway.sh"
    out = subprocess.run(
        ["bash", "-c", f'source "{script}" >&2 || exit 1; echo "$DATABASE_URL $PG_THROWAWAY_DIR"'],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        return None
    url, directory = out.stdout.split()
    return url, directory


def _stop_throwaway(directory: str) -> None:
    pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))[-1]
    command = [str(pg_bin / "pg_ctl"), "-D", f"{directory}/data", "-m", "fast", "stop"]
    if os.getuid() == 0:
        command = ["runuser", "-u", Path(directory).owner(), "--", *command]
    subprocess.run(command, check=False, capture_output=True)
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def pg_server():
    """A URL to a database on a PostgreSQL server we may create databases on."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        yield url
        return
    started = _start_throwaway()
    require(started is not None, "PostgreSQL server binaries not installed (Debian postgresql)")
    url, directory = started
    try:
        yield url
    finally:
        _stop_throwaway(directory)


def _with_database(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


@contextmanager
def _new_database(server_url: str):
    name = f"fazhi_move_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(server_url, name)
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def target(pg_server):
    """A new empty database on the server, dropped afterwards."""
    with _new_database(pg_server) as url:
        yield url


def _pg(url: str, sql: str) -> list[tuple]:
    with psycopg.connect(url, autocommit=True) as connection:
        cursor = connection.execute(sql)
        return cursor.fetchall() if cursor.description else []


def _pg_tables(url: str) -> set[str]:
    rows = _pg(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    return {name for (name,) in rows}


# --- the SQLite installation -----------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A data folder with a migrated SQLite database holding the world and its ledgers."""
    data_dir = tmp_path_factory.mktemp("sqlite-install")
    env = _env(data_dir, f"sqlite:///{data_dir / 'fazhi.sqlite3'}")
    out = _run(env, "-c", BUILD_WORLD)
    assert out.returncode == 0, out.stderr
    return data_dir


def _copy_install(built: Path, data_dir: Path) -> dict:
    shutil.copytree(built, data_dir)
    path = data_dir / "fazhi.sqlite3"
    return {"env": _env(data_dir, f"sqlite:///{path}"), "path": path}


@pytest.fixture
def install(built, tmp_path):
    """A private copy of the built installation, so a test may spoil it."""
    return _copy_install(built, tmp_path / "data")


@pytest.fixture(scope="module")
def moved(built, pg_server, tmp_path_factory):
    """One move shared by the tests that only read (a move migrates PostgreSQL: ~30 s)."""
    install = _copy_install(built, tmp_path_factory.mktemp("moved") / "data")
    counts = _all_counts(install)
    with _new_database(pg_server) as url:
        out = _fazhi(install, "move-to-postgres", url, "--quiet")
        yield {"install": install, "target": url, "out": out, "counts_before": counts}


def _sqlite(install: dict, sql: str) -> list[tuple]:
    with sqlite3.connect(install["path"]) as connection:
        return connection.execute(sql).fetchall()


def _sqlite_tables(install: dict) -> set[str]:
    """The tables of records: not SQLite's own, nor the full-text search index (a virtual table
    and its shadow tables, rebuilt from the records; PostgreSQL's is an index)."""
    rows = _sqlite(install, "SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    virtual = {name for name, sql in rows if sql.startswith("CREATE VIRTUAL TABLE")}
    assert virtual, "the ledgers' search tables are expected in the SQLite database"
    return {
        name
        for name, _ in rows
        if not name.startswith("sqlite_")
        and name not in virtual
        and not any(name.startswith(f"{table}_") for table in virtual)
    }


def _all_counts(install: dict) -> dict[str, int]:
    tables = sorted(_sqlite_tables(install) - {"django_migrations"})
    return {t: _sqlite(install, f'SELECT COUNT(*) FROM "{t}"')[0][0] for t in tables}


# --- tests -----------------------------------------------------------------------------------


def test_every_table_and_row_moves(moved):
    install, target, out = moved["install"], moved["target"], moved["out"]
    assert out.returncode == 0, out.stderr
    assert "迁移完成" in out.stdout
    password = target.split(":")[2].split("@")[0]
    assert f"DATABASE_URL={target.replace(password, '<密码>')}" in out.stdout
    assert password not in out.stdout

    tables = _sqlite_tables(install)
    assert tables == _pg_tables(target)
    counts = {}
    for table, source in _all_counts(install).items():
        ((moved_rows,),) = _pg(target, f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = (source, moved_rows)
    # The one row more: the new database's audit trail records the move itself.
    source, moved_rows = counts.pop("audit_adminaction")
    assert moved_rows == source + 1
    assert {t: c for t, c in counts.items() if c[0] != c[1]} == {}
    assert _pg(target, "SELECT verb, actor_id FROM audit_adminaction ORDER BY id DESC LIMIT 1") == [
        ("operations.move_to_postgres", None)
    ]
    # The world really is in there: history, people, ledgers, permissions.
    for table in ("orgs_organisation", "accounts_user", "django_content_type", "auth_permission"):
        assert counts[table][0] > 0, table
    history = [t for t in tables if "_historical" in t and counts[t][0] > 0]
    assert len(history) >= 3, "the world leaves history rows behind"


def test_rows_keep_their_ids_and_values(moved):
    install, target = moved["install"], moved["target"]
    samples = {
        "orgs_organisation": "id, code, name, parent_id, path",
        "accounts_user": "id, username, password, is_active",
        "django_content_type": "id, app_label, model",
        "auth_permission": "id, content_type_id, codename",
        "orgs_historicalorganisation": "history_id, id, name, history_type",
    }
    for table, columns in samples.items():
        source = _sqlite(install, f"SELECT {columns} FROM {table} ORDER BY 1")
        copied = _pg(target, f"SELECT {columns} FROM {table} ORDER BY 1")
        if table == "accounts_user":  # SQLite stores booleans as 0/1
            copied = [(*row[:-1], int(row[-1])) for row in copied]
        assert source and copied == source, table


def test_the_live_database_is_left_unchanged(moved):
    assert _all_counts(moved["install"]) == moved["counts_before"]


def test_the_moved_records_are_keyed_by_their_county(moved):
    """The COPY fires the ledger tables' triggers: their county-keyed search column
    (fazhi.ledgers.search) is filled, which needs the organisations copied first."""
    from importlib import import_module

    tables = import_module("fazhi.ledgers.migrations.0005_county_keyed_search").TABLES
    keyed = wrong = 0
    for table in tables:
        ((rows, unkeyed),) = _pg(
            moved["target"],
            f"SELECT count(*), count(*) FILTER (WHERE search_scope IS DISTINCT FROM "
            f'fazhi_search_scope(organisation_id) OR search_scope IS NULL) FROM "{table}"',
        )
        keyed, wrong = keyed + rows, wrong + unkeyed
    assert keyed > 20 and wrong == 0


def test_new_records_can_be_created_after_the_move(moved):
    install, target = moved["install"], moved["target"]
    # Every identity sequence stands at or past its table's largest id.
    tables = _pg(
        target,
        "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public'"
        " AND column_name IN ('id', 'history_id') AND is_identity = 'YES'",
    )
    assert len(tables) > 50
    behind = []
    for (table,) in tables:
        column = "history_id" if "_historical" in table else "id"
        ((largest, next_id),) = _pg(
            target,
            f"SELECT COALESCE(MAX({column}), 0),"
            f" nextval(pg_get_serial_sequence('\"{table}\"', '{column}')) FROM \"{table}\"",
        )
        if next_id <= largest:
            behind.append(table)
    assert behind == []

    ((max_org,),) = _sqlite(install, "SELECT MAX(id) FROM orgs_organisation")
    ((max_user,),) = _sqlite(install, "SELECT MAX(id) FROM accounts_user")
    ((county,),) = _sqlite(install, "SELECT code FROM orgs_organisation ORDER BY id LIMIT 1")
    env = {**install["env"], "DATABASE_URL": target}
    out = _run(env, "-c", NEW_RECORDS.replace("880001", county))
    assert out.returncode == 0, out.stderr
    org_id, user_id = map(int, out.stdout.split())
    assert org_id > max_org and user_id > max_user


def test_a_non_empty_target_is_refused_and_left_alone(install, target):
    _pg(target, "CREATE TABLE keep_me (x int); INSERT INTO keep_me VALUES (42)")
    out = _fazhi(install, "move-to-postgres", target)
    assert out.returncode != 0
    assert "目标数据库不是空的" in out.stderr
    assert _pg_tables(target) == {"keep_me"}
    assert _pg(target, "SELECT x FROM keep_me") == [(42,)]
    # --force replaces only a Fazhi database, never someone else's.
    out = _fazhi(install, "move-to-postgres", target, "--force")
    assert out.returncode != 0 and "不是 Fazhi 的数据库" in out.stderr
    assert _pg_tables(target) == {"keep_me"}


def test_force_replaces_an_earlier_move(moved):
    install, target = moved["install"], moved["target"]
    _pg(target, "UPDATE orgs_organisation SET name = 'x'")
    out = _fazhi(install, "move-to-postgres", target, "--quiet")
    assert out.returncode != 0 and "目标数据库不是空的" in out.stderr
    out = _fazhi(install, "move-to-postgres", target, "--quiet", "--force")
    assert out.returncode == 0, out.stderr
    names = _sqlite(install, "SELECT name FROM orgs_organisation ORDER BY id")
    assert _pg(target, "SELECT name FROM orgs_organisation ORDER BY id") == names
    assert _pg(target, "SELECT COUNT(*) FROM accounts_user") == _sqlite(
        install, "SELECT COUNT(*) FROM accounts_user"
    )


def test_a_failure_halfway_leaves_the_target_empty(install, target):
    # SQLite does not enforce lengths; PostgreSQL refuses the over-long code mid-copy.
    with sqlite3.connect(install["path"]) as connection:
        connection.execute(
            "UPDATE orgs_organisation SET code = printf('%.300c', 'x')"
            " WHERE id = (SELECT MAX(id) FROM orgs_organisation)"
        )
    out = _fazhi(install, "move-to-postgres", target)
    assert out.returncode != 0
    assert "orgs_organisation" in out.stderr and "未做任何改动" in out.stderr
    assert _pg_tables(target) == set()


def test_a_bad_address_is_refused(install):
    out = _fazhi(install, "move-to-postgres", "sqlite:///tmp/x.sqlite3")
    assert out.returncode != 0 and "必须是 PostgreSQL" in out.stderr
    out = _fazhi(install, "move-to-postgres", "postgres://nobody:x@127.0.0.1:1/none")
    assert out.returncode != 0 and "无法连接目标数据库" in out.stderr


def test_a_busy_live_database_is_refused(install, target):
    # The running service holds the write lock: the move waits its timeout, then says why.
    holder = sqlite3.connect(install["path"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        env = {**install["env"], "DATABASE_LOCK_WAIT_SECONDS": "1"}
        out = _run(env, "-m", "fazhi", "move-to-postgres", target)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert out.returncode != 0
    assert "请先停止 Fazhi 服务" in out.stderr
    assert _pg_tables(target) == set()
