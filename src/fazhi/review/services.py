"""Checking an uploaded report with the report checker (fazhi.checker, no Django inside)."""

import io
import json
import secrets

from django.core.exceptions import ValidationError

from fazhi.checker import CheckerInputError, check_bytes
from fazhi.checker.output import labelled
from fazhi.checker.workbook import write_workbook
from fazhi.core.uploads import read_upload, upload_limits

# The last few results of a session, for their downloads: the file itself is never stored,
# and a result is only ever served back to the session that made it.
SESSION_KEY = "review.results"
KEPT = 3


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
    }


def remember(session, result: dict) -> str:
    """Keep a result in the session for its downloads; returns its token."""
    token = secrets.token_urlsafe(16)
    kept = dict(session.get(SESSION_KEY, {}))
    kept[token] = result
    session[SESSION_KEY] = dict(list(kept.items())[-KEPT:])
    return token


def recalled(session, token: str) -> dict | None:
    return session.get(SESSION_KEY, {}).get(token)


def result_json(result: dict) -> bytes:
    """The "fazhi.check/1" JSON, as the command line writes it."""
    return json.dumps(result, ensure_ascii=False, indent=2).encode("utf-8")


def result_workbook(result: dict) -> bytes:
    """The checker's workbook (报告, 数据, 问题 sheets) for one result."""
    buffer = io.BytesIO()
    write_workbook(buffer, [result])
    return buffer.getvalue()


def download_name(result: dict, suffix: str) -> str:
    stem = str(result.get("source") or "报告").rsplit(".", 1)[0] or "报告"
    return f"{stem}-审查结果.{suffix}"
