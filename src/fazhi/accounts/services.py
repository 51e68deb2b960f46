"""Every write to user accounts."""

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
