"""Running the suite on two cores (pytest-xdist, `-n 2 --dist loadgroup`; scripts/run-tests.sh).

Tests are sent to the workers a file at a time, in collection order. The tests on the whole
demo (the session `demo` fixture, loaded once per worker and kept until the end) come last and
in their own groups, so no worker runs another test after it has loaded the demo."""

import zlib

import pytest

DEMO_GROUPS = 2  # one per worker: each loads the demo once


@pytest.hookimpl(tryfirst=True)  # before xdist's worker names the groups into the node ids
def pytest_collection_modifyitems(session, config, items):
    for item in items:
        if "demo" in getattr(item, "fixturenames", ()):
            module = item.nodeid.split("::", 1)[0]
            group = zlib.crc32(module.encode()) % DEMO_GROUPS
            item.add_marker(pytest.mark.xdist_group(f"demo{group}"))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """loadgroup's groups (the demo tests), every other test scheduled by its file; with
    --no-loadscope-reorder the files go out in collection order, demo groups last."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class FileOrGroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if "@" in nodeid:
                return nodeid.rsplit("@", 1)[-1]
            return nodeid.split("::", 1)[0]

    return FileOrGroupScheduling(config, log)
