"""Errors as JSON with Chinese messages: a service's ValidationError is a 400 naming the
fields, a missing or out-of-scope object a 404, never a 500 for bad input."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from fazhi.api.throttling import TooManyRequests

NOT_FOUND = "没有找到，或您无权查看。"
FORBIDDEN = "您无权进行此操作。"


def as_api_error(error: DjangoValidationError) -> exceptions.ValidationError:
    """A service's refusal as DRF's 400: {"field": ["…"]} or {"non_field_errors": ["…"]}."""
    if hasattr(error, "error_dict"):
        detail = {
            ("non_field_errors" if field == "__all__" else field): [str(m) for m in messages]
            for field, messages in error.message_dict.items()
        }
    else:
        detail = {"non_field_errors": [str(message) for message in error.messages]}
    return exceptions.ValidationError(detail)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = as_api_error(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or FORBIDDEN)
    elif isinstance(exc, exceptions.Throttled) and not isinstance(exc, TooManyRequests):
        exc = TooManyRequests(exc.wait)  # 429 in Chinese; DRF adds Retry-After
    return drf_exception_handler(exc, context)
