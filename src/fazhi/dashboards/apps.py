from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """The township and county dashboards: the layer above the ledger apps and the indicators.
    Figures come from fazhi.indicators, lists and counts from each ledger app's selectors."""

    name = "fazhi.dashboards"
    verbose_name = "工作看板"

    def ready(self):
        from fazhi.core import home
        from fazhi.dashboards import panels

        home.register(panels.county_panel)
