"""Personal API tokens: a script acts as the person who made the token."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class ApiToken(models.Model):
    """A token is shown once when made; only its SHA-256 is kept (a token is 256 random bits,
    so a plain hash is enough). `prefix` (its first characters) lets the owner tell tokens
    apart on the list."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField("前缀", max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    expires_at = models.DateTimeField("到期时间")
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    # Who made and who revoked a token; its use is not a change (and its hash stays here only).
    history = HistoricalRecords(excluded_fields=["last_used_at", "key_hash"])

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name}（{self.prefix}…）"

    def state(self, now) -> str:
        """有效, 已过期 or 已撤销 at `now` (a revoked token stays 已撤销 after it expires)."""
        if self.revoked_at is not None:
            return "已撤销"
        return "已过期" if self.expires_at <= now else "有效"
