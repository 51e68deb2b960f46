from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.core.tasks import TASK_KIND_LABELS, TaskKind


class Notification(models.Model):
    """One event of a person's pending work (a fazhi.core.tasks.Task), told to them once.

    Made only by fazhi.notifications.services.sync_for, one per person and `key`: the same
    event never notifies twice. `resolved_at` is set when the event has left the person's
    pending work (done, or no longer theirs); it then counts as neither unread nor mailed.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接收人",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    key = models.CharField("事件标识", max_length=200)
    group = models.CharField("分组", max_length=50, blank=True)  # TaskGroup.code
    kind = models.CharField(
        "类别", max_length=20, choices=[(kind.value, TASK_KIND_LABELS[kind]) for kind in TaskKind]
    )
    title = models.CharField("事项", max_length=300)
    url = models.CharField("链接", max_length=500)
    organisation_name = models.CharField("单位", max_length=100, blank=True)
    due = models.DateField("期限", null=True, blank=True)
    detail = models.CharField("说明", max_length=300, blank=True)
    created = models.DateTimeField("通知时间", auto_now_add=True)
    read_at = models.DateTimeField("查看时间", null=True, blank=True)
    emailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)
    resolved_at = models.DateTimeField("办结时间", null=True, blank=True)

    # The event itself is never changed; only the person's own read/mailed/resolved stamps are
    # set, which need no history.
    append_only = True

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_person")
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        return TASK_KIND_LABELS.get(self.kind, "")

    @property
    def unread(self) -> bool:
        return self.read_at is None and self.resolved_at is None


class NotificationSettings(models.Model):
    """What a person chose on their own settings page (通知设置)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    email_digest = models.BooleanField("每日邮件摘要", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "通知设置"
        verbose_name_plural = "通知设置"

    def __str__(self) -> str:
        return f"{self.user} 的通知设置"
