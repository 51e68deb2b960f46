"""Small request helpers shared by views: form data, query parameters and the permission guard
(`require`; `fazhi.orgs.scoping.require_capability` asks it about a user's roles)."""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied

# Years a page may be asked for; anything else in `?year=` falls back to the page's default.
MIN_YEAR, MAX_YEAR = 2000, 2100


def form_data(request):
    """POST data to bind a form to, or None on GET. (`request.POST or None` would leave a form
    posted empty unbound, silently showing it again without its errors.)"""
    return request.POST if request.method == "POST" else None


def form_files(request):
    return request.FILES if request.method == "POST" else None


def _params(source) -> Mapping:
    # A request reads its query string; a QueryDict or dict is read as it is.
    return source.GET if hasattr(source, "GET") else source


def int_param(source, name: str) -> int | None:
    """Parameter `name` of a request's query string (or of a QueryDict/dict) as an integer;
    None when missing or not a whole number. Never raises."""
    raw = _params(source).get(name)
    try:
        return int(str(raw).strip())
    except (TypeError, ValueError):
        return None


def year_param(source, default, *, name: str = "year"):
    """The `?year=` of a request (or of a QueryDict/dict): a whole number from MIN_YEAR to
    MAX_YEAR, else `default` (junk, a missing value or an absurd year never makes a 500)."""
    year = int_param(source, name)
    return year if year is not None and MIN_YEAR <= year <= MAX_YEAR else default


def require(allowed: bool, message: str) -> None:
    """The one permission guard of the views: refuse (403 with the Chinese `message`) unless
    `allowed`."""
    if not allowed:
        raise PermissionDenied(message)
