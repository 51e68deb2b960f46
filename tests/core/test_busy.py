"""A locked database is never a 500: writers wait for the lock, and past the wait the user gets
系统繁忙 (503) with what they typed kept.

The lock is real. On SQLite the test database is copied to a file (the test database itself is
in memory, where SQLite's shared cache refuses at once instead of waiting) and a second
connection holds BEGIN IMMEDIATE on it, as a long import would. On PostgreSQL a second
connection holds the row the write needs.
"""

import re
import sqlite3
import threading
from datetime import date
from html import unescape

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection, connections
from django.test import Client
from django.urls import reverse

from fazhi.core.busy import BUSY_MESSAGE, is_busy
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from tests.ledgers.helpers import form_data, workbook_with_rows

KIND = get_kind("study-sessions")
VALUES = {
    "occurred_on": date(2025, 3, 5),
    "session_type": "central_group",
    "topic": "学习民法典",
    "attendees": 20,
    "hours": 2,
}
TYPED = "锁库期间填写的学习主题\n第二行"


@pytest.fixture
def session_record(world):
    return record_create(
        actor=world.users["clerk"], kind=KIND, organisation=world.orgs["A1"], data=VALUES
    )


class SQLiteLock:
    """This thread's connection moved to a file copy of the test database; hold() starts a
    second connection's write transaction on it."""

    def __init__(self, path):
        self.path = path
        connection.ensure_connection()
        self.memory = connection.connection
        target = sqlite3.connect(path)
        self.memory.backup(target)
        target.close()
        self.saved = connection.settings_dict
        connection.connection = None
        connection.settings_dict = {**self.saved, "NAME": str(path)}
        self.holders = []

    def wait(self, seconds: float) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def hold(self, instance):
        holder = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        self.holders.append(holder)
        return lambda: holder.execute("ROLLBACK")

    def close(self) -> None:
        for holder in self.holders:
            holder.close()
        connection.close()
        connection.settings_dict = self.saved
        connection.connection = self.memory


class PostgresLock:
    """hold() makes a second connection lock the instance's row."""

    def __init__(self):
        self.holders = []

    def wait(self, seconds: float) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = '{int(seconds * 1000)}ms'")

    def hold(self, instance):
        other = type(connections["default"])({**connection.settings_dict}, alias="holder")
        other.ensure_connection()
        raw = other.connection
        raw.autocommit = False  # the lock lasts until release()
        table = type(instance)._meta.db_table
        with raw.cursor() as cursor:
            cursor.execute(f'SELECT 1 FROM "{table}" WHERE id = %s FOR UPDATE', [instance.pk])
        self.holders.append(other)
        return raw.rollback

    def close(self) -> None:
        for other in self.holders:
            other.connection.close()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")


@pytest.fixture
def database_lock(session_record, tmp_path):
    """Another connection holding what a write needs; this thread waits for it 0.3 s."""
    lock = (
        SQLiteLock(tmp_path / "fazhi.sqlite3") if connection.vendor == "sqlite" else PostgresLock()
    )
    lock.wait(0.3)
    try:
        yield lock
    finally:
        lock.close()


def edit(client, record, topic):
    data = form_data(KIND, {**VALUES, "topic": topic}, record.organisation)
    return client.post(reverse("ledgers:edit", args=[KIND.slug, record.pk]), data)


def kept_fields(html: str) -> dict[str, str]:
    pairs = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)
    return {name: unescape(value) for name, value in pairs}


@pytest.mark.django_db(transaction=True)
def test_an_edit_while_the_database_is_locked_gets_the_busy_page_with_its_input(
    client, world, session_record, database_lock
):
    client.force_login(world.users["clerk"])
    release = database_lock.hold(session_record)
    response = edit(client, session_record, TYPED)
    assert response.status_code == 503
    html = response.content.decode()
    assert BUSY_MESSAGE in html and "本次提交没有保存" in html
    assert response["Retry-After"] and "no-store" in response["Cache-Control"]
    # The page posts the typed values back to the form's own address.
    edit_url = reverse("ledgers:edit", args=[KIND.slug, session_record.pk])
    assert f'action="{edit_url}"' in html
    kept = kept_fields(html)
    assert kept["topic"].replace("\r\n", "\n") == TYPED
    assert kept["occurred_on"] == "2025-03-05" and kept["organisation"] == str(world.orgs["A1"].pk)
    release()
    session_record.refresh_from_db()
    assert session_record.topic == "学习民法典"  # nothing saved
    # Once the lock is gone, sending the kept values again saves them.
    response = client.post(edit_url, kept)
    assert response.status_code == 302
    session_record.refresh_from_db()
    assert session_record.topic.replace("\r\n", "\n") == TYPED


@pytest.mark.django_db(transaction=True)
def test_a_writer_waits_for_a_short_lock_instead_of_failing(
    client, world, session_record, database_lock
):
    database_lock.wait(5)
    client.force_login(world.users["clerk"])
    threading.Timer(0.5, database_lock.hold(session_record)).start()
    response = edit(client, session_record, "等锁释放后保存")
    assert response.status_code == 302
    session_record.refresh_from_db()
    assert session_record.topic == "等锁释放后保存"


@pytest.mark.django_db(transaction=True)
def test_an_import_posted_while_the_database_is_locked_asks_for_the_file_again(
    client, world, database_lock
):
    client.force_login(world.users["clerk"])
    data = workbook_with_rows(KIND, [{**VALUES, "topic": "导入的学习"}], "甲镇")
    # PostgreSQL: imports into one township take turns on its row.
    release = database_lock.hold(world.orgs["A1"])
    upload = SimpleUploadedFile("学法.xlsx", data)
    response = client.post(reverse("ledgers:import", args=[KIND.slug]), {"file": upload})
    release()
    assert response.status_code == 503
    html = response.content.decode()
    assert BUSY_MESSAGE in html and 'type="file"' in html and "需要重新选择" in html
    assert 'enctype="multipart/form-data"' in html
    assert not KIND.model.objects.filter(topic="导入的学习").exists()


@pytest.mark.django_db
def test_a_locked_database_outside_the_view_is_503_not_500(world, settings, monkeypatch):
    """Django turns an error raised on the way out (here the session saved after the view)
    into a 500; the middleware makes it the busy page."""
    client = Client(raise_request_exception=False)
    client.force_login(world.users["clerk"])
    settings.SESSION_SAVE_EVERY_REQUEST = True

    def locked(self, must_create=False):
        raise OperationalError("database is locked")

    monkeypatch.setattr(SessionStore, "save", locked)
    response = client.get(reverse("home"))
    assert response.status_code == 503
    assert BUSY_MESSAGE in response.content.decode()


@pytest.mark.django_db
def test_other_database_errors_stay_errors(world):
    assert is_busy(OperationalError("database is locked"))
    assert is_busy(OperationalError("database table is locked: ledgers_x"))
    assert not is_busy(OperationalError("no such table: ledgers_x"))
    assert not is_busy(ValueError("database is locked"))

    class LockNotAvailable(Exception):
        sqlstate = "55P03"  # PostgreSQL's lock_timeout

    error = OperationalError("canceling statement due to lock timeout")
    error.__cause__ = LockNotAvailable()
    assert is_busy(error)


@pytest.mark.django_db
def test_writers_wait_for_the_lock_as_long_as_the_settings_say():
    assert settings.DATABASE_LOCK_WAIT_SECONDS == 20
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20_000
        assert connection.transaction_mode == "IMMEDIATE"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW lock_timeout")
            assert cursor.fetchone()[0] == "20s"
