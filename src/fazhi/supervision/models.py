"""Supervision findings (督察问题) and their rectification (整改销号).

A finding names a township, where it came from (the assessment review, the report checker, an
overdue statutory deadline, an on-site visit), what is wrong and by when it must be fixed. The
township records its rectification with evidence; only the inspector closes (销号) it. A finding
not closed stays open into the following years.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import ScopedQuerySet


class Source(models.TextChoices):
    ASSESSMENT = "assessment", "考核评定"
    CHECKER = "checker", "报告审查"
    DEADLINE = "deadline", "法定期限逾期"
    VISIT = "visit", "实地督察"


# The source_ref of a finding opened for a statutory deadline (one finding per deadline).
DEADLINE_REF = "deadline:{pk}"


class FindingState(models.TextChoices):
    OPEN = "open", "待整改"
    RECTIFIED = "rectified", "已整改待销号"
    CLOSED = "closed", "已销号"


class FindingQuerySet(ScopedQuerySet):
    org_field = "organisation"


class Finding(models.Model):
    """One finding against one township. `source_ref` names what it came from (an item score,
    a checker finding, a deadline) so the same event never opens two findings."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("所属年度")
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    source_ref = models.CharField("来源标识", max_length=120, blank=True, default="")
    title = models.CharField("问题", max_length=300)
    detail = models.TextField("具体情况", blank=True, default="")
    found_on = models.DateField("发现日期")
    rectify_by = models.DateField("整改期限")
    state = models.CharField(
        "状态", max_length=16, choices=FindingState.choices, default=FindingState.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提出人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_on = models.DateField("销号日期", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="销号人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    close_note = models.TextField("销号意见", blank=True, default="")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    history = HistoricalRecords()

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = "督察问题"
        verbose_name_plural = "督察问题"
        ordering = ["state", "rectify_by", "pk"]
        indexes = [models.Index(fields=["organisation", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=FindingState.values),
                name="supervision_finding_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=Source.values),
                name="supervision_finding_source_valid",
            ),
            models.UniqueConstraint(
                fields=["organisation", "source", "source_ref"],
                condition=~models.Q(source_ref=""),
                name="supervision_finding_unique_source",
                violation_error_message="这一事项已经提出过督察问题。",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RectificationQuerySet(ScopedQuerySet):
    org_field = "finding__organisation"


class Rectification(models.Model):
    """The township's record of what it did about a finding, with evidence files."""

    finding = models.ForeignKey(
        Finding, verbose_name="督察问题", on_delete=models.CASCADE, related_name="rectifications"
    )
    text = models.TextField("整改情况")
    done_on = models.DateField("整改完成日期")
    stored_file = models.ForeignKey(
        "ledgers.StoredFile",
        verbose_name="佐证文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    file_name = models.CharField("文件名", max_length=255, blank=True, default="")
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The inspector may send a rectification back (退回) with a reason; the finding reopens.
    returned_on = models.DateField("退回日期", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True, default="")
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="退回人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = RectificationQuerySet.as_manager()

    class Meta:
        verbose_name = "整改记录"
        verbose_name_plural = "整改记录"
        ordering = ["finding", "submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.finding} · 整改"
