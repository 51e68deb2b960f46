from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    verbose_name = "基础"

    def ready(self):
        # Stand-in rendering of the pending work (see tasks_panel.py); drop with that module.
        from fazhi.core import home, tasks_panel

        home.register(tasks_panel.panel)
