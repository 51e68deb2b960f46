"""Personal API tokens: shown once, stored as a hash, refused once revoked or expired."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from fazhi.api import services, tokens
from fazhi.api.models import ApiToken

pytestmark = pytest.mark.django_db


def _me(key):
    return Client().get("/api/me/", HTTP_AUTHORIZATION=f"Token {key}")


def test_a_token_logs_in_as_its_owner_and_only_its_hash_is_kept(world):
    clerk = world.users["clerk"]
    token, key = services.token_create(user=clerk, name="县级数据交换", days=30)
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == tokens.key_hash(key) and key not in stored.key_hash
    assert stored.prefix == key[: tokens.PREFIX_LENGTH]
    response = _me(key)
    assert response.status_code == 200
    assert response.json()["username"] == clerk.username
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_revoked_expired_and_unknown_tokens_are_refused_in_chinese(world):
    clerk = world.users["clerk"]
    token, key = services.token_create(user=clerk, name="脚本", days=1)
    services.token_revoke(user=clerk, token=token)
    assert _me(key).json() == {"detail": "令牌无效或已撤销。"}
    old, old_key = services.token_create(user=clerk, name="旧脚本", days=1)
    ApiToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = _me(old_key)
    assert response.status_code == 401 and "过期" in response.json()["detail"]
    assert _me("fz_not-a-token").status_code == 401


def test_a_token_needs_a_purpose_and_a_sensible_lifetime(world):
    with pytest.raises(ValidationError) as caught:
        services.token_create(user=world.users["clerk"], name=" ", days=0)
    assert set(caught.value.message_dict) == {"name", "days"}
    assert not ApiToken.objects.exists()


def test_making_and_revoking_a_token_is_in_its_history_without_the_hash(world):
    clerk = world.users["clerk"]
    token, _key = services.token_create(user=clerk, name="历史", days=5)
    services.token_revoke(user=clerk, token=token)
    rows = list(token.history.order_by("history_id"))
    assert [(row.history_type, row.history_user_id) for row in rows] == [
        ("+", clerk.pk),
        ("~", clerk.pk),
    ]
    assert rows[-1].revoked_at is not None
    assert not hasattr(rows[0], "key_hash")
