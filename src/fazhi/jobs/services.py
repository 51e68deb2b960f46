"""Every write of background jobs: start, run (the one code path of both runners), progress,
failure, the person having seen the outcome.

The runner: Celery (`run_job.delay`) when CELERY_BROKER_URL is set, else a thread of this
process (FAZHI_JOBS_RUNNER="thread"), or at once in the caller ("eager", the tests). Whichever
runs it calls `run(job_id)`, which claims the job (queued -> running) once, so a job delivered
twice runs once.
"""

import logging
import shutil
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction
from django.utils import timezone

from fazhi.core.imports import ImportFailed
from fazhi.jobs import registry
from fazhi.jobs.models import Job, JobState

logger = logging.getLogger(__name__)

# Progress is written at most this often (its own short statement, outside the job's work).
PROGRESS_INTERVAL_SECONDS = 1.0
# Import errors listed in a failed job's reason.
REASON_ERRORS = 50
INTERNAL_ERROR = (
    "任务运行时出错（系统内部错误），未保存任何结果。请稍后重试；如仍失败，请联系管理员。"
)


def jobs_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "jobs"


def job_folder(job_id: int) -> Path:
    return jobs_root() / str(job_id)


def input_path(job: Job, name: str) -> Path:
    """A file the person handed in with the job (an uploaded workbook), kept until it has run."""
    return job_folder(job.pk) / "input" / Path(name).name


def result_path(job: Job) -> Path | None:
    return job_folder(job.pk) / job.result_file if job.result_file else None


def start(
    user,
    code: str,
    params: dict,
    *,
    title: str,
    organisation=None,
    inputs: dict[str, bytes] | None = None,
) -> Job:
    """Start a job of kind `code` as `user` (PermissionDenied/ValidationError first, when they
    may not). `inputs`: files the work reads (name -> bytes), stored with the job. The runner is
    called once the job's row is committed."""
    kind = registry.get(code)
    kind.check(user, params)
    expire_results()
    with transaction.atomic():
        job = Job.objects.create(
            user=user,
            organisation=organisation,
            kind=code,
            title=title[:200],
            params=params,
            unit=kind.unit,
            heartbeat=timezone.now(),
        )
        # Nothing of an earlier job with the same id (a rolled-back one) may be taken for this.
        shutil.rmtree(job_folder(job.pk), ignore_errors=True)
        try:
            for name, data in (inputs or {}).items():
                path = input_path(job, name)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        except OSError as error:
            shutil.rmtree(job_folder(job.pk), ignore_errors=True)
            raise ValidationError(
                "无法保存上传的文件（磁盘空间不足或目录不可写），请联系管理员。"
            ) from error
        if runner() != "eager":
            transaction.on_commit(lambda: dispatch(job.pk))
    if runner() == "eager":
        run(job.pk)
        job.refresh_from_db()
    return job


def runner() -> str:
    if settings.CELERY_BROKER_URL:
        return "celery"
    return settings.FAZHI_JOBS_RUNNER


def dispatch(job_id: int) -> None:
    chosen = runner()
    if chosen == "celery":
        from fazhi.jobs.celery import run_job

        run_job.delay(job_id)
    else:
        threading.Thread(
            target=_run_in_thread, args=(job_id,), name=f"fazhi-job-{job_id}", daemon=True
        ).start()


def _run_in_thread(job_id: int) -> None:
    try:
        run(job_id)
    finally:
        connections.close_all()  # this thread's own connections


class Progress:
    """What the work reports to (the protocol of fazhi.core.progress: start, advance); written
    to the job's row at most once a PROGRESS_INTERVAL_SECONDS."""

    def __init__(self, job: Job):
        self.job_id = job.pk
        self.done = 0
        self.total: int | None = None
        self._written = 0.0

    def start(self, total: int | None) -> None:
        self.total = total
        self._write()

    def advance(self, description: str = "", n: int = 1) -> None:
        self.done += n
        if time.monotonic() - self._written >= PROGRESS_INTERVAL_SECONDS:
            self._write()

    def _write(self) -> None:
        self._written = time.monotonic()
        Job.objects.filter(pk=self.job_id, state=JobState.RUNNING).update(
            done=self.done, total=self.total, heartbeat=timezone.now()
        )


