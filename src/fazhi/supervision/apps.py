from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    """Supervision findings (督察问题) and their rectification (整改销号)."""

    name = "fazhi.supervision"
    label = "supervision"
    verbose_name = "督察整改"
