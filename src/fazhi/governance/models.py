"""组织领导 ledgers: the leading group, its meetings, plans, responsibility tasks and budget.

All of them are kept by the township (the leading group is a township body).
"""

from datetime import date

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from fazhi.ledgers.models import Attachment, LedgerRecord


class Member(LedgerRecord):
    class Role(models.TextChoices):
        LEADER = "leader", "组长"
        DEPUTY = "deputy", "副组长"
        MEMBER = "member", "成员"
        OFFICE_DIRECTOR = "office_director", "办公室主任"

    occurred_on = models.DateField("任职日期")
    name = models.CharField("姓名", max_length=50)
    role = models.CharField("小组职务", max_length=16, choices=Role.choices)
    unit = models.CharField("单位及职务", max_length=100)
    left_on = models.DateField("离任日期", null=True, blank=True)
    notes = models.CharField("备注", max_length=200, blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "领导小组成员"
        verbose_name_plural = "领导小组成员"

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"

    def clean(self) -> None:
        if self.left_on and self.occurred_on and self.left_on < self.occurred_on:
            raise ValidationError({"left_on": "离任日期不能早于任职日期。"})


class Meeting(LedgerRecord):
    class Type(models.TextChoices):
        LEADING_GROUP = "leading_group", "领导小组会议"
        SPECIAL = "special", "专题会议"
        PARTY_COMMITTEE_STUDY = "party_committee_study", "党委会学法"
        JOINT = "joint", "联席会议"
        OTHER = "other", "其他会议"

    class Position(models.TextChoices):
        SECRETARY = "secretary", "党委书记"
        HEAD = "head", "镇长（乡长、主任）"
        DEPUTY_SECRETARY = "deputy_secretary", "党委副书记"
        DEPUTY_HEAD = "deputy_head", "分管领导"
        OTHER = "other", "其他"

    # The principal leaders: 党委书记 and 镇长 are the first persons responsible for rule of law.
    PRINCIPALS = (Position.SECRETARY, Position.HEAD)

    occurred_on = models.DateField("会议日期")
    meeting_type = models.CharField("会议类型", max_length=32, choices=Type.choices)
    title = models.CharField("会议名称", max_length=200)
    presider = models.CharField("主持人", max_length=50)
    presider_position = models.CharField("主持人职务", max_length=32, choices=Position.choices)
    attendees = models.PositiveIntegerField(
        "参会人数", validators=[MinValueValidator(1, "参会人数至少为 1。")]
    )
    topics = models.TextField("会议议题")
    decisions = models.TextField("议定事项", blank=True)
    minutes = models.TextField("会议纪要", blank=True, help_text="纪要扫描件请作为附件上传")

    class Meta(LedgerRecord.Meta):
        verbose_name = "会议记录"
        verbose_name_plural = "会议记录"

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.title}"

    @property
    def presided_by_principal(self) -> bool:
        return self.presider_position in self.PRINCIPALS


class Plan(LedgerRecord):
    class Type(models.TextChoices):
        ANNUAL_PLAN = "annual_plan", "年度计划"
        SCHEME = "scheme", "实施方案"
        RESPONSIBILITY_LIST = "responsibility_list", "责任清单"
        PROGRAMME = "programme", "规划"

    occurred_on = models.DateField("印发日期")
    plan_type = models.CharField("文件类型", max_length=32, choices=Type.choices)
    title = models.CharField("文件标题", max_length=200)
    doc_number = models.CharField(
        "文号", max_length=50, blank=True, help_text="如 青山党发〔2025〕3号；无文号可不填"
    )
    summary = models.TextField("主要内容", blank=True)
    # Read by has_document; prefetched for a whole list (LedgerKind.related), not one query a
    # plan. No column; a plan is archived, never deleted, so its attachments are never removed.
    attachments = GenericRelation(
        Attachment, content_type_field="record_type", object_id_field="record_id"
    )

    class Meta(LedgerRecord.Meta):
        verbose_name = "计划方案"
        verbose_name_plural = "计划方案"

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        # Brackets are typed every which way; keep one spelling so duplicates can be found.
        self.doc_number = normalise_doc_number(self.doc_number)

    def has_document(self) -> bool:
        if self.pk is None:
            return False
        return any(attachment.archived_at is None for attachment in self.attachments.all())


def normalise_doc_number(text: str) -> str:
    text = (text or "").strip().replace(" ", "")
    for wrong in ("[", "［", "(", "（", "【"):
        text = text.replace(wrong, "〔")
    for wrong in ("]", "］", ")", "）", "】"):
        text = text.replace(wrong, "〕")
    return text


class Task(LedgerRecord):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "未开始"
        IN_PROGRESS = "in_progress", "进行中"
        DONE = "done", "已完成"

    occurred_on = models.DateField("下达日期")
    task = models.CharField("任务内容", max_length=200)
    responsible_unit = models.CharField("责任单位", max_length=100)
    owner = models.CharField("责任人", max_length=50)
    due_on = models.DateField("完成时限")
    status = models.CharField(
        "完成状态", max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    completed_on = models.DateField("完成日期", null=True, blank=True)
    evidence = models.TextField("佐证材料", blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "责任任务"
        verbose_name_plural = "责任任务"

    def __str__(self) -> str:
        return self.task

    def clean(self) -> None:
        errors = {}
        if self.occurred_on and self.due_on and self.due_on < self.occurred_on:
            errors["due_on"] = "完成时限不能早于下达日期。"
        done = self.status == self.Status.DONE
        if done and not self.completed_on:
            errors["completed_on"] = "状态为“已完成”时必须填写完成日期。"
        elif self.completed_on and not done:
            errors["status"] = "填写了完成日期的任务，状态应为“已完成”。"
        elif self.completed_on and self.occurred_on and self.completed_on < self.occurred_on:
            errors["completed_on"] = "完成日期不能早于下达日期。"
        if errors:
            raise ValidationError(errors)

    @classmethod
    def overdue_on(cls, today: date) -> models.Q:
        """Tasks late on `today`: not completed and due before it (as days_overdue says)."""
        return ~models.Q(status=cls.Status.DONE) & models.Q(due_on__lt=today)

    def days_overdue(self, today: date | None = None) -> int:
        """Days past the due date of a task not completed; 0 when not overdue (a task due today
        is not yet late)."""
        if self.status == self.Status.DONE:
            return 0
        today = today or timezone.localdate()
        return max((today - self.due_on).days, 0)

    def is_overdue(self, today: date | None = None) -> bool:
        return self.days_overdue(today) > 0


class Budget(LedgerRecord):
    class Purpose(models.TextChoices):
        GENERAL = "general", "法治建设专项经费"
        PUBLICITY = "publicity", "普法宣传"
        LEGAL_ADVISOR = "legal_advisor", "法律顾问服务"
        FACILITIES = "facilities", "法治阵地建设"
        TRAINING = "training", "学法培训"
        OTHER = "other", "其他"

    occurred_on = models.DateField("安排日期")
    purpose = models.CharField("经费用途", max_length=16, choices=Purpose.choices)
    amount = models.DecimalField(
        "金额（元）",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0, "金额不能为负数。")],
    )
    notes = models.CharField("说明", max_length=200, blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "法治建设经费"
        verbose_name_plural = "法治建设经费"

    def __str__(self) -> str:
        return f"{self.year}年{self.get_purpose_display()} {self.amount} 元"
