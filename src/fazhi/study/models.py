from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from fazhi.ledgers.models import LedgerRecord


class StudySession(LedgerRecord):
    class Type(models.TextChoices):
        CENTRAL_GROUP = "central_group", "中心组学法"
        PRE_MEETING = "pre_meeting", "会前学法"
        COLLECTIVE = "collective", "集中学法"
        LECTURE = "lecture", "专题讲座"
        ENFORCEMENT_TRAINING = "enforcement_training", "执法培训"

    class Leader(models.TextChoices):
        NONE = "", "无"
        SECRETARY = "secretary", "党委书记"
        HEAD = "head", "镇长（乡长、主任）"

    occurred_on = models.DateField("学习日期")
    session_type = models.CharField("学习形式", max_length=32, choices=Type.choices)
    topic = models.CharField("学习主题", max_length=200)
    laws = models.CharField(
        "学习的法律法规", max_length=300, blank=True, help_text="多部法律法规用“、”分隔"
    )
    presenter = models.CharField("主讲人", max_length=50, blank=True)
    led_by = models.CharField(
        "主要负责人领学", max_length=16, choices=Leader.choices, blank=True, default=""
    )
    attendees = models.PositiveIntegerField(
        "参加人数", validators=[MinValueValidator(1, "参加人数至少为 1。")]
    )
    hours = models.DecimalField(
        "学时",
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(0.5, "学时至少为 0.5。"),
            MaxValueValidator(24, "一次学习的学时不能超过 24。"),
        ],
    )

    class Meta(LedgerRecord.Meta):
        verbose_name = "学法活动"
        verbose_name_plural = "学法活动"

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.topic}"

    def law_list(self) -> list[str]:
        return [law.strip() for law in self.laws.replace("，", "、").split("、") if law.strip()]


class Exam(LedgerRecord):
    class Type(models.TextChoices):
        PUBLICITY = "publicity", "普法考试"
        ENFORCEMENT = "enforcement", "执法人员考试"
        ONLINE = "online", "法宣在线"
        LITERACY = "literacy", "法治素养测试"

    occurred_on = models.DateField("考试日期")
    exam_type = models.CharField("考试类型", max_length=16, choices=Type.choices)
    name = models.CharField("考试名称", max_length=200)
    participants = models.PositiveIntegerField(
        "参考人数", validators=[MinValueValidator(1, "参考人数至少为 1。")]
    )
    passed = models.PositiveIntegerField("合格人数")

    class Meta(LedgerRecord.Meta):
        verbose_name = "学法考试"
        verbose_name_plural = "学法考试"

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.name}"

    def clean(self) -> None:
        counted = self.passed is not None and self.participants is not None
        if counted and self.passed > self.participants:
            raise ValidationError({"passed": "合格人数不能超过参考人数。"})
