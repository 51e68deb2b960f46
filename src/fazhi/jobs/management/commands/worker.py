"""fazhi worker: the Celery worker that runs background jobs (needs CELERY_BROKER_URL)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "运行后台任务进程（Celery worker；需设置 CELERY_BROKER_URL 或 FAZHI_REDIS_URL）。"

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", type=int, default=1, help="同时运行的任务数（默认 1）")
        parser.add_argument("--loglevel", default="INFO", help="日志级别（默认 INFO）")

    def handle(self, *args, concurrency=1, loglevel="INFO", **options):
        if not settings.CELERY_BROKER_URL:
            raise CommandError(
                "未设置 CELERY_BROKER_URL（或 FAZHI_REDIS_URL）：没有 Redis 时后台任务在网站"
                "进程内运行，无需启动本命令。"
            )
        if concurrency < 1:
            raise CommandError("--concurrency 至少为 1。")
        from fazhi.jobs.celery import app

        app.worker_main(
            ["worker", f"--loglevel={loglevel}", f"--concurrency={concurrency}", "--without-gossip"]
        )
