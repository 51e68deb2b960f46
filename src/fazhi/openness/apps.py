from django.apps import AppConfig


class OpennessConfig(AppConfig):
    name = "fazhi.openness"
    verbose_name = "公开与监督"

    def ready(self):
        from fazhi.openness import kinds  # noqa: F401  (registers the ledger kinds)
