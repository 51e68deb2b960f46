from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running an installation: backup, restore and moving to PostgreSQL (commands only)."""

    name = "fazhi.operations"
    label = "operations"
    verbose_name = "运维"
