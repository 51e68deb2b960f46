from django.apps import AppConfig


class StudyConfig(AppConfig):
    name = "fazhi.study"
    verbose_name = "学法"

    def ready(self):
        from fazhi.study import kinds  # noqa: F401  (registers the ledger kinds)
