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


def _attempt(client, username, password, address):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_password_spraying_from_one_address_is_locked_out(client, world, settings):
    # One address, one wrong password on each of many accounts: no account reaches its own limit.
    limit = settings.FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT
    for number in range(limit - 1):
        response = _attempt(client, f"user{number}", "Spring2026!", "10.1.1.7")
        assert response.status_code == 200, number
    response = _attempt(client, "leader", "Spring2026!", "10.1.1.7")
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    response = _attempt(client, "clerk", PASSWORD, "10.1.1.7")
    assert response.status_code == 429
    assert "登录失败次数过多，已暂时停止登录" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The account itself is not locked: its owner logs in from another address.
    assert _attempt(client, "clerk", PASSWORD, "10.1.1.8").status_code == 302


def test_a_few_typos_from_one_office_address_do_not_lock_it(client, world, settings):
    for number in range(settings.FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        _attempt(client, f"user{number}", "wrong", "10.1.1.7")
    assert _attempt(client, "clerk", PASSWORD, "10.1.1.7").status_code == 302


def test_a_sprayers_own_account_does_not_reset_the_address_count(client, world, settings):
    for number in range(settings.FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        _attempt(client, f"user{number}", "wrong", "10.1.1.7")
    assert _attempt(client, "leader", PASSWORD, "10.1.1.7").status_code == 302
    client.post(reverse("logout"))
    _attempt(client, "user99", "wrong", "10.1.1.7")
    assert _attempt(client, "clerk", PASSWORD, "10.1.1.7").status_code == 429


def test_one_account_guessed_from_many_addresses_is_locked_out(client, world, settings):
    limit = settings.FAZHI_LOGIN_USERNAME_FAILURE_LIMIT
    for number in range(limit - 1):
        assert _attempt(client, "clerk", "wrong", f"10.2.0.{number + 1}").status_code == 200
    assert _attempt(client, "clerk", "wrong", "10.2.0.99").status_code == 429
    response = _attempt(client, "clerk", PASSWORD, "10.2.1.1")
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    # Other accounts at those addresses are not affected.
    assert _attempt(client, "leader", PASSWORD, "10.2.0.1").status_code == 302
