"""规范性文件 ledgers: the township's normative documents with their statutory procedure, and the
yearly cleanup (清理) rounds.

The document's workflow state and dates are written only by fazhi.normative.services; the generic
ledger form and Excel import see the descriptive fields alone (kinds.py).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.ledgers.models import LedgerRecord
from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import ScopedQuerySet


class Status(models.TextChoices):
    DRAFTING = "drafting", "起草"
    CONSULTATION = "consultation", "公开征求意见"
    REVIEW = "review", "合法性审核"
    DELIBERATION = "deliberation", "待集体审议"
    APPROVED = "approved", "待公布"
    PUBLISHED = "published", "已公布（待备案）"
    EFFECTIVE = "effective", "有效"
    AMENDING = "amending", "修改中"
    REPEALED = "repealed", "废止"
    EXPIRED = "expired", "失效"


# States in which the document text is still being prepared (a first draft or an amendment).
DRAFT_STATES = {Status.DRAFTING, Status.AMENDING}
# States before publication (the procedure of 起草 → 审议).
PRE_PUBLICATION = {
    Status.DRAFTING,
    Status.AMENDING,
    Status.CONSULTATION,
    Status.REVIEW,
    Status.DELIBERATION,
    Status.APPROVED,
}
# A published document stays the basis of administration while an amendment is prepared.
IN_FORCE = {Status.PUBLISHED, Status.EFFECTIVE, Status.AMENDING}


class NormativeDocument(LedgerRecord):
    occurred_on = models.DateField("起草日期")
    title = models.CharField("文件名称", max_length=200)
    drafting_unit = models.CharField("起草单位", max_length=100)
    summary = models.TextField("主要内容", blank=True)
    # Checked on save against the law catalogue (fazhi.lawbook.citing), linked on its pages.
    legal_basis = models.TextField(
        "制定依据",
        blank=True,
        help_text="文件依据的法律法规，如《中华人民共和国行政处罚法》第三十九条",
    )

    # Workflow: written by the services only.
    status = models.CharField(
        "办理状态", max_length=16, choices=Status.choices, default=Status.DRAFTING, editable=False
    )
    revision = models.PositiveSmallIntegerField("稿次", default=1, editable=False)
    doc_number = models.CharField("文号", max_length=60, blank=True, editable=False)
    published_on = models.DateField("公布日期", null=True, blank=True, editable=False)
    publish_channel = models.CharField("公布渠道", max_length=100, blank=True, editable=False)
    validity_years = models.PositiveSmallIntegerField(
        "有效期（年）", null=True, blank=True, editable=False
    )
    expires_on = models.DateField("有效期至", null=True, blank=True, editable=False)
    filed_on = models.DateField("备案日期", null=True, blank=True, editable=False)
    filing_authority = models.CharField("备案机关", max_length=100, blank=True, editable=False)
    ended_on = models.DateField("废止/失效日期", null=True, blank=True, editable=False)
    end_reason = models.CharField("废止/失效原因", max_length=200, blank=True, editable=False)

    class Meta(LedgerRecord.Meta):
        verbose_name = "规范性文件"
        verbose_name_plural = "规范性文件"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "doc_number"],
                condition=~models.Q(doc_number=""),
                name="normative_doc_number_unique",
                violation_error_message="本乡镇已有使用该文号的文件。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.doc_number} {self.title}" if self.doc_number else self.title

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE


class Step(models.Model):
    """What every procedural step shares: the document, its revision, who recorded it."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        NormativeDocument, verbose_name="文件", on_delete=models.PROTECT, related_name="+"
    )
    revision = models.PositiveSmallIntegerField("稿次")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class Consultation(Step):
    """公开征求意见: the period the draft was open for comment."""

    starts_on = models.DateField("征求意见开始日期")
    ends_on = models.DateField("征求意见截止日期")
    channel = models.CharField("征求意见方式", max_length=100)
    closed_on = models.DateField("结束日期", null=True, blank=True)
    comments_received = models.PositiveIntegerField("收到意见（条）", null=True, blank=True)
    adoption = models.TextField("意见采纳情况", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["starts_on", "pk"]

    def __str__(self) -> str:
        return f"征求意见 {self.starts_on}至{self.ends_on}"


class LegalityReview(Step):
    """合法性审核: submitted by the drafting office, the opinion given by a legal reviewer."""

    class Opinion(models.TextChoices):
        PASSED = "passed", "通过"
        PASSED_WITH_CHANGES = "passed_with_changes", "修改后通过"
        REJECTED = "rejected", "不通过"

    PASSING = (Opinion.PASSED, Opinion.PASSED_WITH_CHANGES)

    submitted_on = models.DateField("送审日期")
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    opinion = models.CharField("审核意见", max_length=24, choices=Opinion.choices, blank=True)
    remarks = models.TextField("审核意见说明", blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "合法性审核"
        verbose_name_plural = "合法性审核"
        ordering = ["submitted_on", "pk"]

    def __str__(self) -> str:
        return f"合法性审核 {self.submitted_on} {self.get_opinion_display() or '审核中'}"

    @property
    def passed(self) -> bool:
        return self.opinion in self.PASSING


class Deliberation(Step):
    """集体审议: the meeting (date and title; the meetings ledger cannot be linked by key)."""

    meeting_on = models.DateField("会议日期")
    meeting_title = models.CharField("会议名称", max_length=200)
    minutes_ref = models.CharField("会议纪要", max_length=200, blank=True)
    agreed = models.BooleanField("审议通过")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "集体审议"
        verbose_name_plural = "集体审议"
        ordering = ["meeting_on", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting_on} {self.meeting_title}"


class Amendment(Step):
    """修改: an effective document reopened for amendment (the new revision's number)."""

    started_on = models.DateField("启动修改日期")
    reason = models.CharField("修改原因", max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "修改"
        verbose_name_plural = "修改"
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"修改 {self.started_on}：{self.reason}"


class CleanupRound(LedgerRecord):
    """One township's yearly cleanup (清理) of its normative documents."""

    occurred_on = models.DateField("清理日期")
    title = models.CharField("清理名称", max_length=100)
    notes = models.CharField("说明", max_length=200, blank=True)
    completed_on = models.DateField("清理结果公布日期", null=True, blank=True, editable=False)

    class Meta(LedgerRecord.Meta):
        verbose_name = "规范性文件清理"
        verbose_name_plural = "规范性文件清理"

    def __str__(self) -> str:
        return f"{self.year}年 {self.title}"


class CleanupItem(models.Model):
    """One document listed in a cleanup round and the conclusion on it."""

    class Decision(models.TextChoices):
        KEEP = "keep", "继续有效"
        AMEND = "amend", "修改"
        REPEAL = "repeal", "废止"

    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    cleanup = models.ForeignKey(
        CleanupRound, verbose_name="清理", on_delete=models.PROTECT, related_name="items"
    )
    document = models.ForeignKey(
        NormativeDocument, verbose_name="文件", on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField("清理结论", max_length=8, choices=Decision.choices, blank=True)
    reason = models.CharField("理由", max_length=200, blank=True)
    applied = models.BooleanField("已执行", default=False)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "清理结论"
        verbose_name_plural = "清理结论"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cleanup", "document"],
                name="normative_cleanup_item_unique",
                violation_error_message="该文件已列入本轮清理。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_id}：{self.get_decision_display() or '未作结论'}"
