"""The Celery application: one task, `run_job`, calling services.run — the same code the
in-process runner calls. Used when CELERY_BROKER_URL (or FAZHI_REDIS_URL) is set.

A worker: `fazhi worker` (or `celery -A fazhi.jobs.celery worker`), with the site's settings.
"""

import os

import django
from celery import Celery
from django.apps import apps
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
if not apps.ready:  # a worker started by `celery -A fazhi.jobs.celery`
    django.setup()

app = Celery("fazhi")
app.conf.update(
    broker_url=settings.CELERY_BROKER_URL,
    task_ignore_result=True,  # the job's row is its result
    worker_prefetch_multiplier=1,  # long jobs: a worker takes one at a time
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
)


@app.task(name="fazhi.jobs.run")
def run_job(job_id: int) -> None:
    from django.db import close_old_connections, connections

    from fazhi.jobs.services import run

    close_old_connections()  # one the database closed while the worker waited
    try:
        run(job_id)
    finally:
        connections.close_all()  # a worker holds no connection between jobs
