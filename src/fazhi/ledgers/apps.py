from django.apps import AppConfig


class LedgersConfig(AppConfig):
    name = "fazhi.ledgers"
    verbose_name = "台账"
    demo_loader = "fazhi.ledgers.demo.load"

    def ready(self):
        from django.db.backends.signals import connection_created

        from fazhi.core import tasks as pending
        from fazhi.ledgers import jobs, search, tasks  # noqa: F401 (jobs registers its kinds)

        pending.register(tasks.source)
        # The search index's triggers call fazhi_grams() on SQLite (fazhi.ledgers.search).
        connection_created.connect(search.register_functions, dispatch_uid="fazhi_grams")
