from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """The administrator's pages: people, their roles, and the record of administrative actions."""

    name = "fazhi.people"
    label = "people"
    verbose_name = "人员与角色"
