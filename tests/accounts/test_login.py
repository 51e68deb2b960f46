import pytest
from django.urls import reverse

from tests.world import PASSWORD


@pytest.mark.django_db
def test_login_page_is_in_chinese(client):
    html = client.get(reverse("login")).content.decode()
    assert "用户登录" in html and "用户名" in html and "密码" in html
    assert 'lang="zh-CN"' in html


def test_successful_login_reaches_home(client, world):
    response = client.post(
        reverse("login"), {"username": "clerk", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "甲镇" in response.content.decode()


def test_wrong_password_gives_chinese_message_and_no_session(client, world):
    response = client.post(reverse("login"), {"username": "clerk", "password": "wrong"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "clerk", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(client, world):
    client.force_login(world.users["clerk"])
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302
