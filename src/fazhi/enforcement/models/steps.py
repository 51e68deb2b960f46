"""Steps of an enforcement case. Created only by fazhi.enforcement.services; scoped by their
organisation (the case's township) like every ledger record."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.enforcement.models.ledgers import Case, Officer
from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import ScopedQuerySet


class CaseStep(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(inherit=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class CaseOfficer(CaseStep):
    """An officer handling the case; name and certificate number are kept as they were then."""

    case = models.ForeignKey(
        Case, verbose_name="案件", on_delete=models.PROTECT, related_name="officers"
    )
    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("姓名", max_length=50)
    certificate_number = models.CharField("执法证号", max_length=40)
    assigned_on = models.DateField("参与办案日期")

    class Meta:
        verbose_name = "办案人员"
        verbose_name_plural = "办案人员"
        ordering = ["assigned_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "officer"],
                name="enforcement_case_officer_once",
                violation_error_message="该执法人员已在本案办案人员中。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"


class LegalReview(CaseStep):
    """法制审核 of a case (《行政处罚法》第五十八条), recorded by a reviewer."""

    class Opinion(models.TextChoices):
        PASSED = "passed", "通过"
        AMEND = "amend", "退回补充、修改"
        REJECTED = "rejected", "不通过"

    case = models.ForeignKey(
        Case, verbose_name="案件", on_delete=models.PROTECT, related_name="legal_reviews"
    )
    reviewed_on = models.DateField("审核日期")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人账号",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewer_name = models.CharField("审核人", max_length=50)
    opinion = models.CharField("审核意见", max_length=16, choices=Opinion.choices)
    comments = models.TextField("审核意见书内容", blank=True)

    class Meta:
        verbose_name = "法制审核"
        verbose_name_plural = "法制审核"
        ordering = ["reviewed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.reviewed_on} {self.get_opinion_display()}"

    @property
    def passed(self) -> bool:
        return self.opinion == self.Opinion.PASSED


class CaseExtension(CaseStep):
    """An approved extension of the period for deciding the case."""

    case = models.ForeignKey(
        Case, verbose_name="案件", on_delete=models.PROTECT, related_name="extensions"
    )
    days = models.PositiveSmallIntegerField("延长天数")
    approved_on = models.DateField("批准日期")
    approver = models.CharField("批准人", max_length=50)
    reason = models.CharField("延长理由", max_length=300)

    class Meta:
        verbose_name = "办案期限延长"
        verbose_name_plural = "办案期限延长"
        ordering = ["approved_on", "pk"]

    def __str__(self) -> str:
        return f"延长{self.days}日（{self.approver}批准）"


class ProcessRecord(CaseStep):
    """One item of the full-process record (《行政处罚法》第四十七条): a stage recorded in
    writing or on audio/video. The files themselves are the case's attachments."""

    class Stage(models.TextChoices):
        START = "start", "启动"
        INVESTIGATION = "investigation", "调查取证"
        REVIEW = "review", "审核"
        DECISION = "decision", "决定"
        SERVICE = "service", "送达"
        EXECUTION = "execution", "执行"

    class Form(models.TextChoices):
        TEXT = "text", "文字记录"
        AUDIOVISUAL = "audiovisual", "音像记录"

    case = models.ForeignKey(
        Case, verbose_name="案件", on_delete=models.PROTECT, related_name="process_records"
    )
    stage = models.CharField("执法环节", max_length=16, choices=Stage.choices)
    form = models.CharField("记录形式", max_length=16, choices=Form.choices)
    made_on = models.DateField("记录日期")
    description = models.CharField("记录内容", max_length=200)

    class Meta:
        verbose_name = "全过程记录"
        verbose_name_plural = "全过程记录"
        ordering = ["made_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}·{self.get_form_display()}"


class CaseFileReview(CaseStep):
    """案卷评查 of one case: six items scored against their maximum."""

    case = models.OneToOneField(
        Case, verbose_name="案件", on_delete=models.PROTECT, related_name="file_review"
    )
    reviewed_on = models.DateField("评查日期")
    reviewer_name = models.CharField("评查人", max_length=50)
    subject_score = models.PositiveSmallIntegerField("主体资格")
    procedure_score = models.PositiveSmallIntegerField("程序")
    facts_score = models.PositiveSmallIntegerField("事实")
    evidence_score = models.PositiveSmallIntegerField("证据")
    law_score = models.PositiveSmallIntegerField("法律适用")
    documents_score = models.PositiveSmallIntegerField("文书与归档")
    total = models.PositiveSmallIntegerField("总分")
    comments = models.TextField("评查意见", blank=True)

    class Meta:
        verbose_name = "案卷评查"
        verbose_name_plural = "案卷评查"
        ordering = ["reviewed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.reviewed_on} {self.total}分"
