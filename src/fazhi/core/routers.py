"""Reads a page may take from a read replica (DATABASE_REPLICA_URL), and the rule that keeps
everything else on the primary. See docs/scaling.md.

The replica is used only inside `replica_reads()` — which `@replica_view` opens around a GET of
a dashboard or an indicator page — and only for the data those pages aggregate (REPLICA_APPS,
and the organisation tree whose revisions say which stored figures are current, so figures and
revisions come from the same copy). People, sessions, memberships (who may see what), tokens,
notifications and the audit log are always read from the primary. Inside the block, a write
(e.g. the stored figures a dashboard refreshes) or an open transaction on the primary sends the
remaining reads to the primary. A person who saved something in the last
DATABASE_REPLICA_PIN_SECONDS carries a cookie (ReplicaPinMiddleware) that keeps their pages on
the primary, so nobody misses their own change for the replica's lag. A replica that cannot be
reached is left alone for REPLICA_RETRY_SECONDS: the pages read the primary meanwhile (and
/healthz says so), so a standby's outage slows the dashboards down but never breaks them.
"""

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
REPLICA_RETRY_SECONDS = 30.0
PIN_COOKIE = "fazhi_primary"
SAFE_METHODS = ("GET", "HEAD")

# The ledgers, their deadlines and attachments, figures, reports, assessment and findings.
REPLICA_APPS = frozenset(
    {
        "governance",
        "study",
        "publicity",
        "legal_services",
        "openness",
        "normative",
        "decisions",
        "enforcement",
        "disputes",
        "ledgers",
        "deadlines",
        "indicators",
        "reports",
        "assessment",
        "supervision",
    }
)
REPLICA_MODELS = frozenset({"orgs.organisation", "orgs.historicalorganisation"})


@dataclass
class _Block:
    wrote: bool = False


_block: ContextVar[_Block | None] = ContextVar("fazhi_replica_block", default=None)


def replica_configured() -> bool:
    return REPLICA in connections.settings


_down_until = 0.0  # time.monotonic() before which the replica is not tried again


def replica_available() -> bool:
    """The replica answers (its open connection still works, or a new one can be made); when it
    does not, it is not tried again for REPLICA_RETRY_SECONDS."""
    global _down_until
    if not replica_configured() or time.monotonic() < _down_until:
        return False
    connection = connections[REPLICA]
    try:
        if connection.connection is not None and not connection.is_usable():
            connection.close()
        connection.ensure_connection()
    except DatabaseError:
        logger.warning("read replica unreachable; primary used for %ss", REPLICA_RETRY_SECONDS)
        connection.close()
        _down_until = time.monotonic() + REPLICA_RETRY_SECONDS
        return False
    return True


@contextmanager
def replica_reads() -> Iterator[None]:
    """Within the block, reads of REPLICA_APPS go to the replica until something is written."""
    token = _block.set(_Block())
    try:
        yield
    finally:
        _block.reset(token)


def replica_view(view):
    """A read-only page (GET/HEAD) whose figures may come from the replica."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in SAFE_METHODS or PIN_COOKIE in request.COOKIES:
            return view(request, *args, **kwargs)
        if not replica_available():
            return view(request, *args, **kwargs)
        with replica_reads():
            return view(request, *args, **kwargs)

    return wrapped


def reads_replica(model) -> bool:
    block = _block.get()
    if block is None or block.wrote or not replica_configured():
        return False
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return False  # a transaction reads what it has written, and locks rows on the primary
    meta = model._meta
    return meta.app_label in REPLICA_APPS or meta.label_lower in REPLICA_MODELS


def _instance_db(hints) -> str | None:
    instance = hints.get("instance")
    return getattr(getattr(instance, "_state", None), "db", None)


class ReplicaRouter:
    """Installed by settings only when DATABASE_REPLICA_URL is set."""

    def db_for_read(self, model, **hints):
        if reads_replica(model):
            return REPLICA
        if _instance_db(hints) == REPLICA:
            return DEFAULT_DB_ALIAS  # an object read in a block leads nowhere near the replica
        return None

    def db_for_write(self, model, **hints):
        block = _block.get()
        if block is not None:
            block.wrote = True
        if _instance_db(hints) == REPLICA:
            return DEFAULT_DB_ALIAS  # the replica is read-only; the same row lives on the primary
        return None

    def allow_relation(self, obj1, obj2, **hints):
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, **hints):
        return False if db == REPLICA else None  # the server replicates the schema


class ReplicaPinMiddleware:
    """After a person's write (any unsafe method), their pages read the primary for a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in SAFE_METHODS and request.method != "OPTIONS":
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
