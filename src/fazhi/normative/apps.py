from django.apps import AppConfig


class NormativeConfig(AppConfig):
    name = "fazhi.normative"
    verbose_name = "规范性文件"
    demo_loader = "fazhi.normative.demo_workflow.load"

    def ready(self):
        from fazhi.core import tasks as pending
        from fazhi.normative import (
            kinds,  # noqa: F401  (registers the ledger kinds)
            tasks,
        )

        pending.register(tasks.source)
