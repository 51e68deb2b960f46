from django.conf import settings
from django.db import models


class AdminAction(models.Model):
    """One administrative action. Written only by fazhi.audit.services.record; never edited.

    `scope_path` is the organisation path the action belongs to (see fazhi.orgs.models), kept as
    text so an entry outlives renames and merges and is scoped by prefix like everything else.
    """

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("操作人姓名", max_length=150)
    verb = models.CharField("操作", max_length=64, db_index=True)
    summary = models.CharField("内容", max_length=500)
    scope_path = models.CharField(max_length=255, db_index=True, default="")
    scope_name = models.CharField("所属单位", max_length=100, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)

    append_only = True  # the record itself: written once, never changed, so no history

    class Meta:
        verbose_name = "管理操作记录"
        verbose_name_plural = "管理操作记录"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.summary}"
