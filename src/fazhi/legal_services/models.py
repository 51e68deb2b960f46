"""公共法律服务 ledgers: village advisor contracts (一村一法律顾问), the township duty rota,
services logged by advisors, and legal aid cases."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from fazhi.ledgers.models import LedgerRecord

phone_validator = RegexValidator(
    r"^[0-9０-９+\-－ ]{7,20}$", "联系电话只能包含数字和“-”，长度 7 到 20 位。"
)


class AdvisorContract(LedgerRecord):
    """One village's contract with its legal advisor. A lawyer serving several villages has one
    record per village (a record belongs to one organisation)."""

    occurred_on = models.DateField("合同起始日期")
    contract_end = models.DateField("合同截止日期")
    lawyer = models.CharField("法律顾问（律师）", max_length=50)
    law_firm = models.CharField("所在律师事务所", max_length=100)
    phone = models.CharField("联系电话", max_length=20, blank=True, validators=[phone_validator])
    remarks = models.CharField("备注", max_length=200, blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "法律顾问合同"
        verbose_name_plural = "法律顾问合同"
        # The framework's generated index name exceeds Django's 30-character limit here.

    def __str__(self) -> str:
        return f"{self.lawyer}（{self.occurred_on}至{self.contract_end}）"

    def clean(self) -> None:
        # Imports keep cell spaces; the overlap rule compares names, so store them trimmed.
        self.lawyer = (self.lawyer or "").strip()
        if self.occurred_on and self.contract_end and self.contract_end < self.occurred_on:
            raise ValidationError({"contract_end": "合同截止日期不能早于合同起始日期。"})

    def is_valid_on(self, day: date) -> bool:
        return self.occurred_on <= day <= self.contract_end

    def status_on(self, day: date) -> str:
        if day < self.occurred_on:
            return "未生效"
        if day > self.contract_end:
            return "已到期"
        return "有效"


class DutyRota(LedgerRecord):
    """One duty slot of a township's rota; the slots with the latest start date in force make up
    the current rota."""

    class Weekday(models.IntegerChoices):
        MON = 1, "周一"
        TUE = 2, "周二"
        WED = 3, "周三"
        THU = 4, "周四"
        FRI = 5, "周五"
        SAT = 6, "周六"
        SUN = 7, "周日"

    class HalfDay(models.TextChoices):
        MORNING = "am", "上午"
        AFTERNOON = "pm", "下午"
        FULL_DAY = "full", "全天"

    occurred_on = models.DateField("启用日期")
    weekday = models.PositiveSmallIntegerField("值班日", choices=Weekday.choices)
    half_day = models.CharField("时段", max_length=8, choices=HalfDay.choices)
    place = models.CharField(
        "值班地点", max_length=100, help_text="如 法律援助室、公共法律服务工作站"
    )
    person_on_duty = models.CharField("值班人员", max_length=100)
    phone = models.CharField("联系电话", max_length=20, blank=True, validators=[phone_validator])

    class Meta(LedgerRecord.Meta):
        verbose_name = "值班安排"
        verbose_name_plural = "值班安排"
        # The framework's generated index name exceeds Django's 30-character limit here.

    def __str__(self) -> str:
        return f"{self.get_weekday_display()}{self.get_half_day_display()} {self.place}"


class LegalService(LedgerRecord):
    """A service the village legal advisor gave; the ledger advisors keep themselves."""

    class Type(models.TextChoices):
        CONSULTATION = "consultation", "法律咨询"
        MAJOR_MATTER = "major_matter", "重大事项把关"
        MEDIATION = "mediation", "协助调解"
        LECTURE = "lecture", "法治讲座"
        CONTRACT_REVIEW = "contract_review", "合同审查"
        OTHER = "other", "其他"

    # Services given to people must count at least one; reviewing a village decision or a
    # contract is paperwork for the village committee and may serve no individual (0).
    PEOPLE_REQUIRED = {Type.CONSULTATION, Type.MEDIATION, Type.LECTURE}

    occurred_on = models.DateField("服务日期")
    service_type = models.CharField("服务类型", max_length=16, choices=Type.choices)
    advisor = models.CharField("法律顾问", max_length=50)
    subject = models.CharField("服务事项", max_length=200)
    people_served = models.PositiveIntegerField(
        "服务人数", help_text="法律咨询、协助调解、法治讲座至少 1 人；其他类型可填 0"
    )
    outcome = models.TextField("服务结果", blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "法律顾问服务"
        verbose_name_plural = "法律顾问服务"
        # The framework's generated index name exceeds Django's 30-character limit here.

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.subject}"

    def clean(self) -> None:
        if (
            self.service_type in self.PEOPLE_REQUIRED
            and self.people_served is not None
            and self.people_served < 1
        ):
            label = self.Type(self.service_type).label
            raise ValidationError({"people_served": f"{label}的服务人数至少为 1。"})


class LegalAidCase(LedgerRecord):
    class CaseType(models.TextChoices):
        FAMILY = "family", "婚姻家庭"
        LABOUR = "labour", "劳动争议（讨薪）"
        TRAFFIC = "traffic", "交通事故"
        INJURY = "injury", "人身损害"
        DEBT = "debt", "借贷合同"
        CRIMINAL = "criminal", "刑事案件"
        OTHER = "other", "其他"

    class Form(models.TextChoices):
        CIVIL = "civil", "民事诉讼代理"
        CRIMINAL = "criminal", "刑事辩护（代理）"
        ADMINISTRATIVE = "administrative", "行政诉讼代理"
        ARBITRATION = "arbitration", "劳动仲裁代理"
        NON_LITIGATION = "non_litigation", "非诉讼代理"

    class Status(models.TextChoices):
        ACCEPTED = "accepted", "已受理"
        ASSIGNED = "assigned", "已指派"
        CLOSED = "closed", "已结案"
        TERMINATED = "terminated", "终止援助"

    FINISHED = {Status.CLOSED, Status.TERMINATED}

    occurred_on = models.DateField("受理日期")
    applicant = models.CharField("申请人", max_length=50)
    case_type = models.CharField("案件类型", max_length=16, choices=CaseType.choices)
    aid_form = models.CharField("援助形式", max_length=16, choices=Form.choices)
    handled_by = models.CharField("承办人", max_length=50, blank=True)
    status = models.CharField("办理状态", max_length=16, choices=Status.choices)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    summary = models.TextField("案情摘要", blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "法律援助案件"
        verbose_name_plural = "法律援助案件"
        # The framework's generated index name exceeds Django's 30-character limit here.

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.applicant}"

    def clean(self) -> None:
        finished = self.status in self.FINISHED
        if finished and self.closed_on is None:
            raise ValidationError({"closed_on": "已结案或终止援助的案件请填写结案日期。"})
        if self.closed_on is not None and self.status and not finished:
            raise ValidationError({"closed_on": "案件尚未结案，不应填写结案日期。"})
        if self.closed_on and self.occurred_on and self.closed_on < self.occurred_on:
            raise ValidationError({"closed_on": "结案日期不能早于受理日期。"})
