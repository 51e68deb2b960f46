from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    """Supervision findings (督察问题) and their rectification (整改销号)."""

    name = "fazhi.supervision"
    label = "supervision"
    verbose_name = "督察整改"
    demo_loader = "fazhi.supervision.demo.load"

    def ready(self):
        from fazhi.core.home import register
        from fazhi.supervision import panels

        register(panels.panel)
