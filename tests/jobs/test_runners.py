"""The two real runners with the same code path: a thread of this process, and Celery through
a real redis-server (tests/jobs/conftest.py) and a worker. The worker runs in this process (a
thread, Celery's test worker), so it uses the test's database on SQLite (shared in-memory) and
PostgreSQL alike; hence committed transactions."""

import threading
import time

import pytest
from django.contrib.auth import get_user_model

from fazhi.jobs import services
from fazhi.jobs.models import Job, JobState
from fazhi.notifications.models import Notification
from tests.jobs.conftest import TEST_KIND

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def owner():
    return get_user_model().objects.create_user(username="runner.owner", password="x")


def _wait(job_id: int, seconds: float = 60) -> Job:
    """The job once finished and notified (its runner thread, when there is one, ended)."""
    deadline = time.monotonic() + seconds
    for thread in threading.enumerate():
        if thread.name == f"fazhi-job-{job_id}":
            thread.join(seconds)
    while time.monotonic() < deadline:
        job = Job.objects.get(pk=job_id)
        if job.finished and Notification.objects.filter(key=f"job:{job_id}:{job.state}"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} not finished after {seconds} s: {job.state}")


def test_the_thread_runner_runs_the_job_after_the_request(owner, settings):
    settings.FAZHI_JOBS_RUNNER = "thread"
    job = services.start(owner, TEST_KIND.code, {"count": 5}, title="线程任务")
    finished = _wait(job.pk)
    assert (finished.state, finished.done, finished.total) == (JobState.DONE, 5, 5)
    assert services.result_path(finished).read_text(encoding="utf-8").split()[-1] == "4"
    assert Notification.objects.filter(user=owner, key=f"job:{job.pk}:done").exists()


def test_the_thread_runner_fails_a_job_leaving_nothing(owner, settings):
    settings.FAZHI_JOBS_RUNNER = "thread"
    job = services.start(owner, TEST_KIND.code, {"count": 5, "fail_at": 3}, title="线程任务")
    finished = _wait(job.pk)
    assert (finished.state, finished.message) == (JobState.FAILED, "测试任务在第 3 步失败。")
    assert list(services.job_folder(job.pk).iterdir()) == []


def test_celery_runs_the_job_through_redis(owner, settings, redis_url):
    from celery.contrib.testing.worker import start_worker

    from fazhi.jobs.celery import app

    settings.CELERY_BROKER_URL = redis_url
    app.conf.broker_url = redis_url
    assert services.runner() == "celery"
    # Queued in Redis while no worker runs: the job waits.
    job = services.start(owner, TEST_KIND.code, {"count": 4}, title="Celery 任务")
    time.sleep(0.5)
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    failing = services.start(owner, TEST_KIND.code, {"count": 4, "fail_at": 1}, title="失败任务")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        finished = _wait(job.pk)
        failed = _wait(failing.pk)
    assert (finished.state, finished.done, finished.total) == (JobState.DONE, 4, 4)
    assert finished.message == "已数到 4。"
    assert (failed.state, failed.message) == (JobState.FAILED, "测试任务在第 1 步失败。")
    assert list(services.job_folder(failing.pk).iterdir()) == []
    assert Notification.objects.filter(user=owner, group="jobs").count() == 2
