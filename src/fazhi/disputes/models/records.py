"""矛盾纠纷排查 rounds, 研判会 meetings and mediation cases under 《人民调解法》."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from fazhi.ledgers.models import LedgerRecord


class ScreeningRound(LedgerRecord):
    occurred_on = models.DateField("排查日期")
    scope = models.CharField(
        "排查范围", max_length=200, help_text="如 全镇各村、重点企业、集镇商户"
    )
    issues_found = models.PositiveIntegerField("排查出矛盾纠纷（件）")
    notes = models.CharField("备注", max_length=500, blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "矛盾纠纷排查"
        verbose_name_plural = "矛盾纠纷排查"

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.scope}"


class AnalysisMeeting(LedgerRecord):
    occurred_on = models.DateField("会议日期")
    topic = models.CharField("研判主题", max_length=200)
    chaired_by = models.CharField("主持人", max_length=50)
    attendees = models.PositiveIntegerField("参会人数", validators=[MinValueValidator(1)])
    issues_analysed = models.PositiveIntegerField("研判矛盾纠纷（件）")
    measures = models.CharField("化解措施", max_length=500, blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "矛盾纠纷研判会"
        verbose_name_plural = "矛盾纠纷研判会"

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.topic}"


class MediationCase(LedgerRecord):
    class DisputeType(models.TextChoices):
        FAMILY = "family", "婚姻家庭"
        NEIGHBOUR = "neighbour", "邻里"
        LAND = "land", "土地"
        LABOUR = "labour", "劳动"
        CONTRACT = "contract", "合同"
        OTHER = "other", "其他"

    class Method(models.TextChoices):
        PEOPLE = "people", "人民调解"
        ADMINISTRATIVE = "administrative", "行政调解"
        JUDICIAL = "judicial", "司法调解"

    class Result(models.TextChoices):
        SUCCESS = "success", "成功"
        FAILED = "failed", "失败"
        TERMINATED = "terminated", "终止"

    class Agreement(models.TextChoices):
        WRITTEN = "written", "书面协议"
        ORAL = "oral", "口头协议"

    occurred_on = models.DateField("受理日期")
    parties = models.CharField("当事人", max_length=200, help_text="多名当事人用“、”分隔")
    dispute_type = models.CharField("纠纷类型", max_length=16, choices=DisputeType.choices)
    summary = models.CharField("纠纷简要情况", max_length=500)
    mediator = models.CharField("调解员", max_length=50)
    method = models.CharField("调解方式", max_length=16, choices=Method.choices)
    result = models.CharField(
        "调解结果", max_length=16, choices=Result.choices, blank=True, help_text="调解中的留空"
    )
    agreement = models.CharField("协议形式", max_length=16, choices=Agreement.choices, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "调解案件"
        verbose_name_plural = "调解案件"

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_dispute_type_display()}纠纷"

    @property
    def is_closed(self) -> bool:
        return bool(self.result)

    def clean(self) -> None:
        errors = {}
        if self.closed_on and self.occurred_on and self.closed_on < self.occurred_on:
            errors["closed_on"] = "结案日期不能早于受理日期。"
        if self.result and not self.closed_on:
            errors["closed_on"] = "已有调解结果的案件须填写结案日期。"
        if self.closed_on and not self.result:
            errors["result"] = "已结案的案件须填写调解结果（成功、失败或终止）。"
        if self.result == self.Result.SUCCESS and not self.agreement:
            errors["agreement"] = (
                "调解成功的须登记协议形式（《人民调解法》第二十八条：书面协议或口头协议）。"
            )
        if self.agreement and self.result != self.Result.SUCCESS:
            errors["agreement"] = (
                "只有调解成功的案件才有调解协议；调解不成的应终止调解（第二十六条）。"
            )
        if errors:
            raise ValidationError(errors)
