from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.orgs.scoping import ScopedQuerySet


class Person(models.Model):
    """What an administrator records about a user beyond the login: the unit they work in and
    their mobile number (personal data: shown only to those who manage the person)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.PROTECT,
        related_name="person",
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="单位", on_delete=models.PROTECT, related_name="people"
    )
    phone = models.CharField(
        "手机号",
        max_length=11,
        blank=True,
        validators=[
            # Mainland mobile numbers: 11 digits starting with 1.
            RegexValidator(r"^1\d{10}$", "手机号应为 11 位数字，以 1 开头。")
        ],
    )
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"

    def __str__(self) -> str:
        return str(self.user)
