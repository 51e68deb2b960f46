"""Start-up of `fazhi check` (issue 20, point 7): the gazetteer comes from a compact cache keyed
by its sources, and checking one report imports no heavy library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from fazhi.checker import places
from fazhi.checker.places import Gazetteer
from tests.checker.conftest import CLEAN_REPORT

FAKE = Gazetteer(
    towns={"甲乙镇": "丙丁县\t戊己市\t庚省"},
    counties={"丙丁县": "戊己市\t庚省"},
    stems={"甲乙": "甲乙镇"},
)
FAKE_VILLAGES = {"丙丁县\t戊己市": "甲乙镇:子丑村,寅卯村,".encode(), "": b""}


def clear_caches() -> None:
    for cached in (
        places.load_gazetteer,
        places.load_villages,
        places.load_stems,
        places.common_village_stems,
    ):
        cached.cache_clear()
    places.neighbours.cache_clear()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder and a counted fake reader of jionlp's files."""
    reads = []

    def read():
        reads.append(1)
        gazetteer = Gazetteer.from_state(FAKE.state())
        gazetteer.stems = dict(FAKE.stems)
        return gazetteer, dict(FAKE_VILLAGES)

    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(places, "_read_gazetteer", read)
    clear_caches()
    yield reads
    clear_caches()


def test_first_load_builds_the_cache_and_later_loads_read_it(cache, tmp_path):
    assert places.load_gazetteer().knows("甲乙镇")
    assert len(cache) == 1
    written = sorted(path.name.split("-")[0] for path in (tmp_path / "cache").iterdir())
    assert written == ["gazetteer", "stems", "villages"]
    clear_caches()
    gazetteer = places.load_gazetteer()
    assert places.villages_by_town("丙丁县\t戊己市") == {"甲乙镇": ["子丑村", "寅卯村"]}
    assert len(cache) == 1  # read from the cache, not from jionlp's files
    assert gazetteer.chains("甲乙镇") == [("丙丁县", "戊己市", "庚省")]
    assert gazetteer.ancestors("甲乙镇") == {"丙丁县", "戊己市", "庚省"}
    assert gazetteer.stems is None  # not read until a set phrase needs it
    assert gazetteer.full_names("甲乙") == ["甲乙镇"]


def test_a_changed_source_makes_a_new_cache(cache, monkeypatch):
    places.load_gazetteer()
    clear_caches()
    monkeypatch.setattr(places, "_fingerprint", lambda: "another-source")
    places.load_gazetteer()
    assert len(cache) == 2


def test_a_corrupt_cache_is_rebuilt(cache):
    places.load_gazetteer()
    gazetteer_path = places._cache_paths()[0]
    gazetteer_path.write_bytes(b"\x00garbage")
    clear_caches()
    assert places.load_gazetteer().knows("甲乙镇")
    assert len(cache) == 2


def test_an_unwritable_cache_folder_still_works(cache, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(blocker / "cache"))
    assert places.load_gazetteer().knows("甲乙镇")
    clear_caches()
    assert places.load_gazetteer().knows("甲乙镇")
    assert len(cache) == 2  # read every time, but never an error


def test_old_caches_of_other_versions_are_pruned_on_a_build(cache, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    old, recent = folder / "gazetteer-old.marshal", folder / "villages-recent.marshal"
    old.write_bytes(b"x")
    recent.write_bytes(b"x")
    month_ago = time.time() - 31 * 86400
    os.utime(old, (month_ago, month_ago))
    places.load_gazetteer()
    assert not old.exists() and recent.exists()


def test_the_fingerprint_follows_the_dictionary_files(tmp_path, monkeypatch):
    folder = tmp_path / "dictionary"
    folder.mkdir()
    (folder / places.GAZETTEER).write_text("甲\n", encoding="utf-8")
    monkeypatch.setattr(places, "_dictionary_folder", lambda: folder)
    before = places._fingerprint()
    (folder / places.GAZETTEER).write_text("甲乙\n", encoding="utf-8")
    assert places._fingerprint() != before


HEAVY = ("datasketch", "scipy", "numpy", "rich", "django", "jionlp", "multiprocessing")


def test_checking_one_report_imports_no_heavy_library(tmp_path):
    report = tmp_path / "qingshan.txt"
    report.write_text(CLEAN_REPORT, encoding="utf-8")
    script = (
        "import io, json, sys\n"
        "from fazhi.cli import main\n"
        "out = sys.stdout\n"
        "sys.stdout = io.StringIO()\n"
        f"code = main(['check', {str(report)!r}])\n"
        "sys.stdout = out\n"
        f"print(json.dumps([code, sorted(m for m in {HEAVY!r} if m in sys.modules)]))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [0, []]
