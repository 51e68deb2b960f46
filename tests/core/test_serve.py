"""`fazhi serve`: gunicorn sized to the machine, `--dev` the development server; and the real
server started as a subprocess against a fresh data folder."""

import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db.migrations.executor import MigrationExecutor

from fazhi.core.management.commands import serve

REPO = Path(__file__).resolve().parents[2]
SITE_CSS = REPO / "src/fazhi/core/static/fazhi/site.css"


def test_workers_are_two_per_core_plus_one_capped():
    assert [serve.default_workers(cores) for cores in (1, 2, 3, 4, 16)] == [3, 5, 7, 8, 8]


def test_bind_address():
    assert serve.bind_address("8000") == "127.0.0.1:8000"
    assert serve.bind_address("0.0.0.0:9000") == "0.0.0.0:9000"
    assert serve.bind_address("unix:/run/fazhi/fazhi.sock") == "unix:/run/fazhi/fazhi.sock"


def _served_config(monkeypatch, *args, env=None, stderr=None):
    for name in ("FAZHI_WORKERS", "FAZHI_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    # The server is not started, so nothing forks: the test's own connection stays open (closing
    # it inside the test's transaction would break the next query on PostgreSQL).
    with (
        mock.patch("fazhi.core.wsgi_server.FazhiServer") as server,
        mock.patch.object(serve.connections, "close_all"),
    ):
        call_command("serve", *args, stderr=stderr or io.StringIO())
    return server.call_args.args[0]


def test_defaults_bind_loopback_8000_with_access_log_on_stdout(monkeypatch):
    monkeypatch.setattr(serve, "cpu_count", lambda: 2)
    config = _served_config(monkeypatch)
    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["workers"] == 5
    assert config["timeout"] == serve.DEFAULT_TIMEOUT
    assert config["accesslog"] == "-"


def test_option_beats_environment_beats_default(monkeypatch):
    assert _served_config(monkeypatch, env={"FAZHI_WORKERS": "4"})["workers"] == 4
    config = _served_config(monkeypatch, "--workers", "2", env={"FAZHI_WORKERS": "4"})
    assert config["workers"] == 2
    assert _served_config(monkeypatch, env={"FAZHI_TIMEOUT": "90"})["timeout"] == 90


@pytest.mark.django_db
def test_unapplied_migrations_are_named_at_start(monkeypatch):
    stderr = io.StringIO()
    _served_config(monkeypatch, stderr=stderr)
    assert stderr.getvalue() == ""
    pending = [(mock.Mock(), False)]
    with mock.patch.object(MigrationExecutor, "migration_plan", return_value=pending):
        _served_config(monkeypatch, stderr=stderr)
    assert "请先运行 fazhi migrate" in stderr.getvalue()


@pytest.mark.parametrize("value", ["0", "-1", "多"])
def test_bad_worker_count_is_refused_in_chinese(monkeypatch, value):
    with pytest.raises(CommandError, match="工作进程数应为正整数"):
        _served_config(monkeypatch, "--workers", value)


def test_dev_keeps_the_development_server():
    with (
        mock.patch.object(serve, "call_command") as command,
        mock.patch("fazhi.core.wsgi_server.FazhiServer") as server,
    ):
        call_command("serve", "--dev", "127.0.0.1:8001")
    command.assert_called_once_with("runserver", "127.0.0.1:8001", use_reloader=False)
    server.assert_not_called()


# --- The real server.


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(data_dir: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",  # production settings, not the tests'
        "FAZHI_DATA_DIR": str(data_dir),
        "DEBUG": "0",
        "BEHIND_HTTPS_PROXY": "1",  # as deploy/fazhi.env sets it behind nginx
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    for name in ("DATABASE_URL", "MEDIA_ROOT", "SECRET_KEY", "FAZHI_WORKERS"):
        env.pop(name, None)
    return env


def _fazhi(env, *args, timeout=300):
    result = subprocess.run(
        [sys.executable, "-m", "fazhi", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at, not to follow


# Straight to the loopback server: no redirects followed, no proxy from the environment.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects)


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with _opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _wait_until_up(url, process, deadline_seconds=60):
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "fazhi serve exited before answering"
        try:
            return _get(url)
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise AssertionError("fazhi serve did not answer within a minute")


def test_fazhi_serve_answers_healthz_and_static_files(tmp_path):
    env = _env(tmp_path / "data")
    _fazhi(env, "migrate", "--no-input", "-v", "0")
    _fazhi(env, "collectstatic", "--no-input", "-v", "0")
    # The production storage leaves compressed copies beside each file for WhiteNoise.
    assert (tmp_path / "data/static/fazhi/site.css.gz").exists()

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "fazhi", "serve", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        status, headers, body = _wait_until_up(f"{base}/healthz", process)
        assert status == 200, body
        assert (
            body
            == b'{"status": "ok", "checks": {"database": "ok", "migrations": "ok", "media": "ok"}}'
        )
        assert "no-store" in headers["Cache-Control"]

        via_proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.7"}
        status, headers, body = _get(f"{base}/static/fazhi/site.css", via_proxy)
        assert status == 200
        assert body == SITE_CSS.read_bytes()
        assert headers["Content-Type"].startswith("text/css")
        # Plain HTTP is sent to HTTPS, except /healthz for local monitoring.
        assert _get(f"{base}/static/fazhi/site.css")[0] == 301

        (tmp_path / "data/media").mkdir(exist_ok=True)
        (tmp_path / "data/media/private.txt").write_text("PRIVATE")
        status, _, body = _get(f"{base}/media/private.txt", via_proxy)
        assert status == 404 and b"PRIVATE" not in body
    finally:
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr[-2000:]
    log = stdout + stderr
    assert "gunicorn" in log.lower()
    assert "Booting worker" in log
    assert "10.0.0.7 127.0.0.1 " in stdout  # the access log, on stdout, names the client
    assert '"GET /healthz HTTP/1.1" 200' in stdout
