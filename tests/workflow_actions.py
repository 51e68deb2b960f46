"""The rule every workflow page keeps: an action is offered exactly when its service would
accept it. Each action's service is called with valid sample input in a transaction that is
rolled back, so a rule restated anywhere else cannot drift unnoticed."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction


class _RolledBack(Exception):
    pass


def accepted(calls: dict[str, Callable[[], object]]) -> set[str]:
    """The names whose call succeeds; nothing any call writes is kept."""
    names = set()
    for name, call in calls.items():
        try:
            with transaction.atomic():
                call()
                raise _RolledBack
        except _RolledBack:
            names.add(name)
        except (ValidationError, PermissionDenied):
            pass
    return names
