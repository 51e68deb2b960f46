"""Every write of notifications: made from the person's pending work, read, and mailed.

`sync_for` is the one way notifications are made. It runs when the person opens the home page
or the notification list, and for everyone in the daily `fazhi deadlines --digest`. It costs
one read of the person's own notifications besides the task sources, and writes only when
something changed (a new event, an event gone or back).
"""

import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from fazhi.core.tasks import TaskGroup, task_groups_for
from fazhi.notifications import digest
from fazhi.notifications.models import Notification, NotificationSettings


def sync_for(user, groups: list[TaskGroup] | None = None) -> int:
    """Make a notification for each pending task of `user` not yet notified (`groups`: the
    person's task groups if the caller has them already). A notification whose event has left
    a group shown in full is marked resolved (办结: no longer unread or mailed); one whose event
    comes back is reopened.
    Returns how many notifications were made."""
    if not getattr(user, "is_authenticated", False):
        return 0
    if groups is None:
        groups = task_groups_for(user)
    tasks = {task.key: (group.code, task) for group in groups for task in group.tasks}
    # Only a group shown in full tells that an event is gone (a cut-short one may hide it).
    complete = [
        group.code for group in groups if group.total is None or group.total <= len(group.tasks)
    ]
    known = dict(
        Notification.objects.filter(user=user)
        .filter(Q(key__in=list(tasks)) | Q(group__in=complete, resolved_at__isnull=True))
        .values_list("key", "resolved_at")
    )
    new = [
        Notification(
            user=user,
            key=key,
            group=code,
            kind=str(task.kind),
            title=task.title[:300],
            url=task.url[:500],
            organisation_name=task.organisation_name[:100],
            due=task.due,
            detail=task.detail[:300],
        )
        for key, (code, task) in tasks.items()
        if key not in known
    ]
    back = [key for key, resolved in known.items() if resolved is not None and key in tasks]
    gone = [key for key, resolved in known.items() if resolved is None and key not in tasks]
    if not (new or back or gone):
        return 0
    mine = Notification.objects.filter(user=user)
    with transaction.atomic():
        # Another request may have made the same ones meanwhile: the constraint keeps one.
        Notification.objects.bulk_create(new, ignore_conflicts=True)
        if back:
            mine.filter(key__in=back).update(resolved_at=None)
        if gone:
            mine.filter(key__in=gone).update(resolved_at=timezone.now())
    return len(new)


def sync_everyone(progress: Callable[[int, int], None] | None = None) -> int:
    """`sync_for` every active person (the daily command). Returns how many were synced."""
    people = list(get_user_model().objects.filter(is_active=True).order_by("pk"))
    for done, person in enumerate(people, start=1):
        sync_for(person)
        if progress:
            progress(done, len(people))
    return len(people)


def mark_read(*, user, pk) -> Notification:
    """The person opened one of their own notifications (another's: Notification.DoesNotExist)."""
    notification = Notification.objects.get(user=user, pk=pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(*, user) -> int:
    """全部标为已读. Returns how many were unread."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def settings_save(*, user, email_digest: bool, email: str) -> NotificationSettings:
    """The person's own choice: the daily e-mail digest on or off, to which address."""
    with transaction.atomic():
        if user.email != email:
            user.email = email
            user.save(update_fields=["email"])
        chosen, _ = NotificationSettings.objects.get_or_create(user=user)
        if chosen.email_digest != email_digest:
            chosen.email_digest = email_digest
            chosen.save()
    return chosen


@dataclass
class DigestOutcome:
    sent: int = 0  # people mailed
    items: int = 0  # notifications in those mails
    unsent: int = 0  # people not mailed this time (their notifications wait for the next run)
    failed: list[str] = field(default_factory=list)  # why, in Chinese


def send_digests(*, site_url: str = "", connection=None) -> DigestOutcome:
    """Mail each person who chose the daily digest one message of their unread notifications
    not mailed before, and stamp those as mailed, so a second run sends nothing new.
    Through Django's mail framework (settings.EMAIL_*); the caller checks mail is configured."""
    pending = (
        Notification.objects.filter(
            user__is_active=True,
            user__notification_settings__email_digest=True,
            read_at__isnull=True,
            resolved_at__isnull=True,
            emailed_at__isnull=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id", F("due").asc(nulls_last=True), "id")
    )
    by_person: dict[int, list[Notification]] = {}
    for notification in pending:
        by_person.setdefault(notification.user_id, []).append(notification)
    outcome = DigestOutcome()
    if not by_person:
        return outcome
    connection = connection or get_connection(fail_silently=False)
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        outcome.failed.append(f"无法连接邮件服务器：{digest.reason(error)}")
        outcome.unsent = len(by_person)
        return outcome
    try:
        for items in by_person.values():
            person = items[0].user
            try:
                connection.send_messages([digest.message(person, items, site_url=site_url)])
            except (smtplib.SMTPException, OSError) as error:
                outcome.failed.append(f"{person}（{person.email}）：{digest.reason(error)}")
                outcome.unsent += 1
                continue
            Notification.objects.filter(pk__in=[item.pk for item in items]).update(
                emailed_at=timezone.now()
            )
            outcome.sent += 1
            outcome.items += len(items)
    finally:
        connection.close()
    return outcome
