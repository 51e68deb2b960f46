"""Workflow actions posted from a record's page (公布, 登记审核, 办结 …): one way to ask which
actions are open, validate the form, run the service and tell the clerk what happened, for every
workflow app.

Each workflow service module states the precondition of each action once, as a check
`(actor, record)` raising PermissionDenied (the actor may not) or ValidationError (the record's
state does not allow it, with the Chinese reason); the action's service calls it before reading
its input, and the pages offer an action exactly when its check passes (`open_actions`).

An action's form carries the record's version when the action writes the record itself (its
state, dates, text: a stale one would revert or act on another person's change); a form that only
adds a step (an officer, a visit, a procedure) carries none, since an added row overwrites
nothing and the services refuse a duplicate of a one-off step (fazhi.core.versions).
"""

from collections.abc import Callable, Mapping
from contextlib import nullcontext

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import versions

STALE = "保存未生效："


def joined(reasons) -> str:
    """Reasons as one sentence: "原因一；原因二。" (Django's own end in "。" each)."""
    return "；".join(reason.rstrip("。；") for reason in reasons) + "。"


def form_errors_text(form) -> str:
    """The form's errors on one line: "字段：原因；字段：原因。"."""
    parts = []
    for name, errors in form.errors.items():
        reasons = joined(errors).rstrip("。")
        label = str(form.fields[name].label or "") if name in form.fields else ""
        # Messages that name their field already (fazhi.core.errors) need no prefix.
        parts.append(f"{label}：{reasons}" if label and label not in reasons else reasons)
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
    record=None,
) -> bool:
    """Run `call(form.cleaned_data)` if the posted form is valid, then flash `done`, or `failed`
    followed by the reasons the form or the service gave. `check` (the action's precondition)
    runs first: a PermissionDenied is a 403 whatever was posted, a refusal is flashed.

    With `record`, all of it runs in one transaction on the record re-read under a row lock,
    so two people's actions on a record queue and each precondition sees the other's result;
    a form carrying the version the person saw is refused when someone saved the record since
    (the StaleEdit is kept on `form.stale` for the page to show the form again with the
    person's input). The services validate before they write, so a refused action changes
    nothing."""
    form.stale = None
    try:
        with transaction.atomic() if record is not None else nullcontext():
            if record is not None:
                versions.lock(record, versions.seen(form))
            if check is not None:
                check()
            if not form.is_valid():
                messages.error(request, failed + form_errors_text(form))
                return False
            call(versions.without_version(form.cleaned_data))
    except versions.StaleEdit as stale:
        form.stale = stale
        messages.error(request, (failed or STALE) + stale.message)
        return False
    except ValidationError as error:
        messages.error(request, failed + joined(error.messages))
        return False
    messages.success(request, done)
    return True
