"""A throwaway redis-server for the Celery runner's tests (Debian's redis-server: CI installs it,
scripts/install-system-deps.sh), on a free local port with no persistence; and a test job kind."""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.jobs import registry
from fazhi.jobs.registry import JobKind, Outcome
from tests.conftest import require


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    require(server is not None, "Debian's redis-server is not installed (CI installs it)")
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("redis-server did not start within 10 s")
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


# A job kind of the tests: counts to params["count"], writes a file, and fails on request
# ("fail_at": after that many steps, with its partial file already written).
def _check(user, params):
    if params.get("refuse"):
        raise PermissionDenied("您无权执行该测试任务。")


def _work(job, progress, workdir: Path) -> Outcome:
    count = job.params.get("count", 3)
    progress.start(count)
    path = workdir / "out.txt"
    with path.open("w", encoding="utf-8") as out:
        for step in range(count):
            if step == job.params.get("fail_at"):
                out.flush()
                raise ValidationError("测试任务在第 %(step)s 步失败。", params={"step": step})
            if job.params.get("crash_at") == step:
                raise RuntimeError("an unexpected bug")
            out.write(f"{step}\n")
            progress.advance(n=1)
    return Outcome(f"已数到 {count}。", path, "数数.txt")


TEST_KIND = registry.register(JobKind("tests.count", _check, _work, unit="步"))
