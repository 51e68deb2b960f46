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
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
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


@pytest.fixture
def target(pg_server):
    """A new empty database on the server, dropped afterwards."""
    name = f"fazhi_move_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield _with_database(pg_server, name)
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _pg(url: str, sql: str) -> list[tuple]:
    with psycopg.connect(url) as connection:
        return connection.execute(sql).fetchall()


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


@pytest.fixture
def install(built, tmp_path):
    """A private copy of the built installation, so a test may spoil it."""
    data_dir = tmp_path / "data"
    shutil.copytree(built, data_dir)
    path = data_dir / "fazhi.sqlite3"
    return {"env": _env(data_dir, f"sqlite:///{path}"), "path": path}


def _sqlite(install: dict, sql: str) -> list[tuple]:
    with sqlite3.connect(install["path"]) as connection:
        return connection.execute(sql).fetchall()


def _sqlite_tables(install: dict) -> set[str]:
    rows = _sqlite(install, "SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for (name,) in rows if not name.startswith("sqlite_")}


# --- tests -----------------------------------------------------------------------------------


def test_every_table_and_row_moves(install, target):
    out = _fazhi(install, "move-to-postgres", target, "--quiet")
    assert out.returncode == 0, out.stderr
    assert "迁移完成" in out.stdout
    assert "DATABASE_URL" in out.stdout

    tables = _sqlite_tables(install)
    assert tables == _pg_tables(target)
    counts = {}
    for table in sorted(tables - {"django_migrations"}):
        (source,), = _sqlite(install, f'SELECT COUNT(*) FROM "{table}"')
        (moved,), = _pg(target, f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = (source, moved)
    assert {t: c for t, c in counts.items() if c[0] != c[1]} == {}
    # The world really is in there: history, people, ledgers, permissions.
    for table in ("orgs_organisation", "accounts_user", "django_content_type", "auth_permission"):
        assert counts[table][0] > 0, table
    history = [t for t in tables if "_historical" in t and counts.get(t, (0,))[0] > 0]
    assert history, "the world leaves history rows behind"


def test_rows_keep_their_ids_and_values(install, target):
    assert _fazhi(install, "move-to-postgres", target, "--quiet").returncode == 0
    samples = {
        "orgs_organisation": "id, code, name, parent_id, path",
        "accounts_user": "id, username, password, is_active",
        "django_content_type": "id, app_label, model",
        "auth_permission": "id, content_type_id, codename",
    }
    for table, columns in samples.items():
        source = _sqlite(install, f"SELECT {columns} FROM {table} ORDER BY id")
        moved = _pg(target, f"SELECT {columns} FROM {table} ORDER BY id")
        if table == "accounts_user":  # SQLite stores booleans as 0/1
            moved = [(*row[:-1], int(row[-1])) for row in moved]
        assert moved == source, table


def test_new_records_can_be_created_after_the_move(install, target):
    assert _fazhi(install, "move-to-postgres", target, "--quiet").returncode == 0
    # Every identity sequence stands at or past its table's largest id.
    behind = _pg(
        target,
        """
        SELECT c.table_name FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND c.column_name = 'id' AND c.is_identity = 'YES'
        """,
    )
    assert behind
    for (table,) in behind:
        (largest,), = _pg(target, f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
        (last,), = _pg(
            target,
            f"SELECT COALESCE(last_value, 0) FROM pg_sequences "
            f"WHERE sequencename = pg_get_serial_sequence('\"{table}\"', 'id')::regclass::text",
        ) or [(0,)]
        assert last >= largest, table

    (max_org,), = _sqlite(install, "SELECT MAX(id) FROM orgs_organisation")
    (max_user,), = _sqlite(install, "SELECT MAX(id) FROM accounts_user")
    env = {**install["env"], "DATABASE_URL": target}
    out = _run(env, "-c", NEW_RECORDS.replace('"880001"', _county_code(install)))
    assert out.returncode == 0, out.stderr
    org_id, user_id = map(int, out.stdout.split())
    assert org_id > max_org and user_id > max_user


def _county_code(install) -> str:
    (code,), = _sqlite(install, "SELECT code FROM orgs_organisation WHERE parent_id IS NULL LIMIT 1")
    return f'"{code}"'


def test_a_non_empty_target_is_refused_and_left_alone(install, target):
    _pg(target, "CREATE TABLE keep_me (x int); INSERT INTO keep_me VALUES (42); COMMIT")
    out = _fazhi(install, "move-to-postgres", target)
    assert out.returncode != 0
    assert "目标数据库不是空的" in out.stderr
    assert _pg_tables(target) == {"keep_me"}
    assert _pg(target, "SELECT x FROM keep_me") == [(42,)]
    # --force replaces only a Fazhi database, never someone else's.
    out = _fazhi(install, "move-to-postgres", target, "--force")
    assert out.returncode != 0 and "不是 Fazhi 的数据库" in out.stderr
    assert _pg_tables(target) == {"keep_me"}


def test_force_replaces_an_earlier_move(install, target):
    assert _fazhi(install, "move-to-postgres", target, "--quiet").returncode == 0
    _pg(target, "DELETE FROM django_session; UPDATE orgs_organisation SET name = 'x'; COMMIT")
    assert _fazhi(install, "move-to-postgres", target, "--quiet").returncode != 0
    out = _fazhi(install, "move-to-postgres", target, "--quiet", "--force")
    assert out.returncode == 0, out.stderr
    names = _sqlite(install, "SELECT name FROM orgs_organisation ORDER BY id")
    assert _pg(target, "SELECT name FROM orgs_organisation ORDER BY id") == names


def test_a_failure_halfway_leaves_the_target_empty(install, target):
    # SQLite does not enforce lengths; PostgreSQL refuses the over-long code mid-copy.
    with sqlite3.connect(install["path"]) as connection:
        connection.execute("UPDATE orgs_organisation SET code = printf('%.300c', 'x') WHERE id = "
                           "(SELECT MAX(id) FROM orgs_organisation)")
    out = _fazhi(install, "move-to-postgres", target)
    assert out.returncode != 0
    assert "orgs_organisation" in out.stderr and "未做任何改动" in out.stderr
    assert _pg_tables(target) == set()


def test_the_live_database_is_left_unchanged(install, target):
    def counts():
        return {t: _sqlite(install, f'SELECT COUNT(*) FROM "{t}"') for t in _sqlite_tables(install)}

    before = counts()
    names = _sqlite(install, "SELECT id, name FROM orgs_organisation ORDER BY id")
    assert _fazhi(install, "move-to-postgres", target, "--quiet").returncode == 0
    assert counts() == before
    assert _sqlite(install, "SELECT id, name FROM orgs_organisation ORDER BY id") == names


def test_a_bad_address_is_refused(install):
    out = _fazhi(install, "move-to-postgres", "sqlite:///tmp/x.sqlite3")
    assert out.returncode != 0 and "必须是 PostgreSQL" in out.stderr
    out = _fazhi(install, "move-to-postgres", "postgres://nobody:x@127.0.0.1:1/none")
    assert out.returncode != 0 and "无法连接目标数据库" in out.stderr
