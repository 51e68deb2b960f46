"""Every write of API tokens: making one (its key returned once), revoking, marking use."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.api import tokens
from fazhi.api.models import ApiToken
from fazhi.audit import services as audit
from fazhi.people.permissions import may_manage
from fazhi.people.services import home_unit

MAX_DAYS = 366
# A token's last use is written at most this often, so every request is not a write.
LAST_USED_PRECISION = timedelta(minutes=1)


@transaction.atomic
def token_create(*, user, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for `user` and its key, which is never stored or shown again."""
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = "请填写令牌的用途，例如“县级数据交换”。"
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        errors["days"] = f"有效期应为 1 到 {MAX_DAYS} 天。"
    if errors:
        raise ValidationError(errors)
    key = tokens.new_key()
    token = ApiToken(
        user=user,
        name=name,
        prefix=tokens.key_prefix(key),
        key_hash=tokens.key_hash(key),
        expires_at=timezone.now() + timedelta(days=days),
    )
    token._history_user = user
    token.save()
    audit.record(user, "api_token.create", f"创建接口令牌“{name}”（{token.prefix}…）")
    return token, key


@transaction.atomic
def token_revoke(*, user, token: ApiToken) -> None:
    """`user` revokes their own token, or (an administrator) a token of a person they manage."""
    own = token.user_id == user.pk
    if not own and not may_manage(user, token.user):
        raise ValidationError("只能撤销自己或您管理的人员的令牌。")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token._history_user = user
        token.save(update_fields=["revoked_at"])
        whose = "" if own else f"{token.user.display_name or token.user.get_username()}的"
        audit.record(
            user,
            "api_token.revoke",
            f"撤销{whose}接口令牌“{token.name}”（{token.prefix}…）",
            organisation=None if own else home_unit(token.user),
            detail={"user": token.user_id, "token": token.pk},
        )


def token_used(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
