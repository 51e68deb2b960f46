from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """The administrator's pages: people, their roles, and the record of administrative actions."""

    name = "fazhi.people"
    label = "people"
    verbose_name = "人员与角色"
    demo_loader = "fazhi.people.demo.load"

    def ready(self):
        from fazhi.core import tasks as pending
        from fazhi.people import tasks

        pending.register(tasks.source)
