"""What /healthz checks: each check answers True or False and never says why to the caller
(the reason goes to the server log only)."""

import logging
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fazhi.core.routers import replica_available

logger = logging.getLogger(__name__)


def database_reachable() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def migrations_applied() -> bool:
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def media_writable() -> bool:
    """A file can be created and removed where attachments are stored (the folder is made on
    first use, as the storage would make it)."""
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=media, prefix=".healthz-") as probe:
        probe.write(b"ok")
        probe.flush()
    return True


CHECKS = {
    "database": database_reachable,
    "migrations": migrations_applied,
    "media": media_writable,
}


# Reported when a replica is configured, without failing the whole check: the pages fall back
# to the primary, so a balancer must not take the site out of service for it.
ADVISORY_CHECKS = {"replica": replica_available}


def run_checks(checks=None) -> dict[str, bool]:
    results = {}
    for name, check in (CHECKS if checks is None else checks).items():
        try:
            results[name] = bool(check())
        except Exception:  # any failure is "failed"; the details stay in the server log
            logger.exception("health check %s failed", name)
            results[name] = False
    return results
