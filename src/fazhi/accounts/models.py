from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A person who signs in. What they may see comes from their memberships (fazhi.orgs)."""

    display_name = models.CharField("姓名", max_length=50, blank=True)
    # Set when an administrator gives a one-time password; the person must choose their own
    # before anything else (accounts.middleware).
    must_change_password = models.BooleanField("首次登录须修改密码", default=False)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username
