"""系统繁忙 (HTTP 503), never a 500, when the database stays locked past the writers' wait.

Writers wait for the lock (settings.DATABASE_LOCK_WAIT_SECONDS); long writes hold it briefly
(fazhi.core.prepared), so this page is the last resort. A form posted at such a moment is kept:
the page carries the posted values back in a form that sends them again.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

BUSY_MESSAGE = "系统繁忙，请稍后重试。"
RETRY_AFTER_SECONDS = 10
# SQLite: another connection holds the lock. PostgreSQL: lock_timeout, a deadlock, a
# serialization failure (55P03, 40P01, 40001).
_SQLITE_LOCKED = ("database is locked", "database table is locked", "database schema is locked")
_PG_BUSY_STATES = {"55P03", "40P01", "40001"}


def is_busy(error: BaseException | None) -> bool:
    """Whether `error` says the database was busy (locked by another writer), not broken."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in _PG_BUSY_STATES:
        return True
    return any(text in str(error).lower() for text in _SQLITE_LOCKED)


def _kept_input(request) -> tuple[list[tuple[str, str]], list[str], bool]:
    """The posted values to send again, and the names of file fields to choose again."""
    if request.method != "POST":
        return [], [], False
    try:
        values = [
            (name, value)
            for name, items in request.POST.lists()
            if name != "csrfmiddlewaretoken"
            for value in items
        ]
        files = list(request.FILES.keys())
    except Exception:  # the body could not be read again: nothing to keep
        return [], [], False
    return values, files, True


def _back_url(request) -> str | None:
    referer = request.META.get("HTTP_REFERER")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


def busy_response(request, *, keep_input: bool) -> HttpResponse:
    """The 503 page. With keep_input the posted values come back in a form that re-posts them
    (the failed request saved nothing: its transaction was rolled back)."""
    values, files, posted = _kept_input(request) if keep_input else ([], [], False)
    context = {
        "message": BUSY_MESSAGE,
        "posted": posted,
        "values": values,
        "files": files,
        "action": request.get_full_path(),
        "back_url": _back_url(request),
        "retry_url": request.get_full_path() if request.method == "GET" else None,
        "retry_after": RETRY_AFTER_SECONDS,
    }
    try:
        content = render_to_string("core/busy.html", context, request=request)
    except Exception:  # the page itself could not be built (its menu reads the database)
        logger.exception("busy page without the site layout")
        content = (
            '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>系统繁忙</title>'
            f'<h1>{BUSY_MESSAGE}</h1><p><a href="/">返回首页</a></p></html>'
        )
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # the kept values may be personal data
    return response


class BusyDatabaseMiddleware:
    """A view that fails on a locked database gets the 503 page with the posted input kept; a
    locked database anywhere else in the request (a session saved on the way out) turns the
    500 Django made of it into the same page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "_fazhi_database_busy", False):
            return busy_response(request, keep_input=False)
        return response

    def process_exception(self, request, exception):
        if is_busy(exception):
            logger.warning("database busy: %s %s: %s", request.method, request.path, exception)
            return busy_response(request, keep_input=True)
        return None


@receiver(got_request_exception, dispatch_uid="fazhi.core.busy")
def _note_busy(sender, request=None, **kwargs):
    # Sent while Django turns an uncaught exception into a 500: remember it was a lock.
    if request is not None and is_busy(sys.exc_info()[1]):
        request._fazhi_database_busy = True
