from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Who did which administrative action, when: organisations, people, roles, calendars."""

    name = "fazhi.audit"
    label = "audit"
    verbose_name = "管理操作记录"
