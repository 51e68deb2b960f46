from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Background jobs (后台任务): long work (large exports and imports, county-wide reports,
    batch checks) run by Celery when a broker is configured, in a thread otherwise, with the
    same code (services.run)."""

    name = "fazhi.jobs"
    label = "jobs"
    verbose_name = "后台任务"

    def ready(self):
        from fazhi.core import tasks as pending
        from fazhi.jobs import tasks

        pending.register(tasks.source)
