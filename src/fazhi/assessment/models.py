"""The assessment (考核) as data: a county's scheme for a year (categories of scored items, each
with a rule kind and its parameters), each township's assessment under it (self-assessment,
evidence, the inspector's review) and every item's score with its history.

A scheme is per county and year (points are local: the national 示范指标体系 publishes none) and
is locked once scoring starts; the rules that turn a figure into points live in rules.py.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import ScopedQuerySet


class RuleKind(models.TextChoices):
    """ASSESSMENT-ITEMS.md's rule kinds; `params` of an item holds each kind's numbers."""

    THRESHOLD = "threshold", "达标计分（≥N 次，每缺一次扣分）"
    RATIO = "ratio", "比率计分（按比例或分档）"
    DEDUCTION = "deduction", "按次扣分（有上限或扣完为止）"
    YESNO = "yesno", "是否计分（有/无）"
    LATE = "late", "迟报漏报扣分"
    VETO = "veto", "一票否决"
    MANUAL = "manual", "人工评分（酌情扣分）"


class SchemeQuerySet(ScopedQuerySet):
    org_field = "county"


class Scheme(models.Model):
    """A county's assessment scheme (考核细则) for one year."""

    county = models.ForeignKey(
        Organisation, verbose_name="县（区）", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("考核年度")
    title = models.CharField("名称", max_length=200)
    total_points = models.DecimalField("总分", max_digits=6, decimal_places=2, default=100)
    # [{"grade": "优秀", "min": 90}, ...], highest first; below the last band: the last grade.
    grade_bands = models.JSONField("等次分数线", default=list)
    copied_from = models.ForeignKey(
        "self",
        verbose_name="复制自",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    locked_at = models.DateTimeField("锁定时间", null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="锁定人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    history = HistoricalRecords()

    objects = SchemeQuerySet.as_manager()

    class Meta:
        verbose_name = "考核细则"
        verbose_name_plural = "考核细则"
        ordering = ["-year", "county__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "year"],
                name="assessment_scheme_unique_year",
                violation_error_message="该县这一年度已有考核细则。",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def locked(self) -> bool:
        return self.locked_at is not None


class SchemeChildQuerySet(ScopedQuerySet):
    org_field = "scheme__county"


class Category(models.Model):
    """A category (一级指标) of a scheme with its points; `floor_at_zero` makes its deductions
    stop at zero for the category as a whole (扣完为止)."""

    scheme = models.ForeignKey(
        Scheme, verbose_name="考核细则", on_delete=models.CASCADE, related_name="categories"
    )
    position = models.PositiveSmallIntegerField("顺序", default=0)
    name = models.CharField("名称", max_length=100)
    points = models.DecimalField("分值", max_digits=6, decimal_places=2)
    floor_at_zero = models.BooleanField("扣完为止", default=False)
    history = HistoricalRecords()

    objects = SchemeChildQuerySet.as_manager()

    class Meta:
        verbose_name = "考核类别"
        verbose_name_plural = "考核类别"
        ordering = ["scheme", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="assessment_category_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    """One scored item: its points, rule kind and the kind's parameters, and what it reads
    (an indicator code of the catalogue, or a named fact)."""

    scheme = models.ForeignKey(
        Scheme, verbose_name="考核细则", on_delete=models.CASCADE, related_name="items"
    )
    category = models.ForeignKey(
        Category, verbose_name="类别", on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField("顺序", default=0)
    code = models.CharField("编号", max_length=20)
    title = models.CharField("考核内容", max_length=300)
    points = models.DecimalField("分值", max_digits=6, decimal_places=2)
    kind = models.CharField("计分方式", max_length=16, choices=RuleKind.choices)
    params = models.JSONField("计分参数", default=dict, blank=True)
    indicator_code = models.CharField("指标代码", max_length=80, blank=True, default="")
    fact = models.CharField("事实", max_length=80, blank=True, default="")
    # 核查不实: the extra deduction when the inspector finds a self-reported fact untrue.
    falsification_penalty = models.DecimalField(
        "核查不实加扣", max_digits=6, decimal_places=2, default=0
    )
    evidence_hint = models.CharField("佐证材料", max_length=300, blank=True, default="")
    source = models.CharField("出处", max_length=200, blank=True, default="")
    history = HistoricalRecords()

    objects = SchemeChildQuerySet.as_manager()

    class Meta:
        verbose_name = "考核项目"
        verbose_name_plural = "考核项目"
        ordering = ["scheme", "category__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="assessment_item_unique_code"),
            models.CheckConstraint(
                condition=models.Q(kind__in=RuleKind.values), name="assessment_item_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class AssessmentState(models.TextChoices):
    SELF = "self", "自评中"
    SUBMITTED = "submitted", "已提交自评"
    REVIEWED = "reviewed", "已评定"


class AssessmentQuerySet(ScopedQuerySet):
    org_field = "organisation"


class Assessment(models.Model):
    """One township's assessment under a scheme."""

    scheme = models.ForeignKey(
        Scheme, verbose_name="考核细则", on_delete=models.PROTECT, related_name="assessments"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        "状态", max_length=16, choices=AssessmentState.choices, default=AssessmentState.SELF
    )
    self_submitted_at = models.DateTimeField("自评提交时间", null=True, blank=True)
    self_submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="自评提交人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("评定时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评定人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = "考核"
        verbose_name_plural = "考核"
        ordering = ["scheme", "organisation__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "organisation"], name="assessment_unique_per_scheme"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=AssessmentState.values),
                name="assessment_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name} {self.scheme.year}年度考核"


class ReviewState(models.TextChoices):
    PENDING = "pending", "待审核"
    CONFIRMED = "confirmed", "确认"
    ADJUSTED = "adjusted", "调整"
    FALSIFIED = "falsified", "核查不实"


class ItemScoreQuerySet(ScopedQuerySet):
    org_field = "assessment__organisation"


class ItemScore(models.Model):
    """One item of one township's assessment: the computed score with the figure behind it,
    the township's self-assessment and note, and the inspector's review. Every change is in
    history with who, when and why (`reason`)."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="考核", on_delete=models.CASCADE, related_name="scores"
    )
    item = models.ForeignKey(
        Item, verbose_name="考核项目", on_delete=models.PROTECT, related_name="+"
    )
    computed = models.DecimalField(
        "系统计分", max_digits=6, decimal_places=2, null=True, blank=True
    )
    basis = models.JSONField("计分依据", default=dict, blank=True)
    self_score = models.DecimalField(
        "自评分", max_digits=6, decimal_places=2, null=True, blank=True
    )
    self_note = models.TextField("自评说明", blank=True, default="")
    review = models.CharField(
        "审核", max_length=16, choices=ReviewState.choices, default=ReviewState.PENDING
    )
    final = models.DecimalField("评定分", max_digits=6, decimal_places=2, null=True, blank=True)
    reason = models.TextField("理由", blank=True, default="")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ItemScoreQuerySet.as_manager()

    class Meta:
        verbose_name = "考核项目得分"
        verbose_name_plural = "考核项目得分"
        ordering = ["assessment", "item__category__position", "item__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="assessment_score_unique"),
            models.CheckConstraint(
                condition=models.Q(review__in=ReviewState.values),
                name="assessment_score_review_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.item.code}"


class EvidenceQuerySet(ScopedQuerySet):
    org_field = "score__assessment__organisation"


class Evidence(models.Model):
    """Evidence (佐证) for one item: a ledger record (by kind slug and id), one of its
    attachments, or an uploaded file (stored once per SHA-256 like attachments). It belongs to
    the year it proves, not the day it was uploaded."""

    score = models.ForeignKey(
        ItemScore, verbose_name="考核项目", on_delete=models.CASCADE, related_name="evidence"
    )
    year = models.PositiveSmallIntegerField("所证年度")
    kind_slug = models.CharField("台账", max_length=64, blank=True, default="")
    record_id = models.PositiveBigIntegerField("台账记录", null=True, blank=True)
    attachment = models.ForeignKey(
        "ledgers.Attachment",
        verbose_name="台账附件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    stored_file = models.ForeignKey(
        "ledgers.StoredFile",
        verbose_name="文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField("名称", max_length=255)
    note = models.TextField("说明", blank=True, default="")
    added_at = models.DateTimeField("添加时间", auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="添加人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["score", "added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(record_id__isnull=False)
                    | models.Q(attachment__isnull=False)
                    | models.Q(stored_file__isnull=False)
                ),
                name="assessment_evidence_has_target",
            )
        ]

    def __str__(self) -> str:
        return self.name
