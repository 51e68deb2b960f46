"""Passwords: the policy in Chinese, everyone's change page, a one-time password forcing a
change at first login."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.accounts.services import one_time_password, password_give_one_time
from tests.world import PASSWORD

CJK = re.compile(r"[\u4e00-\u9fff]")


def _messages(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Ab1-", "密码太短，至少需要 10 个字符。"),
        ("abcdefghijk", "密码太简单：大写字母、小写字母、数字、符号四类中至少要包含 3 类。"),
        ("12345678901", "密码只包含数字。"),
        ("password123", "这个密码太常见了。"),
    ],
)
@pytest.mark.django_db
def test_weak_passwords_are_refused_in_chinese(password, expected):
    messages = _messages(password)
    assert expected in messages
    assert all(CJK.search(message) for message in messages), messages


@pytest.mark.django_db
def test_a_strong_password_and_every_one_time_password_pass():
    assert _messages("Qingshan-2026") == []
    for _ in range(50):
        generated = one_time_password()
        assert re.fullmatch(r"[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}", generated)
        assert _messages(generated) == []


def test_password_change_page_shows_chinese_validator_messages(client, world):
    client.force_login(world.users["clerk"])
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "abc", "new_password2": "abc"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "密码太短，至少需要 10 个字符。" in html
    world.users["clerk"].refresh_from_db()
    assert world.users["clerk"].check_password(PASSWORD)  # unchanged


def test_password_change_with_a_wrong_old_password_is_refused(client, world):
    client.force_login(world.users["clerk"])
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "wrong",
            "new_password1": "Qingshan-2026",
            "new_password2": "Qingshan-2026",
        },
    )
    assert "旧密码不正确" in response.content.decode()
    world.users["clerk"].refresh_from_db()
    assert world.users["clerk"].check_password(PASSWORD)


def test_everyone_changes_their_password_and_stays_signed_in(client, world):
    client.force_login(world.users["leader"])
    assert "修改密码" in client.get(reverse("home")).content.decode()  # in the navigation bar
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Qingshan-2026",
            "new_password2": "Qingshan-2026",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200  # the session survived
    world.users["leader"].refresh_from_db()
    assert world.users["leader"].check_password("Qingshan-2026")


def test_a_one_time_password_must_be_replaced_before_anything_else(client, world):
    clerk = world.users["clerk"]
    password = password_give_one_time(actor=None, user=clerk)
    response = client.post(reverse("login"), {"username": "clerk", "password": password})
    assert response.status_code == 302
    # Every page sends the person to set a password, until they do.
    for name in ("home", "ledgers:index", "orgs:list"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == reverse("password_change")
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and "一次性密码" in page.content.decode()
    # Reusing the one-time password as one's own is not allowed.
    refused = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "Ab1", "new_password2": "Ab1"},
    )
    assert refused.status_code == 200
    assert client.get(reverse("home")).status_code == 302
    done = client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "Jiazhen-2026!",
            "new_password2": "Jiazhen-2026!",
        },
    )
    assert done.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    clerk.refresh_from_db()
    assert not clerk.must_change_password and clerk.check_password("Jiazhen-2026!")
    assert not clerk.check_password(password)


def test_logout_stays_open_to_a_person_who_must_change_password(client, world):
    password_give_one_time(actor=None, user=world.users["clerk"])
    client.force_login(world.users["clerk"])
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session
