"""`fazhi serve`: the production WSGI server (gunicorn); `--dev` for Django's development server."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

DEFAULT_BIND = "127.0.0.1:8000"
MAX_WORKERS = 8  # each worker holds its own Django; more rarely helps a county's load
# Long enough for the slowest request a user makes (a 30,000-row import, a report's PDF);
# deploy/nginx's proxy_read_timeout is at least this (tests/core/test_deploy_files.py).
DEFAULT_TIMEOUT = 300
# Behind nginx the peer is the proxy: log the client address nginx sets.
ACCESS_LOG_FORMAT = '%({x-forwarded-for}i)s %(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms'


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers(cores: int | None = None) -> int:
    """Gunicorn's rule of thumb (2 × cores + 1), capped so a big machine is not filled with
    idle copies of the site."""
    return min(2 * (cores or cpu_count()) + 1, MAX_WORKERS)


def bind_address(addrport: str) -> str:
    """`8000` → `127.0.0.1:8000`; `host:port` and `unix:/path` stay as given."""
    return f"127.0.0.1:{addrport}" if addrport.isdigit() else addrport


def _positive(value: str, name: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise CommandError(f"{name}应为正整数，收到“{value}”。")
    return number


def gunicorn_options(*, addrport, workers, timeout) -> dict:
    return {
        "bind": [bind_address(addrport)],
        "workers": workers,
        "worker_class": "sync",  # nginx buffers slow clients in front
        "timeout": timeout,
        "graceful_timeout": 30,
        # A worker is replaced now and then, so a slow leak never grows for weeks.
        "max_requests": 2000,
        "max_requests_jitter": 200,
        "accesslog": "-",  # stdout: the journal under systemd
        "errorlog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "proc_name": "fazhi",
        # No runtime control socket in the service user's home: systemd restarts the server.
        "control_socket_disable": True,
    }


class Command(BaseCommand):
    help = (
        "启动网站：生产用 gunicorn 服务器（默认 127.0.0.1:8000，进程数按本机 CPU 计算）；"
        "--dev 启动 Django 开发服务器。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport", nargs="?", default=DEFAULT_BIND, help="地址:端口（默认 127.0.0.1:8000）"
        )
        parser.add_argument("--dev", action="store_true", help="Django 开发服务器（仅供开发）")
        parser.add_argument(
            "--workers",
            help=f"工作进程数（默认 FAZHI_WORKERS，否则 2×CPU 核数+1，最多 {MAX_WORKERS}）",
        )
        parser.add_argument(
            "--timeout",
            help=f"单个请求最长秒数（默认 FAZHI_TIMEOUT，否则 {DEFAULT_TIMEOUT}）",
        )

    def handle(self, *args, addrport, dev, workers=None, timeout=None, **options):
        if dev:
            call_command("runserver", addrport, use_reloader=False)
            return
        workers = workers or os.environ.get("FAZHI_WORKERS")
        timeout = timeout or os.environ.get("FAZHI_TIMEOUT")
        config = gunicorn_options(
            addrport=addrport,
            workers=_positive(workers, "工作进程数") if workers else default_workers(),
            timeout=_positive(timeout, "请求超时秒数") if timeout else DEFAULT_TIMEOUT,
        )
        self._warn_if_not_ready()
        # Workers are forked from this process: none may inherit its database connection.
        connections.close_all()
        from fazhi.core.wsgi_server import FazhiServer

        FazhiServer(config).run()

    def _warn_if_not_ready(self):
        """Starts anyway (systemd would only restart it in a loop), but says what is wrong."""
        from fazhi.core.health import migrations_applied

        try:
            ready = migrations_applied()
        except Exception:
            self.stderr.write("警告：无法连接数据库，网站暂时无法使用（/healthz 报告失败）。")
            return
        if not ready:
            self.stderr.write("警告：数据库结构尚未升级到本版本，请先运行 fazhi migrate。")
