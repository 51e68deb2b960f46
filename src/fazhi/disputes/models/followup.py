"""People under follow-up (安置帮教, 重点人员) and the visits made to them."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.disputes.idnumber import validate_id_number
from fazhi.disputes.models.common import phone_validator
from fazhi.ledgers.models import LedgerRecord
from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import ScopedQuerySet


class FollowUpPerson(LedgerRecord):
    class Category(models.TextChoices):
        RESETTLEMENT = "resettlement", "安置帮教"
        KEY_PERSON = "key_person", "重点人员"

    occurred_on = models.DateField("纳入日期")
    category = models.CharField("类别", max_length=16, choices=Category.choices)
    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField("身份证号码", max_length=18, validators=[validate_id_number])
    phone = models.CharField("联系电话", max_length=20, blank=True, validators=[phone_validator])
    address = models.CharField("住址", max_length=200)
    reason = models.CharField("列管原因", max_length=300)
    helper = models.CharField("帮教责任人", max_length=50)
    visit_interval_days = models.PositiveSmallIntegerField(
        "走访周期（天）", validators=[MinValueValidator(1), MaxValueValidator(366)]
    )
    released_on = models.DateField("解除日期", null=True, blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "帮教及重点人员"
        verbose_name_plural = "帮教及重点人员"

    def __str__(self) -> str:
        return f"{self.get_category_display()}（{self.occurred_on}纳入）"

    def clean(self) -> None:
        self.id_number = (self.id_number or "").strip().upper()
        if self.released_on and self.occurred_on and self.released_on < self.occurred_on:
            raise ValidationError({"released_on": "解除日期不能早于纳入日期。"})

    def last_visit_on(self) -> date | None:
        # .all(): served by a list's prefetch (LedgerKind.related) when there is one.
        return max((visit.visited_on for visit in self.visits.all()), default=None)

    def next_visit_due(self, last_visit: date | None = None) -> date:
        """The last visit (or the day of inclusion) plus the visit interval."""
        start = last_visit or self.last_visit_on() or self.occurred_on
        return start + timedelta(days=self.visit_interval_days)

    def is_active_on(self, day: date) -> bool:
        return self.occurred_on <= day and (self.released_on is None or day <= self.released_on)


class FollowUpVisit(models.Model):
    class Method(models.TextChoices):
        HOME = "home", "上门走访"
        PHONE = "phone", "电话联系"
        INTERVIEW = "interview", "约谈"

    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        FollowUpPerson, verbose_name="帮教对象", on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField("走访日期")
    visitor = models.CharField("走访人", max_length=50)
    method = models.CharField("方式", max_length=16, choices=Method.choices)
    situation = models.CharField("现实表现及情况", max_length=500)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "帮教走访"
        verbose_name_plural = "帮教走访"
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.get_method_display()}"


def visit_state(person: FollowUpPerson, today: date, last_visit: date | None = None) -> str:
    """Where a person under follow-up stands on `today`: released, overdue or next visit."""
    if person.released_on is not None and person.released_on <= today:
        return "已解除"
    due = person.next_visit_due(last_visit)
    if due < today:
        return f"走访逾期{(today - due).days}天（应于{due:%Y-%m-%d}前走访）"
    return f"下次走访：{due:%Y-%m-%d}前"
