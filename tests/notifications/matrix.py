"""Permission matrix entries for the pages of fazhi.notifications: everyone signed in has their
own; another person's notification is not found."""

from django.contrib.auth import get_user_model

from fazhi.notifications.models import Notification
from tests.matrix_rules import NOT_ALLOWED, Route


def _notification(world, role, which):
    """The role's own notification, or another person's (the leader's; the clerk's for the
    leader); the anonymous visitor is tried on the clerk's."""
    users = world.users
    if which == "own":
        owner = users.get(role) or users["clerk"]
    else:
        owner = users["clerk"] if role == "leader" else users["leader"]
    owner = get_user_model().objects.get(pk=owner.pk)
    notification, _ = Notification.objects.get_or_create(
        user=owner,
        key="matrix:1",
        defaults={"kind": "due", "title": "矩阵测试事项", "url": "/"},
    )
    return {"pk": notification.pk}


ENTRIES = {
    "notifications:list": Route(),
    # The link marks the notification read and goes to its page.
    "notifications:open": Route(args=_notification, own=302),
    "notifications:read_all": Route(own=NOT_ALLOWED),  # POST only
    "notifications:settings": Route(post={"email_digest": "on", "email": "a@example.gov.cn"}),
}
