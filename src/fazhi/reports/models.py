"""The annual report 年度法治政府建设情况报告: a report per township and year, its numbered
versions with their workflow state, the parts' texts, the drafted suggestions and, once a
version is approved, the frozen figure values."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import ScopedQuerySet

# The five parts, in the order 厅字〔2019〕28号 lists them (REGULATIONS.md §1).
PART_HEADINGS = {
    "achievements": "上一年度推进法治政府建设的主要举措和成效",
    "shortcomings": "上一年度推进法治政府建设存在的不足和原因",
    "first_responsible": (
        "上一年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况"
    ),
    "plans": "下一年度推进法治政府建设的主要安排",
    "other": "其他需要报告的情况",
}
DEFAULT_PART_ORDER = tuple(PART_HEADINGS)
PART_LABELS = {
    "achievements": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "first_responsible": "第一责任人履职情况",
    "plans": "下一年度主要安排",
    "other": "其他需要报告的情况",
}
SUGGESTION_PARTS = ("shortcomings", "plans")

# Statutory marks (REGULATIONS.md §1): the province guide has townships submit by 3月1日, and
# 第二十四条 has the report public by 4月1日, both of the year after the report year.
DEFAULT_SUBMISSION = (3, 1)
DEFAULT_PUBLICATION = (4, 1)
# Shown to users: the province guide (second-hand, REGULATIONS.md §1) is a local rule.
SUBMISSION_SOURCE = "乡镇每年3月1日之前向上一级党委和政府报告；以本地规定为准，可在县级设置中调整"
PUBLICATION_SOURCE = "《法治政府建设与责任落实督察工作规定》第二十四条：每年4月1日之前向社会公开"


class CountySettingQuerySet(ScopedQuerySet):
    org_field = "county"


class CountyReportSetting(models.Model):
    """A county's own order of the five parts and its own submission/publication dates."""

    county = models.OneToOneField(
        Organisation, verbose_name="县（区）", on_delete=models.PROTECT, related_name="+"
    )
    part_order = models.JSONField("五部分顺序", default=list)
    submission_month = models.PositiveSmallIntegerField("报送截止月", default=3)
    submission_day = models.PositiveSmallIntegerField("报送截止日", default=1)
    publication_month = models.PositiveSmallIntegerField("公开截止月", default=4)
    publication_day = models.PositiveSmallIntegerField("公开截止日", default=1)
    history = HistoricalRecords()

    objects = CountySettingQuerySet.as_manager()

    class Meta:
        verbose_name = "年度报告设置"
        verbose_name_plural = "年度报告设置"

    def __str__(self) -> str:
        return f"{self.county} · 年度报告设置"


