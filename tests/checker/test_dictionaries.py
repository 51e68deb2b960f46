"""jionlp ships its large dictionaries zipped and unpacks them on its own first use; the checker
must read them either way (a fresh install has only the zips)."""

import shutil
from pathlib import Path

from fazhi.checker import places, traditional


def test_the_gazetteer_and_tables_are_loaded():
    gazetteer = places.load_gazetteer()
    assert len(gazetteer.towns) > 10_000 and len(gazetteer.counties) > 1_000
    assert gazetteer.knows("彭堡镇")
    assert traditional.conversion_table()


def test_dictionaries_are_read_from_the_zip_when_not_unpacked(tmp_path, monkeypatch):
    folder = places._dictionary_folder()
    fake = tmp_path / "dictionary"
    fake.mkdir()
    shutil.copy(folder / "china_location.zip", fake / "china_location.zip")
    monkeypatch.setattr(places, "_dictionary_folder", lambda: fake)
    assert not (fake / "china_location.txt").exists()
    with places.open_dictionary(places.GAZETTEER) as handle:
        first_lines = [next(handle) for _ in range(3)]
    assert all(isinstance(line, str) and line.strip() for line in first_lines)
    assert not Path(fake / "china_location.txt").exists()  # nothing written
