"""重大行政决策: the yearly catalogue, the decisions and their statutory procedures.

Workflow state and dates of a decision are not editable fields: only the services in
fazhi.decisions.services change them.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.ledgers.models import Attachment, LedgerRecord
from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import ScopedQuerySet


class DecisionCatalogue(LedgerRecord):
    """决策事项目录 (第三条): one per township and year, published after the party committee's
    consent."""

    occurred_on = models.DateField("编制日期")
    title = models.CharField("目录名称", max_length=200)
    items = models.TextField("决策事项（每行一项）")
    approved_on = models.DateField("党委同意日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    channel = models.CharField("公布渠道", max_length=100, blank=True)
    remarks = models.TextField("备注", blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "重大行政决策事项目录"
        verbose_name_plural = "重大行政决策事项目录"

    def __str__(self) -> str:
        return self.title

    def item_list(self) -> list[str]:
        return [line.strip() for line in self.items.splitlines() if line.strip()]


class Status(models.TextChoices):
    PROCEDURES = "procedures", "履行程序中"
    DECIDED = "decided", "已决定待公布"
    REJECTED = "rejected", "未通过"
    PUBLISHED = "published", "已公布"
    FILED = "filed", "已归档"


class MajorDecision(LedgerRecord):
    occurred_on = models.DateField("启动日期")
    title = models.CharField("决策事项", max_length=200)
    sponsor_unit = models.CharField("承办单位", max_length=100)
    content = models.TextField("决策草案要点")
    remarks = models.TextField("备注", blank=True)
    # Workflow: written by the services only.
    status = models.CharField(
        "办理状态", max_length=16, choices=Status.choices, default=Status.PROCEDURES, editable=False
    )
    decided_on = models.DateField("决定日期", null=True, blank=True, editable=False)
    published_on = models.DateField("公布日期", null=True, blank=True, editable=False)
    publication_channel = models.CharField("公布渠道", max_length=100, blank=True, editable=False)
    publication_late_reason = models.TextField("逾期公布原因", blank=True, editable=False)
    filed_on = models.DateField("归档日期", null=True, blank=True, editable=False)
    dossier_number = models.CharField("档案号", max_length=64, blank=True, editable=False)

    class Meta(LedgerRecord.Meta):
        verbose_name = "重大行政决策"
        verbose_name_plural = "重大行政决策"

    def __str__(self) -> str:
        return self.title


class Step(models.TextChoices):
    PARTICIPATION = "participation", "公众参与"
    EXPERT = "expert", "专家论证"
    RISK = "risk", "风险评估"
    LEGALITY = "legality", "合法性审查"
    COLLECTIVE = "collective", "集体讨论决定"


# The statutory order (第九条 onwards) and the articles each step rests on.
STEP_ORDER = [Step.PARTICIPATION, Step.EXPERT, Step.RISK, Step.LEGALITY, Step.COLLECTIVE]
STEP_ARTICLES = {
    Step.PARTICIPATION: "第十四条至第十八条",
    Step.EXPERT: "第十九条至第二十一条",
    Step.RISK: "第二十二条至第二十四条",
    Step.LEGALITY: "第二十五条至第二十八条",
    Step.COLLECTIVE: "第二十九条、第三十条",
}
# Steps that may be recorded as not applicable; 合法性审查 and 集体讨论决定 never are.
WAIVABLE = (Step.PARTICIPATION, Step.EXPERT, Step.RISK)


class StepState(models.TextChoices):
    OPEN = "open", "进行中"
    DONE = "done", "已完成"
    WAIVED = "waived", "不适用"


class ParticipationForm(models.TextChoices):
    """How the public took part (第十四条): a choice, so figures never parse free text."""

    HEARING = "hearing", "听证会"
    FORUM = "forum", "座谈会"
    ARGUMENT = "argument", "论证会"
    ONLINE = "online", "网上征求意见"
    WRITTEN = "written", "书面征求意见"
    OTHER = "other", "其他"


# Forms that are a meeting with the public (decisions.public_hearings counts these).
MEETING_FORMS = (ParticipationForm.HEARING, ParticipationForm.FORUM, ParticipationForm.ARGUMENT)


class Opinion(models.TextChoices):
    PASSED = "passed", "通过"
    PASSED_AMENDED = "amended", "修改后通过"
    FAILED = "failed", "不通过"


PASSING_OPINIONS = (Opinion.PASSED, Opinion.PASSED_AMENDED)


class Result(models.TextChoices):
    ADOPTED = "adopted", "通过"
    REJECTED = "rejected", "不通过"


class DecisionProcedure(models.Model):
    """One statutory procedure of a decision: a dated record with evidence, or the recorded
    reason it does not apply."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    decision = models.ForeignKey(
        MajorDecision, verbose_name="决策", on_delete=models.PROTECT, related_name="procedures"
    )
    step = models.CharField("程序", max_length=16, choices=Step.choices)
    state = models.CharField("状态", max_length=8, choices=StepState.choices)
    started_on = models.DateField("开始（送审）日期", null=True, blank=True)
    ends_on = models.DateField("征求意见截止日期", null=True, blank=True)
    done_on = models.DateField("完成日期", null=True, blank=True)
    participation_form = models.CharField(
        "公众参与方式", max_length=16, choices=ParticipationForm.choices, blank=True
    )
    method = models.CharField("方式", max_length=100, blank=True)
    shortened_reason = models.TextField("缩短征求意见期的说明", blank=True)
    evidence = models.TextField("情况说明", blank=True)
    evidence_attachment = models.ForeignKey(
        Attachment,
        verbose_name="证明材料",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    waiver_reason = models.TextField("不适用理由", blank=True)
    opinion = models.CharField("审查意见", max_length=8, choices=Opinion.choices, blank=True)
    meeting = models.CharField("会议", max_length=100, blank=True)
    result = models.CharField("决定结果", max_length=8, choices=Result.choices, blank=True)
    dissent = models.TextField("不同意见", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "决策程序"
        verbose_name_plural = "决策程序"
        ordering = ["decision", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "step"],
                name="decision_procedure_unique_step",
                violation_error_message="该决策已登记过这一程序。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision} · {self.get_step_display()}"

    @property
    def passed(self) -> bool:
        return self.state == StepState.DONE and self.opinion in PASSING_OPINIONS
