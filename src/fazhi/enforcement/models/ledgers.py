"""The three ledgers of 行政执法: officers, the township's item list and enforcement cases."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.ledgers.models import LedgerRecord

# The one warning period for certificates (issue 5: 30 days before they expire), read by the
# ledger's 证件状态, the /enforcement/ overview and the township dashboard alike.
EXPIRY_WARNING_DAYS = 30


class EnforcementType(models.TextChoices):
    PENALTY = "penalty", "行政处罚"
    LICENCE = "licence", "行政许可"
    INSPECTION = "inspection", "行政检查"
    COERCION = "coercion", "行政强制"
    OTHER = "other", "其他"


class Officer(LedgerRecord):
    """A township enforcement officer and the certificate (执法证) they hold."""

    occurred_on = models.DateField("证件有效期起")
    name = models.CharField("姓名", max_length=50)
    certificate_number = models.CharField(
        "执法证号",
        max_length=40,
        unique=True,
        error_messages={"unique": "该执法证号已登记，同一证号不能重复登记。"},
    )
    # A renewed certificate names the one it replaces, so one officer holding two certificates
    # in a year is counted once (enforcement.officers) without telling people apart by name.
    replaces_certificate = models.CharField(
        "原执法证号",
        max_length=40,
        blank=True,
        help_text="换发新证时填写被替换的旧证号（须为本单位已登记的执法证）；首次发证留空",
    )
    unit = models.CharField("所在单位", max_length=100)
    valid_until = models.DateField("证件有效期至")
    remarks = models.CharField("备注", max_length=200, blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"

    def clean(self) -> None:
        self.certificate_number = (self.certificate_number or "").strip()
        self.replaces_certificate = (self.replaces_certificate or "").strip()
        if self.occurred_on and self.valid_until and self.valid_until < self.occurred_on:
            raise ValidationError({"valid_until": "证件有效期至不能早于有效期起。"})
        if self.replaces_certificate and self.replaces_certificate == self.certificate_number:
            raise ValidationError({"replaces_certificate": "原执法证号不能与本证号相同。"})

    def is_valid_on(self, day: date) -> bool:
        return self.occurred_on <= day <= self.valid_until

    def certificate_status(self, today: date) -> str:
        if today < self.occurred_on:
            return "未生效"
        if today > self.valid_until:
            return "已过期"
        if self.valid_until <= today + timedelta(days=EXPIRY_WARNING_DAYS):
            return f"{(self.valid_until - today).days}天内到期"
        return "有效"

    def needs_attention(self, today: date) -> bool:
        return self.valid_until <= today + timedelta(days=EXPIRY_WARNING_DAYS)


class EnforcementItem(LedgerRecord):
    """One entry of the township's 执法事项清单 (事前公开 under 国办发〔2018〕118号)."""

    occurred_on = models.DateField("公布日期")
    name = models.CharField("事项名称", max_length=200)
    item_type = models.CharField("执法类别", max_length=16, choices=EnforcementType.choices)
    legal_basis = models.TextField("实施依据")
    responsible_unit = models.CharField("责任单位", max_length=100)

    class Meta(LedgerRecord.Meta):
        verbose_name = "执法事项"
        verbose_name_plural = "执法事项清单"

    def __str__(self) -> str:
        return self.name


class Case(LedgerRecord):
    """An enforcement case. Its descriptive fields are edited on the generic form; its status and
    workflow dates change only through fazhi.enforcement.services."""

    class Criterion(models.TextChoices):
        # 《行政处罚法》第五十八条第一款
        PUBLIC_INTEREST = "public_interest", "涉及重大公共利益"
        HEARING = "hearing", "直接关系当事人或者第三人重大权益，经过听证程序"
        COMPLEX = "complex", "案件情况疑难复杂、涉及多个法律关系"
        OTHER_LAW = "other_law", "法律、法规规定的其他情形"

    class Status(models.TextChoices):
        FILED = "filed", "办理中"
        IN_REVIEW = "in_review", "法制审核中"
        DECIDED = "decided", "已作出决定"
        CLOSED = "closed", "已结案"

    occurred_on = models.DateField("立案日期")
    case_number = models.CharField("案号", max_length=60)
    case_type = models.CharField("执法类别", max_length=16, choices=EnforcementType.choices)
    party = models.CharField("当事人", max_length=100)
    facts = models.TextField("违法事实（案情）")
    legal_basis = models.TextField("法律依据")
    is_major = models.BooleanField("重大执法决定", default=False)
    major_criterion = models.CharField(
        "重大执法决定情形",
        max_length=16,
        choices=Criterion.choices,
        blank=True,
        help_text="《行政处罚法》第五十八条：标为重大执法决定的须选择情形",
    )

    status = models.CharField(
        "办理状态", max_length=16, choices=Status.choices, default=Status.FILED, editable=False
    )
    review_submitted_on = models.DateField("提交法制审核日期", null=True, editable=False)
    hearing_on = models.DateField("听证日期", null=True, editable=False)
    decided_on = models.DateField("决定日期", null=True, editable=False)
    decision_result = models.TextField("决定结果", blank=True, editable=False)
    late_reason = models.CharField("超期作出决定的说明", max_length=300, blank=True, editable=False)
    served_on = models.DateField("送达日期", null=True, editable=False)
    publicised_on = models.DateField("公示日期", null=True, editable=False)
    publicity_channel = models.CharField("公示渠道", max_length=100, blank=True, editable=False)
    publicity_late_reason = models.CharField(
        "超期公示的说明", max_length=300, blank=True, editable=False
    )
    closed_on = models.DateField("结案日期", null=True, editable=False)

    class Meta(LedgerRecord.Meta):
        verbose_name = "执法案件"
        verbose_name_plural = "执法案件"

    def __str__(self) -> str:
        return f"{self.case_number} {self.get_case_type_display()}"

    def clean(self) -> None:
        self.case_number = (self.case_number or "").strip()
        if self.is_major and not self.major_criterion:
            raise ValidationError(
                {"major_criterion": "重大执法决定须选择《行政处罚法》第五十八条规定的情形。"}
            )
        if not self.is_major and self.major_criterion:
            raise ValidationError(
                {"major_criterion": "未标为重大执法决定的案件不应选择第五十八条情形。"}
            )

    @property
    def is_decided(self) -> bool:
        return self.decided_on is not None
