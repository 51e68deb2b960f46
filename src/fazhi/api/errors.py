"""Errors as JSON with Chinese messages: a service's ValidationError is a 400 naming the
fields, a missing or out-of-scope object a 404, never a 500 for bad input."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from fazhi.api.throttling import TooManyRequests

NOT_FOUND = "没有找到，或您无权查看。"
FORBIDDEN = "您无权进行此操作。"
# DRF's parser explains a bad body in English ("JSON parse error - …"); a script gets this.
UNPARSEABLE = "请求内容无法解析：请求体应为有效的 JSON（上传文件时为 multipart 表单）。"


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
    elif isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(UNPARSEABLE)
    return drf_exception_handler(exc, context)


# Django's own refusals below the API (no route matched, a bad request, a crash) are answered
# as JSON too: the site's error pages call this for paths under the API's prefix.
API_PREFIX = "/api/"
SITE_ERRORS = {
    400: "请求有误。",
    403: FORBIDDEN,
    404: NOT_FOUND,
    500: "系统处理请求时出错，已记入日志。请稍后重试。",
}


def is_api_request(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def site_error(status: int) -> JsonResponse:
    return JsonResponse(
        {"detail": SITE_ERRORS[status]}, status=status, json_dumps_params={"ensure_ascii": False}
    )
