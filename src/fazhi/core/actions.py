"""Workflow actions posted from a record's page (公布, 登记审核, 办结 …): one way to validate the
form, run the service and tell the clerk what happened, for every workflow app."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError


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


def run_action(
    request, form, call: Callable[[dict], object], *, done: str, failed: str = ""
) -> bool:
    """Run `call(form.cleaned_data)` if the posted form is valid, then flash `done`, or `failed`
    followed by the reasons the form or the service gave. The services validate before they
    write and write in one transaction, so a refused action changes nothing."""
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
