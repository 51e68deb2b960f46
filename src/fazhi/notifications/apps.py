from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """A person's notifications (通知), made from their pending work (fazhi.core.tasks)."""

    name = "fazhi.notifications"
    label = "notifications"
    verbose_name = "通知"
