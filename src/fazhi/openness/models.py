from datetime import date

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from fazhi.deadlines.models import Deadline, State
from fazhi.ledgers.models import LedgerRecord

# The deadline engine's period for answering a complaint (county-settable): the only source of
# a complaint's answer deadline.
ANSWER_PERIOD = "complaint.answer"


class Disclosure(LedgerRecord):
    class Type(models.TextChoices):
        GOVERNMENT = "government", "政务公开"
        PARTY = "party", "三务公开（党务）"
        VILLAGE = "village", "三务公开（村务）"
        FINANCE = "finance", "三务公开（财务）"
        ENFORCEMENT = "enforcement", "执法公示"
        DECISION = "decision", "决策公开"

    class Channel(models.TextChoices):
        WEBSITE = "website", "政府网站"
        BOARD = "board", "公开栏"
        WECHAT = "wechat", "微信公众号"
        NEW_MEDIA = "new_media", "政务新媒体"
        OTHER = "other", "其他"

    occurred_on = models.DateField("公开日期")
    disclosure_type = models.CharField("公开类型", max_length=16, choices=Type.choices)
    channel = models.CharField("公开渠道", max_length=16, choices=Channel.choices)
    title = models.CharField("公开事项", max_length=200)
    period = models.CharField(
        "公开期间", max_length=50, blank=True, help_text="所公开内容涵盖的期间，如“2025年第一季度”"
    )
    items = models.PositiveIntegerField(
        "公开条目数", validators=[MinValueValidator(1, "公开条目数至少为 1。")]
    )

    class Meta(LedgerRecord.Meta):
        verbose_name = "信息公开"
        verbose_name_plural = "信息公开"

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.title}"


class Supervision(LedgerRecord):
    class Type(models.TextChoices):
        NPC = "npc", "人大监督"
        CPPCC = "cppcc", "政协民主监督"
        HOTLINE = "hotline", "监督电话"
        MAILBOX = "mailbox", "投诉信箱"
        SUPERVISOR_VISIT = "supervisor_visit", "行政执法监督员走访"
        PUBLIC_REVIEW = "public_review", "群众评议"

    occurred_on = models.DateField("监督日期")
    supervision_type = models.CharField("监督方式", max_length=24, choices=Type.choices)
    subject = models.CharField("监督事项", max_length=200)
    participants = models.PositiveIntegerField(
        "参与人数", default=0, validators=[MinValueValidator(0, "参与人数不能为负数。")]
    )
    findings = models.TextField("发现问题", blank=True)
    follow_up = models.TextField("整改落实", blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "监督记录"
        verbose_name_plural = "监督记录"

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.subject}"


class Complaint(LedgerRecord):
    class Channel(models.TextChoices):
        HOTLINE_12345 = "12345", "12345热线"
        LETTER = "letter", "来信"
        VISIT = "visit", "来访"
        ONLINE = "online", "网络"
        PHONE = "phone", "监督电话"

    class Status(models.TextChoices):
        HANDLING = "handling", "办理中"
        ANSWERED = "answered", "已答复"
        CLOSED = "closed", "已办结"

    OVERDUE_ANSWER = "逾期答复"
    OVERDUE_OPEN = "已逾期"

    occurred_on = models.DateField("受理日期")
    channel = models.CharField("投诉渠道", max_length=16, choices=Channel.choices)
    complainant = models.CharField("投诉人", max_length=50)  # personal data (kinds.py)
    matter = models.CharField("投诉事项", max_length=300)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    status = models.CharField(
        "办理状态", max_length=16, choices=Status.choices, default=Status.HANDLING
    )
    reply = models.TextField("答复内容", blank=True)
    # The engine's deadlines on this complaint (duedates.py keeps its answer deadline).
    deadlines = GenericRelation(
        Deadline, content_type_field="record_type", object_id_field="record_id"
    )

    class Meta(LedgerRecord.Meta):
        verbose_name = "投诉办理"
        verbose_name_plural = "投诉办理"

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.matter}"

    def clean(self) -> None:
        errors = {}
        received = self.occurred_on
        if received and self.answered_on and self.answered_on < received:
            errors["answered_on"] = "答复日期不能早于受理日期。"
        if self.status in (self.Status.ANSWERED, self.Status.CLOSED):
            label = self.get_status_display()
            if not self.answered_on:
                errors.setdefault("answered_on", f"办理状态为“{label}”时须填写答复日期。")
            if not (self.reply or "").strip():
                errors["reply"] = f"办理状态为“{label}”时须填写答复内容。"
        elif self.status == self.Status.HANDLING and self.answered_on:
            errors["status"] = "已填写答复日期，办理状态不能为“办理中”。"
        if errors:
            raise ValidationError(errors)

    @property
    def answer_deadline(self) -> Deadline | None:
        """The engine's answer deadline of this complaint (read from the prefetched deadlines
        when a list prefetched them); None before the complaint is saved."""
        if self.pk is None:
            return None
        return next((d for d in self.deadlines.all() if d.code == ANSWER_PERIOD), None)

    def overdue_label(self, today: date | None = None) -> str:
        """“逾期答复” when answered after the deadline, “已逾期” when unanswered past it."""
        deadline = self.answer_deadline
        if deadline is None:
            return ""
        state = deadline.state(today or timezone.localdate())
        return {State.MET_LATE: self.OVERDUE_ANSWER, State.OVERDUE: self.OVERDUE_OPEN}.get(
            state, ""
        )
