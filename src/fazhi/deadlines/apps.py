from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "fazhi.deadlines"
    verbose_name = "期限提醒"
    demo_loader = "fazhi.deadlines.demo.load"

    def ready(self):
        # The stored official year tables come before chinese-calendar's data.
        from fazhi.core import tasks as pending
        from fazhi.deadlines import official, tasks

        official.install()
        pending.register(tasks.source)
