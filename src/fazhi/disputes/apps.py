from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.disputes"
    verbose_name = "矛盾纠纷"
    demo_loader = "fazhi.disputes.demo.load"

    def ready(self):
        from fazhi.disputes import kinds  # noqa: F401  (registers the ledger kinds)
