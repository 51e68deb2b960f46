"""The API tokens page: a person makes a token (its key shown once), sees the list with each
token's state, and revokes their own token only."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.api import services, tokens
from fazhi.api.models import ApiToken
from fazhi.audit.models import AdminAction

pytestmark = pytest.mark.django_db
PAGE = "/accounts/api-tokens/"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_key_is_shown_once_with_the_curl_line_and_then_never_again(world):
    clerk = world.users["clerk"]
    client = _client(clerk)
    response = client.post(PAGE, {"name": "县级数据交换", "days": "90"})
    assert response.status_code == 200
    key = response.context["key"]
    html = response.content.decode()
    assert key.startswith(tokens.KEY_PREFIX) and key in html
    assert f'curl -H "Authorization: Token {key}" http://testserver/api/me/' in html
    token = ApiToken.objects.get(user=clerk)
    assert token.key_hash == tokens.key_hash(key) and token.name == "县级数据交换"
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)
    again = client.get(PAGE).content.decode()
    assert key not in again
    assert f"{token.prefix}…" in again and "县级数据交换" in again and "从未使用" in again
    # The key works until it is revoked.
    assert Client().get("/api/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_the_list_shows_each_state_and_only_the_persons_own_tokens(world):
    clerk, leader = world.users["clerk"], world.users["leader"]
    services.token_create(user=clerk, name="在用脚本", days=30)
    old, _ = services.token_create(user=clerk, name="过期脚本", days=30)
    ApiToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=1))
    gone, _ = services.token_create(user=clerk, name="撤销脚本", days=30)
    services.token_revoke(user=clerk, token=gone)
    services.token_create(user=leader, name="领导的脚本", days=30)
    response = _client(clerk).get(PAGE)
    rows = {token.name: state for token, state in response.context["tokens"]}
    assert rows == {"在用脚本": "有效", "过期脚本": "已过期", "撤销脚本": "已撤销"}
    assert "领导的脚本" not in response.content.decode()
    # Only the token still valid offers a revoke button.
    assert response.content.decode().count('btn-outline-danger btn-sm">撤销') == 1


def test_revoking_is_a_post_of_ones_own_token_and_is_recorded(world):
    clerk, leader = world.users["clerk"], world.users["leader"]
    token, key = services.token_create(user=clerk, name="脚本", days=30)
    url = reverse("api_tokens:revoke", kwargs={"pk": token.pk})
    assert _client(clerk).get(url).status_code == 405
    assert _client(leader).post(url).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    csrf = Client(enforce_csrf_checks=True)
    csrf.force_login(clerk)
    assert csrf.post(url).status_code == 403  # no CSRF token
    response = _client(clerk).post(url, follow=True)
    assert response.redirect_chain[-1][0] == PAGE
    assert "已撤销" in response.content.decode()
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert Client().get("/api/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert AdminAction.objects.filter(verb="api_token.revoke", actor=clerk).count() == 1


def test_bad_input_is_refused_in_chinese_and_makes_nothing(world):
    response = _client(world.users["clerk"]).post(PAGE, {"name": "  ", "days": "9999"})
    assert response.status_code == 200 and response.context["key"] is None
    errors = response.context["form"].errors
    assert set(errors) == {"name", "days"}
    assert all("\u4e00" <= message[0] <= "\u9fff" for message in sum(errors.values(), []))
    assert not ApiToken.objects.exists()


def test_the_user_menu_links_to_the_page(world):
    html = _client(world.users["leader"]).get("/").content.decode()
    assert f'href="{PAGE}"' in html and "接口令牌" in html


def test_an_anonymous_browser_opening_the_docs_is_sent_to_the_login_page():
    response = Client().get("/api/docs/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/api/docs/"
    assert Client().get("/api/schema/").status_code == 401


def test_an_administrator_sees_and_revokes_the_tokens_of_people_they_manage(world):
    clerk, admin = world.users["clerk"], world.users["admin"]
    token, key = services.token_create(user=clerk, name="录入脚本", days=30)
    page = reverse("api_tokens:person", kwargs={"pk": clerk.pk})
    response = _client(admin).get(page)
    assert response.status_code == 200
    assert [(t.name, state) for t, state in response.context["tokens"]] == [("录入脚本", "有效")]
    assert key not in response.content.decode()
    person_page = _client(admin).get(reverse("people:detail", kwargs={"pk": clerk.pk}))
    assert f'href="{page}"' in person_page.content.decode()
    revoke = reverse("api_tokens:revoke", kwargs={"pk": token.pk})
    response = _client(admin).post(revoke)
    assert response.status_code == 302 and response["Location"] == page
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    entry = AdminAction.objects.get(verb="api_token.revoke")
    assert entry.actor == admin and entry.scope_path == world.orgs["A1"].path
    assert "录入脚本" in entry.summary and str(clerk) in entry.summary


def test_no_one_else_sees_or_revokes_another_persons_tokens(world):
    token, _ = services.token_create(user=world.users["clerk"], name="录入脚本", days=30)
    page = reverse("api_tokens:person", kwargs={"pk": world.users["clerk"].pk})
    revoke = reverse("api_tokens:revoke", kwargs={"pk": token.pk})
    for role in ("leader", "reviewer", "inspector"):
        assert _client(world.users[role]).get(page).status_code == 403, role
        assert _client(world.users[role]).post(revoke).status_code == 404, role
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
