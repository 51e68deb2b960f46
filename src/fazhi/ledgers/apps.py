from django.apps import AppConfig


class LedgersConfig(AppConfig):
    name = "fazhi.ledgers"
    verbose_name = "台账"
    demo_loader = "fazhi.ledgers.demo.load"

    def ready(self):
        from fazhi.core import tasks as pending
        from fazhi.ledgers import jobs, tasks  # noqa: F401 (jobs registers its kinds)

        pending.register(tasks.source)
