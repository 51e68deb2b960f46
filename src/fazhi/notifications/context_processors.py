from functools import cache

from fazhi.notifications.selectors import unread_count


def notifications(request):
    """`notification_unread` for the navigation's 通知 badge: counted (one query) only when a
    template shows it, so pages without the menu read nothing; counted once per page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def unread() -> int:
        return unread_count(user)

    return {"notification_unread": unread}
