"""Workflow actions posted from a record's page (公布, 登记审核, 办结 …): one way to ask which
actions are open, validate the form, run the service and tell the clerk what happened, for every
workflow app.

Each workflow service module states the precondition of each action once, as a check
`(actor, record)` raising PermissionDenied (the actor may not) or ValidationError (the record's
state does not allow it, with the Chinese reason); the action's service calls it before reading
its input, and the pages offer an action exactly when its check passes (`open_actions`).
"""

from collections.abc import Callable, Mapping

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError


def joined(reasons) -> str:
    """Reasons as one sentence: "原因一；原因二。" (Django's own end in "。" each)."""
    return "；".join(reason.rstrip("。；") for reason in reasons) + "。"


def form_errors_text(form) -> str:
    """The form's errors on one line: "字段：原因；字段：原因。"."""
    parts = []
    for name, errors in form.errors.items():
        reasons = joined(errors).rstrip("。")
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}：{reasons}" if label else reasons)
    return joined(parts)


def refusal(check: Callable, *args) -> str | None:
    """Why `check(*args)` refuses (its reasons as one sentence), or None when it passes."""
    try:
        check(*args)
    except ValidationError as error:
        return joined(error.messages)
    except PermissionDenied as error:
        return str(error) or "无权办理。"
    return None


def open_actions(checks: Mapping[str, Callable], *args) -> list[str]:
    """The names of the actions whose check passes for `args` (actor, record …), in order."""
    return [name for name, check in checks.items() if refusal(check, *args) is None]


def run_action(
    request,
    form,
    call: Callable[[dict], object],
    *,
    done: str,
    failed: str = "",
    check: Callable[[], object] | None = None,
) -> bool:
    """Run `call(form.cleaned_data)` if the posted form is valid, then flash `done`, or `failed`
    followed by the reasons the form or the service gave. `check` (the action's precondition)
    runs first: a PermissionDenied is a 403 whatever was posted, a refusal is flashed. The
    services validate before they write and write in one transaction, so a refused action
    changes nothing."""
    if check is not None:
        try:
            check()
        except ValidationError as error:
            messages.error(request, failed + joined(error.messages))
            return False
    if not form.is_valid():
        messages.error(request, failed + form_errors_text(form))
        return False
    try:
        call(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, failed + joined(error.messages))
        return False
    messages.success(request, done)
    return True
