from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "fazhi.governance"
    verbose_name = "组织领导"

    def ready(self):
        from fazhi.governance import kinds  # noqa: F401  (registers the ledger kinds)
