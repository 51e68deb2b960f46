from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    verbose_name = "行政执法"
    demo_loader = "fazhi.enforcement.demo_workflow.load"

    def ready(self):
        from fazhi.core import tasks as pending
        from fazhi.enforcement import (
            kinds,  # noqa: F401  (registers the ledger kinds)
            tasks,
        )

        pending.register(tasks.source)
