"""Login throttling: django-axes, with a limit of its own for each way of guessing.

Axes counts failures per lockout parameter (settings.AXES_LOCKOUT_PARAMETERS) but compares them
all with one limit. Guessing one account's password from one address, from many addresses, and
trying one password on many accounts from one address (password spraying) deserve different
limits: a township office behind one address would otherwise lock itself out after a few typos.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_parameters, get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def client_address(request) -> str | None:
    """Behind the site's own reverse proxy (BEHIND_HTTPS_PROXY) every request comes from the
    proxy; the client is the last X-Forwarded-For entry, the one that proxy appended (entries
    to its left come from the client and may be forged)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.rsplit(",", 1)[-1].strip()
    return last or request.META.get("REMOTE_ADDR")


def parameter_limits() -> dict[frozenset, int]:
    """Failures allowed inside the cool-off time, by what they have in common."""
    return {
        frozenset({"username", "ip_address"}): settings.AXES_FAILURE_LIMIT,
        frozenset({"username"}): settings.FAZHI_LOGIN_USERNAME_FAILURE_LIMIT,
        frozenset({"ip_address"}): settings.FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT,
    }


class LoginThrottle(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """Failures on the scale of AXES_FAILURE_LIMIT: each parameter's count is scaled by the
        ratio of the base limit to its own, so axes locks out when any one reaches its limit."""
        base = get_failure_limit(request, credentials)
        limits = parameter_limits()
        filters = self._filters(request, credentials)
        worst = 0
        for kwargs, attempts in zip(
            filters, self.get_user_attempts(request, credentials), strict=True
        ):
            count = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            limit = limits.get(frozenset(kwargs), base)
            worst = max(worst, count * base // limit)
        return worst

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears its account's failures, not its address's: a sprayer who
        owns one account must not wipe the count of the others it tried."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count

    @staticmethod
    def _filters(request, credentials) -> list[dict]:
        return get_client_parameters(
            get_client_username(request, credentials),
            request.axes_ip_address,
            request.axes_user_agent,
            request,
            credentials,
        )
