"""Running the suite on two cores (pytest-xdist, `-n 2 --dist loadfile --no-loadscope-reorder`;
scripts/run-tests.sh).

The tests on the whole demo (the session `demo` fixture: loaded once per worker and kept to the
end) are sorted last (tests/conftest.py), and no worker may run another test after it has loaded
the demo. Workers are sent the collection in order, a run of consecutive tests of one file at a
time: a file whose demo tests were sorted to the end is two runs, the second among the demo
tests. Once a worker is given a run from the end, every run left is a demo test's.
(xdist's own `loadgroup` names groups through `item._nodeid`, which pytest 9 no longer reads.)"""

from collections import Counter

import pytest


def contiguous_scopes(nodeids) -> dict[str, str]:
    """{node id: its file and the number of the file's run of consecutive tests}."""
    scopes, runs, previous = {}, Counter(), None
    for nodeid in nodeids:
        file = nodeid.split("::", 1)[0]
        if file != previous:
            runs[file] += 1
            previous = file
        scopes[nodeid] = f"{file}#{runs[file]}"
    return scopes


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile" or config.getvalue("loadscopereorder"):
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ConsecutiveRunScheduling(LoadScopeScheduling):
        scopes: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.scopes is None:
                self.scopes = contiguous_scopes(next(iter(self.registered_collections.values())))
            return self.scopes[nodeid]

    return ConsecutiveRunScheduling(config, log)
