"""Names of Chinese townships and counties, from jionlp's gazetteer of administrative divisions.

The gazetteer file is read directly (importing jionlp itself is slow and prints a banner).
Short names collide with common words (共和 in 中华人民共和国, 金村 in hundreds of village names),
so only full names of three characters or more that end in an administrative suffix are matched,
and the longest name ending at a suffix wins.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

TOWN_SUFFIXES = ("街道", "镇", "乡", "苏木")
COUNTY_SUFFIXES = ("县", "区", "旗", "市")
MIN_NAME_LENGTH = 3
COMMON_WORD_IDF = 8.5
SUPPORTING_FOLLOWERS = ("人民政府", "党委", "政府", "人大", "司法所", "派出所", "辖区", "境内")
MAX_NAME_LENGTH = 12
# County-level entries that are zones rather than places a report would name as another town.
GENERIC_COUNTY = re.compile(r"开发区|高新|新区|示范区|管理区|工业园|园区|试验区|合作区")
SUFFIX_CHAR = re.compile("[镇乡道木县区旗市]")
# A suffix followed by these is part of a longer word: 乡村, 镇村, 县委 …
CONTINUES_WORD = {"乡": "村镇亲贤土愁情音", "镇": "村化区", "市": "场民级容", "区": "域别划位"}


@dataclass
class Gazetteer:
    # name -> ancestors of each place of that name, e.g. 彭堡镇 -> [(原州区, 固原市, 宁夏…)]
    towns: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    counties: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # full name -> short alias
    # Stems that are also common words (新建镇, 前进乡): matched only with supporting context.
    ambiguous_stems: set[str] = field(default_factory=set)
    longest: int = MAX_NAME_LENGTH
    endings: set[str] = field(default_factory=set)  # last two characters of every name
    _ancestor_cache: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def knows(self, name: str) -> bool:
        return name in self.towns or name in self.counties

    def level(self, name: str) -> str | None:
        if name in self.towns:
            return "town"
        if name in self.counties:
            return "county"
        return None

    def ancestors(self, name: str) -> set[str]:
        """Every parent of every place with this name, full names and aliases."""
        cached = self._ancestor_cache.get(name)
        if cached is not None:
            return set(cached)
        result: set[str] = set()
        for chain in self.towns.get(name, []) + self.counties.get(name, []):
            for parent in chain:
                result.add(parent)
                alias = self.aliases.get(parent)
                if alias:
                    result.add(alias)
        self._ancestor_cache[name] = frozenset(result)
        return result


def _dictionary_folder() -> Path | None:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"


def has_dictionary(name: str) -> bool:
    folder = _dictionary_folder()
    return folder is not None and (
        (folder / name).exists() or (folder / f"{Path(name).stem}.zip").exists()
    )


@contextlib.contextmanager
def open_dictionary(name: str) -> Iterator[TextIO]:
    """A text handle on one of jionlp's dictionary files. jionlp ships the large ones zipped
    and unpacks them on its own first use; read the zip member when it has not (never writing
    into site-packages)."""
    folder = _dictionary_folder()
    if folder is None:
        raise FileNotFoundError(name)
    if (folder / name).exists():
        with (folder / name).open(encoding="utf-8") as handle:
            yield handle
        return
    archive_path = folder / f"{Path(name).stem}.zip"
    with zipfile.ZipFile(archive_path) as archive, archive.open(name) as raw:
        yield io.TextIOWrapper(raw, encoding="utf-8")


GAZETTEER = "china_location.txt"


def _stem(name: str) -> str:
    for suffix in TOWN_SUFFIXES + COUNTY_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _common_word_stems(stems: set[str]) -> set[str]:
    # jionlp's IDF table: a low inverse document frequency means an everyday word.
    if not has_dictionary("idf.txt"):
        return set()
    common = set()
    with open_dictionary("idf.txt") as handle:
        for raw in handle:
            word, _, idf = raw.partition("\t")
            if word in stems:
                try:
                    if float(idf) < COMMON_WORD_IDF:
                        common.add(word)
                except ValueError:
                    continue
    return common


@functools.cache
def load_gazetteer() -> Gazetteer:
    gazetteer = Gazetteer()
    if not has_dictionary(GAZETTEER):
        return gazetteer
    province = city = county = ""
    with open_dictionary(GAZETTEER) as handle:
        for raw in handle:
            if raw.startswith("\t\t\t\t"):
                continue  # villages: too many collide with words
            depth = len(raw) - len(raw.lstrip("\t"))
            parts = raw.strip().split("\t")
            name = parts[0]
            if not name:
                continue
            if depth == 0:
                province = name
            elif depth == 1:
                city = name
            elif depth == 2:
                county = name
                if len(parts) == 3 and parts[2] and parts[2] != name:
                    gazetteer.aliases[name] = parts[2]
                if len(name) >= MIN_NAME_LENGTH and not GENERIC_COUNTY.search(name):
                    gazetteer.counties.setdefault(name, []).append((city, province))
            elif depth == 3 and len(name) >= MIN_NAME_LENGTH:
                gazetteer.towns.setdefault(name, []).append((county, city, province))
            if depth <= 1 and len(parts) == 3 and parts[2] and parts[2] != name:
                gazetteer.aliases[name] = parts[2].split("/")[0]
    names = list(gazetteer.towns) + list(gazetteer.counties)
    gazetteer.endings = {name[-2:] for name in names}
    gazetteer.longest = min(MAX_NAME_LENGTH, max(map(len, names), default=MIN_NAME_LENGTH))
    stems = {_stem(name) for name in list(gazetteer.towns) + list(gazetteer.counties)}
    gazetteer.ambiguous_stems = _common_word_stems(stems)
    return gazetteer


@dataclass(frozen=True)
class PlaceMention:
    name: str
    level: str  # "town" | "county"
    start: int
    end: int


def find_places(text: str, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Township and county names in text: the longest gazetteer name ending at each suffix."""
    gazetteer = gazetteer or load_gazetteer()
    mentions: list[PlaceMention] = []
    for suffix in SUFFIX_CHAR.finditer(text):
        end, char = suffix.end(), suffix.group(0)
        following = text[end : end + 1]
        if following and following in CONTINUES_WORD.get(char, ""):
            continue
        if text[end - 2 : end] not in gazetteer.endings:
            continue  # no name ends like this ("全镇", "我县"): skip the longer lookups
        for length in range(min(gazetteer.longest, end), MIN_NAME_LENGTH - 1, -1):
            candidate = text[end - length : end]
            level = gazetteer.level(candidate)
            if level and _stem(candidate) in gazetteer.ambiguous_stems:
                before = text[max(0, end - length - 1) : end - length]
                after = text[end : end + 4]
                if before not in ("县", "区", "市", "旗") and not after.startswith(
                    SUPPORTING_FOLLOWERS
                ):
                    continue
            if level:
                mentions.append(PlaceMention(candidate, level, end - length, end))
                break
    return mentions
