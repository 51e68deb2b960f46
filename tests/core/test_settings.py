"""Production settings: read from the environment, pass `check --deploy`, SQLite in WAL mode."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run(code: str, env: dict, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args] if args else [sys.executable, "-c", code],
        cwd=REPO,
        env={k: v for k, v in {**os.environ, **env}.items() if v is not None},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _production_env(tmp_path) -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "DEBUG": "0",
        "SECRET_KEY": "x7-Qm2!pR9vLw4#tZk8@nE5sJd3^hYc6&uBf1*oXa0%gTi-Lq8Vz2Wm5Rp9Kd",
        "ALLOWED_HOSTS": "fazhi.example.gov.cn",
        "FAZHI_DATA_DIR": str(tmp_path),
        "DATABASE_URL": None,
    }


def test_check_deploy_prints_no_warnings(tmp_path):
    result = _run("", _production_env(tmp_path), "manage.py", "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_settings_come_from_the_environment(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.TIME_ZONE, s.LANGUAGE_CODE, s.MEDIA_ROOT,"
        " s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'],"
        " s.PASSWORD_HASHERS[0].rsplit('.', 1)[1], s.SESSION_COOKIE_SECURE)"
    )
    env = {
        **_production_env(tmp_path),
        "MEDIA_ROOT": str(tmp_path / "files"),
        "DATABASE_URL": "postgres://u:p@db.internal:5432/fazhi",
    }
    out = _run(code, env).stdout.split()
    assert out == [
        "False",
        "['fazhi.example.gov.cn']",
        "Asia/Shanghai",
        "zh-hans",
        str(tmp_path / "files"),
        "django.db.backends.postgresql",
        "fazhi",
        "Argon2PasswordHasher",
        "True",
    ]


def test_sqlite_default_lives_in_the_data_folder_in_wal_mode(tmp_path):
    code = (
        "import django; django.setup(); from django.db import connection;"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]);"
        "print(connection.settings_dict['NAME'])"
    )
    result = _run(code, _production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    mode, name = result.stdout.split()
    assert mode == "wal"
    assert Path(name) == tmp_path / "fazhi.sqlite3"


@pytest.mark.parametrize("value", ["1", "true", "on"])
def test_debug_flag_relaxes_secure_cookies(tmp_path, value):
    code = "from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE)"
    env = {**_production_env(tmp_path), "DEBUG": value}
    assert _run(code, env).stdout.split() == ["True", "False"]
