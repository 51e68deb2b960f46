import os

import pytest
from django.apps import apps
from django.db import transaction
from django.utils.module_loading import import_string

from tests.world import World, build_world


def pytest_configure(config):
    from tests import parallel  # two workers, the demo tests last (scripts/run-tests.sh)

    config.pluginmanager.register(parallel, "fazhi-parallel")


def in_ci() -> bool:
    # Read at call time, so a test can check both behaviours with monkeypatch.
    return os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip locally when a component is missing; under CI=true that is a failure."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"required under CI=true: {reason}")
    pytest.skip(reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skipped test is a failed one: nothing may be left out for lack of a part."""
    outcome = yield
    report = outcome.get_result()
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped under CI=true, which counts as a failure: {reason}"


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def ledger_world(world):
    from tests.ledger_world import build_ledger_world

    return build_ledger_world(world)


@pytest.hookimpl(trylast=True)  # after pytest-django's ordering, which would interleave
def pytest_collection_modifyitems(session, config, items):
    """Tests on the whole demo run last, so the demo is loaded once for the session (a load
    takes a minute on PostgreSQL) and no other test ever sees its data. Tests of PostgreSQL's
    own features are left out of the SQLite run (not skipped: the PostgreSQL run has them)."""
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        left_out = [item for item in items if item.get_closest_marker("postgresql_only")]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if item not in left_out]
    items.sort(key=lambda item: "demo" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def demo(django_db_setup, django_db_blocker):
    """The full demo, loaded once the way `fazhi demo` does, for the tests that run last (see
    pytest_collection_modifyitems), rolled back at the end of the session."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            for config in apps.get_app_configs():
                loader = getattr(config, "demo_loader", None)
                if loader:
                    import_string(loader)()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
