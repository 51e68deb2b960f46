from django.conf import settings
from django.db import models


class JobState(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "未完成"


FINISHED_STATES = (JobState.DONE, JobState.FAILED)


class Job(models.Model):
    """One background job a person started. Made by services.start, run by services.run (the
    one code path of both runners). Its file lies under MEDIA_ROOT/jobs/<id>/ and is served only
    through the permission-checked download view."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发起人",
        on_delete=models.CASCADE,
        related_name="jobs",
    )
    # The unit the job's work concerns (its scope), for the listing; None: the user's whole scope.
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="单位",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField("类别", max_length=50)
    title = models.CharField("任务", max_length=200)
    params = models.JSONField("参数", default=dict, blank=True)
    state = models.CharField(
        "状态", max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    done = models.PositiveIntegerField("已处理", default=0)
    total = models.PositiveIntegerField("总数", null=True, blank=True)
    unit = models.CharField("计量单位", max_length=10, default="行")
    message = models.TextField("说明", blank=True)
    result_file = models.CharField("结果文件", max_length=300, blank=True)
    result_name = models.CharField("下载文件名", max_length=200, blank=True)
    created = models.DateTimeField("发起时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    # The runner's last sign of life (claim, progress): a job silent too long has lost it.
    heartbeat = models.DateTimeField("最近进展", null=True, blank=True)
    # When the person opened the finished job: its notification is then settled.
    seen_at = models.DateTimeField("查看时间", null=True, blank=True)

    # Progress counters change many times a run and are the worker's, not a person's edit.
    append_only = True

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["user", "-created"], name="job_by_user")]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def counted(self) -> str:
        """'已处理 18,000 / 72,000 行', or '' before the total is known."""
        if self.total is None:
            return ""
        return f"已处理 {self.done:,} / {self.total:,} {self.unit}"

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        if not self.total:
            return 0
        return min(99, self.done * 100 // self.total)
