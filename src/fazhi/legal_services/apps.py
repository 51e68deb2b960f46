from django.apps import AppConfig


class LegalServicesConfig(AppConfig):
    name = "fazhi.legal_services"
    verbose_name = "公共法律服务"

    def ready(self):
        from fazhi.core import tasks as pending
        from fazhi.legal_services import (
            kinds,  # noqa: F401  (registers the ledger kinds)
            tasks,
        )

        pending.register(tasks.township)
        pending.register(tasks.advisor)