class Report(models.Model):
    """One township's annual report for one year; its text lives in numbered versions."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("报告年度")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ["-year", "organisation__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                name="report_unique_per_year",
                violation_error_message="该单位这一年度已有报告。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name}{self.year}年度法治政府建设情况报告"


class VersionQuerySet(ScopedQuerySet):
    org_field = "report__organisation"


class State(models.TextChoices):
    DRAFT = "draft", "草稿"
    APPROVED = "approved", "已审定"
    SUBMITTED = "submitted", "已报送"
    PUBLISHED = "published", "已公开"


# States the county inspector may see (never drafts or versions only approved in the township).
SUBMITTED_STATES = (State.SUBMITTED, State.PUBLISHED)


class ReportVersion(models.Model):
    """A numbered version of a report and where it stands in 草稿 → 审定 → 报送 → 公开."""

    report = models.ForeignKey(
        Report, verbose_name="报告", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField("版本号")
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.DRAFT)
    title = models.CharField("标题", max_length=200)
    recipient = models.CharField("主送机关", max_length=100, blank=True, default="")
    signed_on = models.DateField("成文日期")
    part_order = models.JSONField("五部分顺序", default=list)
    frozen_values = models.JSONField("审定时的数字", null=True, blank=True, default=None)
    copied_from = models.ForeignKey(
        "self",
        verbose_name="复制自",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField("审定时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审定人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_on = models.DateField("报送日期", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submission_due_on = models.DateField("报送截止日期", null=True, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    publication_channel = models.CharField("公开渠道", max_length=200, blank=True, default="")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="公开登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publication_due_on = models.DateField("公开截止日期", null=True, blank=True)
    secrecy_reviewed = models.BooleanField("已经保密审查", default=False)
    # The checker's verdict on the text as submitted, stored once at 报送 (reports.checking).
    check_result = models.JSONField("审查结果", null=True, blank=True, default=None)
    check_summary = models.JSONField("审查摘要", null=True, blank=True, default=None)
    # The county's collection (县级报告收取): a submitted version is returned or received.
    returned_at = models.DateTimeField("退回时间", null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="退回人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_reason = models.TextField("退回理由", blank=True, default="")
    received_at = models.DateTimeField("收取时间", null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="收取人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The checker's output is derived from the text: no copy of it in every history row.
    history = HistoricalRecords(excluded_fields=["check_result", "check_summary"])

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = "报告版本"
        verbose_name_plural = "报告版本"
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"],
                name="report_version_unique_number",
                violation_error_message="该报告已有这个版本号。",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=State.values), name="report_version_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"

    @property
    def organisation(self) -> Organisation:
        return self.report.organisation

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def editable(self) -> bool:
        return self.state == State.DRAFT

    @property
    def frozen(self) -> bool:
        return self.frozen_values is not None

    @property
    def submitted_late(self) -> bool:
        return bool(
            self.submitted_on
            and self.submission_due_on
            and self.submitted_on > self.submission_due_on
        )

    @property
    def published_late(self) -> bool:
        return bool(
            self.published_on
            and self.publication_due_on
            and self.published_on > self.publication_due_on
        )


class VersionChildQuerySet(ScopedQuerySet):
    org_field = "version__report__organisation"


class PartText(models.Model):
    """The text of one part in one version; figures are references like {publicity.materials}."""

    version = models.ForeignKey(
        ReportVersion, verbose_name="版本", on_delete=models.CASCADE, related_name="parts"
    )
    key = models.CharField("部分", max_length=32, choices=[(k, v) for k, v in PART_LABELS.items()])
    text = models.TextField("正文", blank=True, default="")
    history = HistoricalRecords()

    objects = VersionChildQuerySet.as_manager()

    class Meta:
        verbose_name = "报告部分"
        verbose_name_plural = "报告部分"
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="report_part_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.version} · {PART_LABELS.get(self.key, self.key)}"


class SuggestionState(models.TextChoices):
    KEPT = "kept", "保留"
    EDITED = "edited", "已修改"
    DROPPED = "dropped", "删除"


class Suggestion(models.Model):
    """A drafted (or the person's own) item of the 不足 or 安排 part, with the evidence behind
    it; the person keeps, edits or drops it."""

    version = models.ForeignKey(
        ReportVersion, verbose_name="版本", on_delete=models.CASCADE, related_name="suggestions"
    )
    part = models.CharField(
        "部分",
        max_length=32,
        choices=[(k, PART_LABELS[k]) for k in SUGGESTION_PARTS],
    )
    position = models.PositiveSmallIntegerField("顺序", default=0)
    drafted = models.BooleanField("系统起草", default=True)
    original_text = models.TextField("起草原文", blank=True, default="")
    text = models.TextField("正文")
    evidence = models.JSONField("依据", default=list, blank=True)
    state = models.CharField(
        "处理", max_length=16, choices=SuggestionState.choices, default=SuggestionState.KEPT
    )
    history = HistoricalRecords()

    objects = VersionChildQuerySet.as_manager()

    class Meta:
        verbose_name = "起草建议"
        verbose_name_plural = "起草建议"
        ordering = ["version", "part", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:30]


class ExternalReport(models.Model):
    """A township's report that did not come through the platform: the county inspector uploads
    its .docx/.pdf; it is checked like a submitted version. The newest upload of a township and
    year is the one in force."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("报告年度")
    stored_file = models.ForeignKey(
        "ledgers.StoredFile", verbose_name="文件", on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField("文件名", max_length=255)
    submitted_on = models.DateField("报送日期")
    published_on = models.DateField("公开日期", null=True, blank=True)
    check_result = models.JSONField("审查结果", null=True, blank=True, default=None)
    check_summary = models.JSONField("审查摘要", null=True, blank=True, default=None)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["check_result", "check_summary"])

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "平台外上传的年度报告"
        verbose_name_plural = "平台外上传的年度报告"
        ordering = ["organisation", "year", "-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation.name}{self.year}年度报告（平台外上传）"
