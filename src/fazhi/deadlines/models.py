"""County settings of statutory periods, the dated deadlines attached to ledger records, and the
official holiday tables (放假安排) entered for years the built-in calendar data does not cover."""

import uuid
from datetime import date

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.deadlines.periods import Unit
from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import ScopedQuerySet


class PeriodSettingQuerySet(ScopedQuerySet):
    org_field = "county"


class PeriodSetting(models.Model):
    """A county's own length for a settable period; applies to its whole subtree."""

    county = models.ForeignKey(
        Organisation, verbose_name="县（区）", on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField("期限代码", max_length=64)
    days = models.PositiveSmallIntegerField("天数")
    history = HistoricalRecords()

    objects = PeriodSettingQuerySet.as_manager()

    class Meta:
        verbose_name = "期限设置"
        verbose_name_plural = "期限设置"
        constraints = [
            models.UniqueConstraint(
                fields=["county", "code"],
                name="period_setting_unique",
                violation_error_message="该县（区）已设置过这个期限。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.county} · {self.code} · {self.days}"


class State(models.TextChoices):
    PENDING = "pending", "未到期"
    MET_ON_TIME = "met_on_time", "按期完成"
    MET_LATE = "met_late", "逾期完成"
    OVERDUE = "overdue", "已逾期"


class Deadline(models.Model):
    """A named, dated deadline on one ledger record (one per record and period code)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    record_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    record_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("record_type", "record_id")
    code = models.CharField("期限代码", max_length=64)
    name = models.CharField("期限名称", max_length=100)
    days = models.PositiveSmallIntegerField("期限长度")
    unit = models.CharField(
        "计算单位",
        max_length=16,
        choices=[(Unit.CALENDAR.value, "日"), (Unit.WORKING.value, "工作日")],
    )
    triggered_on = models.DateField("起算日期")
    due_on = models.DateField("截止日期")
    estimated = models.BooleanField("截止日期为估算", default=False)
    met_on = models.DateField("完成日期", null=True, blank=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "期限"
        verbose_name_plural = "期限"
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "record_id", "code"],
                name="deadline_unique_per_record",
                violation_error_message="该记录已有这个期限。",
            )
        ]
        indexes = [
            models.Index(fields=["record_type", "record_id"]),
            models.Index(fields=["due_on", "met_on"]),
            # A subtree's deadlines falling due in a year (the 期限 figures, computed daily).
            models.Index(fields=["organisation", "due_on"]),
            # A subtree's unmet deadlines (the overdue and upcoming lists and counts): only
            # the open ones, a few of all the deadlines ever set. Covering (PostgreSQL) what
            # the counts read — the record, to leave archived ones out — so that a province's
            # 36,000 overdue deadlines are counted from the index alone (94 → 18 ms).
            models.Index(
                fields=["organisation", "due_on"],
                name="deadline_open_org_due_cover",
                condition=models.Q(met_on__isnull=True),
                include=["id", "record_type", "record_id"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.due_on}）"

    @property
    def length_label(self) -> str:
        return f"{self.days}{Unit(self.unit).label}"

    def state(self, today: date) -> State:
        if self.met_on is not None:
            return State.MET_ON_TIME if self.met_on <= self.due_on else State.MET_LATE
        return State.OVERDUE if today > self.due_on else State.PENDING

    def days_left(self, today: date) -> int:
        """Calendar days from `today` to the due date (negative when overdue)."""
        return (self.due_on - today).days


def deadlines_of(record) -> models.QuerySet:
    """The deadlines attached to one record (a lookup the write path needs too)."""
    record_type = ContentType.objects.get_for_model(type(record))
    return Deadline.objects.filter(record_type=record_type, record_id=record.pk)


def has_deadline(model, codes, **conditions) -> models.Q:
    """Rows of `model` (a ledger record type) carrying a deadline with one of `codes` that
    meets `conditions` (e.g. met_on__lte=F("due_on")), as one condition built without a query:
    the figures' conditions and the lists' share it."""
    return models.Q(
        models.Exists(
            Deadline.objects.filter(
                record_type__app_label=model._meta.app_label,
                record_type__model=model._meta.model_name,
                record_id=models.OuterRef("pk"),
                code__in=list(codes),
                **conditions,
            )
        )
    )


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"
    WORKDAY = "workday", "调休上班"


class HolidayYear(models.Model):
    """One year's official holiday table (the State Council's 放假安排): national data, one per
    installation and year. It wins over the built-in calendar data for its year."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    notice_number = models.CharField("通知文号", max_length=100)
    notice_date = models.DateField("通知日期")
    source_note = models.CharField("来源说明", max_length=300, blank=True)
    # A new value on every save: the per-process cache of the tables compares it (cheaply,
    # once per computation) so every worker sees a change at once.
    revision = models.UUIDField(default=uuid.uuid4, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "法定节假日安排"
        verbose_name_plural = "法定节假日安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年放假安排（{self.notice_number}）"


class HolidayDay(models.Model):
    """One day of a year's table: a holiday or a make-up working day, with its holiday's name."""

    table = models.ForeignKey(
        HolidayYear, verbose_name="年度安排", on_delete=models.CASCADE, related_name="days"
    )
    day = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=16, choices=DayKind.choices)
    name = models.CharField("名称", max_length=30)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "节假日"
        verbose_name_plural = "节假日"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()} {self.name}"
