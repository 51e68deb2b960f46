"""What a person sees of their own notifications (never another's)."""

from django.db.models import Case, IntegerField, Value, When

from fazhi.notifications.models import Notification, NotificationSettings

LIST_LIMIT = 200  # the newest; older read ones stay stored but off the page


def unread_filter() -> dict:
    return {"read_at__isnull": True, "resolved_at__isnull": True}


def unread_count(user) -> int:
    """The navigation's badge: one query."""
    return Notification.objects.filter(user=user, **unread_filter()).count()


def notifications_for(user, limit: int = LIST_LIMIT) -> list[Notification]:
    """The person's notifications, unread first, then newest first."""
    unread_first = Case(
        When(read_at__isnull=True, resolved_at__isnull=True, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return list(
        Notification.objects.filter(user=user)
        .annotate(read_order=unread_first)
        .order_by("read_order", "-created", "-id")[:limit]
    )


def settings_for(user) -> NotificationSettings:
    """The person's choices (defaults, unsaved, if they never chose)."""
    chosen = NotificationSettings.objects.filter(user=user).first()
    return chosen or NotificationSettings(user=user)