def run(job_id: int) -> None:
    """Run a queued job to its end: done with its file, or failed with the reason (Chinese) and
    no file. The work's own writes are its own (an import writes all rows in one transaction).
    Runs on the caller's connection (a runner sees to its own thread's connections)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=now, heartbeat=now
    )
    if not claimed:
        return  # run already, or failed as stale
    job = Job.objects.select_related("user").get(pk=job_id)
    folder = job_folder(job.pk)
    folder.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="work-", dir=folder))
    placed: Path | None = None
    progress = Progress(job)
    try:
        kind = registry.get(job.kind)
        kind.check(job.user, job.params)  # the person's roles may have changed since
        outcome = kind.work(job, progress, workdir)
        result_file = ""
        if outcome.file is not None:
            result_file = "result" + outcome.file.suffix
            placed = folder / result_file
            outcome.file.replace(placed)
        Job.objects.filter(pk=job.pk).update(
            state=JobState.DONE,
            done=progress.done,
            total=progress.total if progress.total is not None else progress.done,
            message=outcome.message,
            result_file=result_file,
            result_name=outcome.filename[:200],
            finished_at=timezone.now(),
            heartbeat=timezone.now(),
        )
    except Exception as error:  # every failure ends the job with a reason, never a half file
        if placed is not None:
            placed.unlink(missing_ok=True)
        reason = failure_reason(error)
        if reason == INTERNAL_ERROR:
            logger.exception("job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            state=JobState.FAILED,
            done=progress.done,
            total=progress.total,
            message=reason,
            result_file="",
            finished_at=timezone.now(),
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(folder / "input", ignore_errors=True)
    notify(job.user)


def failure_reason(error: Exception) -> str:
    """Why a job failed, for the person (Chinese)."""
    if isinstance(error, ImportFailed):
        result = error.result
        lines = [f"发现 {result.total_errors} 处错误，未导入任何数据。请修改后重新导入。"]
        for row_error in result.errors[:REASON_ERRORS]:
            column = f"“{row_error.column}”" if row_error.column else ""
            lines.append(f"第 {row_error.row} 行{column}：{row_error.message}")
        if result.total_errors > REASON_ERRORS:
            lines.append(f"（仅列出前 {REASON_ERRORS} 处）")
        return "\n".join(lines)
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    if isinstance(error, PermissionDenied):
        return str(error) or "您已无权执行该任务。"
    if isinstance(error, OSError):
        return "写入结果文件失败（磁盘空间不足或目录不可写），未保存任何结果。请联系管理员。"
    return INTERNAL_ERROR


def fail_stale(jobs) -> None:
    """Jobs whose runner went away (a restart killed the thread, no worker takes the queue)
    are failed after FAZHI_JOB_STALE_MINUTES without a sign of life."""
    limit = timezone.now() - timedelta(minutes=settings.FAZHI_JOB_STALE_MINUTES)
    for job in jobs:
        if job.finished or job.heartbeat is None or job.heartbeat >= limit:
            continue
        reason = (
            "任务长时间未开始：后台任务进程可能未运行，请联系管理员。"
            if job.state == JobState.QUEUED
            else "任务已中断（服务重启或后台进程退出），未保存任何结果。请重新发起。"
        )
        updated = Job.objects.filter(pk=job.pk, state=job.state, heartbeat=job.heartbeat).update(
            state=JobState.FAILED, message=reason, result_file="", finished_at=timezone.now()
        )
        if updated:
            job.state, job.message, job.result_file = JobState.FAILED, reason, ""
            shutil.rmtree(job_folder(job.pk), ignore_errors=True)
            notify(job.user)


def expire_results(now=None) -> int:
    """Remove the files of jobs finished over FAZHI_JOB_KEEP_DAYS ago (the job itself stays,
    saying so); the number removed. Run as each new job starts."""
    days = settings.FAZHI_JOB_KEEP_DAYS
    limit = (now or timezone.now()) - timedelta(days=days)
    expired = list(
        Job.objects.filter(finished_at__lt=limit)
        .exclude(result_file="")
        .values_list("pk", flat=True)
    )
    for job_id in expired:
        updated = (
            Job.objects.filter(pk=job_id)
            .exclude(result_file="")
            .update(
                result_file="",
                message=f"结果文件已超过保留期限（{days} 天）并已删除；如仍需要，请重新发起。",
            )
        )
        if updated:
            shutil.rmtree(job_folder(job_id), ignore_errors=True)
    return len(expired)


def mark_seen(job: Job) -> None:
    """The person opened their finished job: its notification is settled."""
    if job.finished and job.seen_at is None:
        job.seen_at = timezone.now()
        Job.objects.filter(pk=job.pk, seen_at__isnull=True).update(seen_at=job.seen_at)
        notify(job.user)


def notify(user) -> None:
    """Bring the person's notifications of finished jobs up to date (one per job)."""
    from fazhi.jobs.tasks import group_for
    from fazhi.notifications.services import sync_for

    sync_for(user, groups=[group_for(user)])
