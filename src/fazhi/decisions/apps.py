from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    verbose_name = "重大行政决策"
    # Runs after fazhi.ledgers' loader has made the decisions: drives them to their states.
    demo_loader = "fazhi.decisions.demo.load"

    def ready(self):
        from fazhi.core import tasks as pending
        from fazhi.decisions import (
            kinds,  # noqa: F401  (registers the ledger kinds)
            tasks,
        )

        pending.register(tasks.legality)
        pending.register(tasks.collective)
