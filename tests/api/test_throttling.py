"""The API's per-person limit: token and session requests counted together, in the shared
(database) cache every gunicorn worker reads, refused with 429 and a Chinese message."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import Client, override_settings

from fazhi.api import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_counts():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


@override_settings(FAZHI_API_RATE="3/min")
def test_a_person_is_limited_across_token_and_session_and_told_in_chinese(world):
    clerk = world.users["clerk"]
    _token, key = services.token_create(user=clerk, name="脚本", days=30)
    by_token = Client(HTTP_AUTHORIZATION=f"Token {key}")
    by_session = Client()
    by_session.force_login(clerk)
    statuses = [
        by_token.get("/api/me/").status_code,
        by_session.get("/api/me/").status_code,
        by_token.get("/api/me/").status_code,
    ]
    assert statuses == [200, 200, 200]
    refused = by_session.get("/api/me/")
    assert refused.status_code == 429
    detail = refused.json()["detail"]
    assert detail.startswith("请求过于频繁") and "秒后再试" in detail
    assert 1 <= int(refused["Retry-After"]) <= 60
    # Another person has their own count.
    leader = Client()
    leader.force_login(world.users["leader"])
    assert leader.get("/api/me/").status_code == 200


@override_settings(FAZHI_API_RATE="3/min")
def test_the_counts_are_in_the_database_so_every_worker_shares_them(world):
    shared = settings.CACHES["shared"]
    assert shared["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    client = Client()
    client.force_login(world.users["clerk"])
    client.get("/api/me/")
    client.get("/api/me/")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {shared['LOCATION']}")
        assert cursor.fetchone()[0] == 1  # one person, one row of request times
    # A fresh cache object (as another worker process holds) sees the same history.
    other_worker = DatabaseCache(shared["LOCATION"], {})
    key = f"throttle_user_{world.users['clerk'].pk}"
    assert len(other_worker.get(key)) == 2


def test_a_bad_rate_in_the_environment_stops_the_start():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            **os.environ,
            "FAZHI_API_RATE": "lots",
            "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "FAZHI_API_RATE" in result.stderr
