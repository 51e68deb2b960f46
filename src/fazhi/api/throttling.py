"""How many API requests one person may make (token and session alike, counted together).

The counts live in the shared cache (settings.CACHES["shared"], a database table), so every
gunicorn worker sees the same count; Django's default cache is per process and would let a
script make the limit times the number of workers."""

from django.conf import settings
from django.core.cache import caches
from rest_framework.exceptions import Throttled
from rest_framework.throttling import UserRateThrottle

SHARED_CACHE = "shared"


class PersonThrottle(UserRateThrottle):
    scope = "user"

    @property
    def cache(self):
        return caches[SHARED_CACHE]

    def get_rate(self):
        # Read when a request comes, not at import: the rate is a setting (FAZHI_API_RATE).
        return settings.FAZHI_API_RATE


class TooManyRequests(Throttled):
    default_detail = "请求过于频繁，已超出每人的接口访问限额。"
    extra_detail_singular = extra_detail_plural = "请在 {wait} 秒后再试。"
