"""Checking an uploaded report with the report checker (fazhi.checker, no Django inside)."""

import json

from django.core.exceptions import ValidationError

from fazhi.checker import CheckerInputError, check_bytes
from fazhi.checker.output import labelled
from fazhi.core.uploads import read_upload, upload_limits


def check_uploaded_report(uploaded) -> dict:
    """The checker's result for an uploaded file; nothing is stored. ValidationError (Chinese)
    for a file beyond the upload limits or one the checker cannot read."""
    limits = upload_limits()
    data = read_upload(uploaded, limits)
    try:
        return check_bytes(data, uploaded.name, limits)
    except CheckerInputError as error:
        raise ValidationError(str(error)) from error


def presentable(result: dict) -> dict:
    """The result with Chinese labels, for the page."""
    shown = labelled(result)
    return {
        "result": result,
        **shown,
        "errors": sum(1 for f in shown["findings"] if f["severity"] == "error"),
        "json": json.dumps(result, ensure_ascii=False, indent=2),
    }
