"""Every write to user accounts."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from fazhi.core.services import apply_changes, save_validated


@transaction.atomic
def user_ensure(*, actor, username: str, display_name: str, password: str):
    """Create the user or bring it to the given state; writes nothing when already there."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username)
        validate_password(password, user)
        user.set_password(password)
        user.display_name = display_name
        return save_validated(user, actor=actor)
    changed = apply_changes(user, {"display_name": display_name, "is_active": True})
    if not user.check_password(password):
        validate_password(password, user)
        user.set_password(password)
        changed = True
    if changed:
        save_validated(user, actor=actor)
    return user


# Letters and digits that cannot be misread when read out or copied from a screen.
_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_LOWER = "abcdefghijkmnpqrstuvwxyz"
_DIGITS = "23456789"


def one_time_password() -> str:
    """A random password meeting every validator: three groups of four joined by "-", each
    group with a capital, small letters and a digit (about 60 bits)."""
    groups = []
    for _ in range(3):
        chars = [
            secrets.choice(_UPPER),
            secrets.choice(_DIGITS),
            *(secrets.choice(_LOWER + _DIGITS) for _ in range(2)),
        ]
        secrets.SystemRandom().shuffle(chars)
        groups.append("".join(chars))
    return "-".join(groups)


@transaction.atomic
def password_give_one_time(*, actor, user) -> str:
    """Give `user` a fresh one-time password (returned, never stored in clear) that must be
    replaced at the next login."""
    password = one_time_password()
    user.set_password(password)
    user.must_change_password = True
    save_validated(user, actor=actor, reason="设置一次性密码")
    return password


@transaction.atomic
def password_set_own(*, user, password: str):
    """The person chooses their own password (validated; Chinese messages)."""
    validate_password(password, user)
    user.set_password(password)
    user.must_change_password = False
    save_validated(user, actor=user, reason="修改密码")
    return user
