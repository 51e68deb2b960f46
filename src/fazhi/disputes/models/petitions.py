"""信访事项 under 《信访工作条例》: registered, decided on, handled (extended with approval),
answered, and possibly taken to review. Workflow fields are written by the services only."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.disputes.idnumber import validate_id_number
from fazhi.disputes.models.common import phone_validator
from fazhi.ledgers.models import LedgerRecord
from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import ScopedQuerySet


class Petition(LedgerRecord):
    class Channel(models.TextChoices):
        LETTER = "letter", "来信"
        VISIT = "visit", "来访"
        ONLINE = "online", "网上"
        PHONE = "phone", "电话"

    class Status(models.TextChoices):
        REGISTERED = "registered", "已登记（待决定是否受理）"
        ACCEPTED = "accepted", "已受理（办理中）"
        NOT_ACCEPTED = "not_accepted", "不予受理"
        TRANSFERRED = "transferred", "已转送"
        REPLIED = "replied", "已答复"
        REVIEW_REQUESTED = "review_requested", "已请求复查"

    occurred_on = models.DateField("收到日期")
    channel = models.CharField("信访形式", max_length=8, choices=Channel.choices)
    petitioner = models.CharField("信访人", max_length=50)
    id_number = models.CharField(
        "身份证号码", max_length=18, blank=True, validators=[validate_id_number]
    )
    phone = models.CharField("联系电话", max_length=20, blank=True, validators=[phone_validator])
    address = models.CharField("住址", max_length=200)
    matter = models.CharField("信访事项", max_length=500)
    responsible_unit = models.CharField("责任单位", max_length=100)

    # Workflow (services only).
    status = models.CharField(
        "办理状态",
        max_length=20,
        choices=Status.choices,
        default=Status.REGISTERED,
        editable=False,
    )
    decided_on = models.DateField("受理决定日期", null=True, blank=True, editable=False)
    decision_note = models.CharField("决定说明", max_length=500, blank=True, editable=False)
    transferred_to = models.CharField("转送单位", max_length=100, blank=True, editable=False)
    replied_on = models.DateField("答复日期", null=True, blank=True, editable=False)
    reply_text = models.TextField("答复意见", blank=True, editable=False)
    review_requested_on = models.DateField("请求复查日期", null=True, blank=True, editable=False)
    review_body = models.CharField("复查机关", max_length=100, blank=True, editable=False)

    class Meta(LedgerRecord.Meta):
        verbose_name = "信访事项"
        verbose_name_plural = "信访事项"

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_channel_display()} {self.matter[:20]}"

    def clean(self) -> None:
        self.id_number = (self.id_number or "").strip().upper()
        if self.decided_on and self.occurred_on and self.occurred_on > self.decided_on:
            raise ValidationError({"occurred_on": "收到日期不能晚于已登记的受理决定日期。"})

    @property
    def extension_days(self) -> int:
        return sum(self.extensions.values_list("days", flat=True)) if self.pk else 0


class PetitionExtension(models.Model):
    """An extension of the handling period, approved by the person in charge (第三十四条)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    petition = models.ForeignKey(
        Petition, verbose_name="信访事项", on_delete=models.PROTECT, related_name="extensions"
    )
    approved_on = models.DateField("批准日期")
    days = models.PositiveSmallIntegerField("延长天数")
    approver = models.CharField("批准人", max_length=50)
    reason = models.CharField("延期理由", max_length=500)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "信访办理延期"
        verbose_name_plural = "信访办理延期"
        ordering = ["approved_on", "pk"]

    def __str__(self) -> str:
        return f"延长{self.days}日（{self.approver}批准）"
