"""The site's own error pages (with DEBUG off): Chinese, in the site's layout with a way back,
and nothing about the failure itself — no exception text, path or setting.

400, 403, 404 and the CSRF refusal render with the request (the menu of the signed-in user).
500 renders without it: the session or the database may be what failed, so that page reads
nothing but its template, and falls back to fixed HTML if even that cannot be rendered.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token

from fazhi.api import errors as api_errors

TEMPLATE = "site/error.html"
PAGES = {
    400: ("请求有误", "系统无法处理这个请求，请检查链接是否完整，或回到首页重新进入。"),
    403: ("无权访问", "您没有打开该页面或办理该事项的权限。如确需办理，请联系本单位系统管理员。"),
    404: ("页面不存在", "您要打开的页面不存在：链接可能有误，或者内容已被移除。"),
    500: ("系统出错", "系统处理您的请求时出错，已记入日志。请稍后重试，或联系系统管理员。"),
    "csrf": (
        "页面已过期",
        "为保护您的数据，系统没有接受这次提交：页面打开时间过长、已在别处退出登录，"
        "或浏览器禁用了 Cookie。请返回上一页，刷新后重新提交。",
    ),
}
FALLBACK_500 = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>系统出错</title>'
    "</head><body><h1>系统出错</h1><p>系统处理您的请求时出错，请稍后重试。</p>"
    '<p><a href="/">返回首页</a></p></body></html>'
)
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _back(request) -> str:
    """The page the person came from, as a path on this site; "" if there is none."""
    try:
        referer = urlsplit(request.META.get("HTTP_REFERER", ""))
        if not referer.path.startswith("/") or referer.netloc != request.get_host():
            return ""
    except (DisallowedHost, ValueError):
        return ""
    return referer.path + (f"?{referer.query}" if referer.query else "")


def _context(key, request, detail: str = "") -> dict:
    title, explanation = PAGES[key]
    status = 403 if key == "csrf" else key
    return {
        "status": status,
        "title": title,
        "explanation": explanation,
        "detail": detail,
        "back": _back(request),
    }


def _page(request, key, status: int, detail: str = "") -> HttpResponse:
    if api_errors.is_api_request(request):  # a script gets JSON, not a page
        return api_errors.site_error(status)
    return render(request, TEMPLATE, _context(key, request, detail), status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _page(request, 400, 400)


def _own_message(exception) -> str:
    """The site's own refusals are Chinese sentences written for people ("您的角色无权查看年度
    报告。"); anything else (Django's "No … matches the given query.", a library's message) is
    not shown."""
    message = str(exception or "")
    return message if _CHINESE.search(message) and len(message) <= 200 else ""


@requires_csrf_token
def permission_denied(request, exception=None):
    return _page(request, 403, 403, _own_message(exception))


@requires_csrf_token
def page_not_found(request, exception=None):
    return _page(request, 404, 404, _own_message(exception))


def server_error(request):
    if api_errors.is_api_request(request):
        return api_errors.site_error(500)
    try:
        html = render_to_string(TEMPLATE, _context(500, request))
    except Exception:  # the page must not fail in turn
        html = FALLBACK_500
    return HttpResponse(html, status=500)


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW; `reason` (English, technical) is not shown."""
    return _page(request, "csrf", 403)
