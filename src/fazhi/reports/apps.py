from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    verbose_name = "年度报告"
    demo_loader = "fazhi.reports.demo.load"

    def ready(self):
        from fazhi.core import tasks as pending
        from fazhi.core.home import register
        from fazhi.reports import jobs, tasks  # noqa: F401 (jobs registers its kinds)
        from fazhi.reports.panels import county_board, returned_reports

        register(returned_reports)
        register(county_board)
        pending.register(tasks.returned)
        pending.register(tasks.awaiting)
