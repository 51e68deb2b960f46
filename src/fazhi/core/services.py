"""Helpers shared by every service: validate, attribute the change, save."""

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.errors import plain_model_errors


def save_validated(instance: models.Model, *, actor, reason: str = "") -> models.Model:
    """full_clean() then save, recording `actor` (and an optional reason) in the history row.

    Raises django.core.exceptions.ValidationError with Chinese messages; nothing is written then.
    """
    try:
        instance.full_clean()
    except ValidationError as error:
        raise plain_model_errors(error, type(instance)) from None
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.save()
    return instance


def apply_changes(instance: models.Model, changes: dict) -> bool:
    """Set the given fields; True when any value actually differs (so unchanged saves are skipped
    and re-running an idempotent load writes no history)."""
    changed = False
    for field, value in changes.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed = True
    return changed
