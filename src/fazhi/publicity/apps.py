from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "fazhi.publicity"
    verbose_name = "普法"

    def ready(self):
        from fazhi.core import tasks as pending
        from fazhi.publicity import (
            kinds,  # noqa: F401  (registers the ledger kinds)
            tasks,
        )

        pending.register(tasks.source)
