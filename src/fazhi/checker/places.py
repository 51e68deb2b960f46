"""Names of Chinese townships, counties and villages, from jionlp's gazetteer of divisions.

The gazetteer file is read directly (importing jionlp itself is slow and prints a banner), once:
the compact index built from it is cached with marshal in the user's cache folder, keyed by the
source files and this module (reading 12 MB of text took 0.3 s of every cold start).
Villages are kept apart, by county, and loaded only when a report's own county is known.
Short names collide with common words (共和 in 中华人民共和国, 金村 in hundreds of village names),
so only full names of three characters or more that end in an administrative suffix are matched,
and the longest name ending at a suffix wins.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib.util
import io
import marshal
import os
import re
import time
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
    # name -> ancestors of each place of that name, one chain per place, as a string (shared by
    # a county's towns: the cache loads fast): 彭堡镇 -> "原州区\t固原市\t宁夏回族自治区"
    towns: dict[str, str] = field(default_factory=dict)
    counties: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # full name -> short alias
    # Stems that are also common words (新建镇, 前进乡): matched only with supporting context.
    ambiguous_stems: set[str] = field(default_factory=set)
    longest: int = MAX_NAME_LENGTH
    endings: set[str] = field(default_factory=set)  # last two characters of every name
    # Stem (name without its suffix, 2+ characters) -> full names joined by ";": 彭堡 -> 彭堡镇.
    # Half the index and needed only for a set phrase: loaded from its own cache file on use.
    stems: dict[str, str] | None = None
    _ancestor_cache: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def knows(self, name: str) -> bool:
        return name in self.towns or name in self.counties

    def level(self, name: str) -> str | None:
        if name in self.towns:
            return "town"
        if name in self.counties:
            return "county"
        return None

    def chains(self, name: str) -> list[tuple[str, ...]]:
        """The ancestors of each place of this name, nearest first."""
        joined = self.towns.get(name) or self.counties.get(name) or ""
        return [tuple(chain.split("\t")) for chain in joined.split(";") if chain]

    def full_names(self, stem: str) -> list[str]:
        if self.stems is None:
            self.stems = load_stems()
        return [name for name in self.stems.get(stem, "").split(";") if name]

    def ancestors(self, name: str) -> set[str]:
        """Every parent of every place with this name, full names and aliases."""
        cached = self._ancestor_cache.get(name)
        if cached is not None:
            return set(cached)
        result: set[str] = set()
        for chain in self.chains(name):
            for parent in chain:
                result.add(parent)
                alias = self.aliases.get(parent)
                if alias:
                    result.add(alias)
        self._ancestor_cache[name] = frozenset(result)
        return result

    def state(self) -> tuple:
        """Plain containers only, for marshal."""
        return (
            self.towns,
            self.counties,
            self.aliases,
            self.ambiguous_stems,
            self.longest,
            self.endings,
        )

    @classmethod
    def from_state(cls, state: tuple) -> Gazetteer:
        towns, counties, aliases, ambiguous, longest, endings = state
        return cls(towns, counties, aliases, ambiguous, longest, endings)


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


VILLAGE_SUFFIXES = ("社区", "村")
COMMON_VILLAGES = ""  # key of the stems of village names that are everyday words


def _village_stem(name: str) -> str:
    for suffix in VILLAGE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _add(index: dict[str, str], key: str, value: str) -> None:
    index[key] = f"{index[key]};{value}" if key in index else value


def _read_gazetteer() -> tuple[Gazetteer, dict[str, bytes]]:
    """The gazetteer and, per county ("county\tcity"), its towns' villages as one string
    ("town:village,village;town:…"), straight from jionlp's file."""
    gazetteer = Gazetteer(stems={})
    villages: dict[str, list[str]] = {}
    if not has_dictionary(GAZETTEER):
        return gazetteer, {}
    province = city = county = town = ""
    chains: dict[tuple[str, ...], str] = {}  # one string object per chain
    with open_dictionary(GAZETTEER) as handle:
        for raw in handle:
            if raw.startswith("\t\t\t\t"):
                name = raw.strip().split("\t")[0]
                if name and town:
                    villages[f"{county}\t{city}"][-1] += name + ","
                continue
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
                county, town = name, ""
                villages.setdefault(f"{county}\t{city}", [])
                if len(parts) == 3 and parts[2] and parts[2] != name:
                    gazetteer.aliases[name] = parts[2]
                if len(name) >= MIN_NAME_LENGTH and not GENERIC_COUNTY.search(name):
                    chain = chains.setdefault((city, province), f"{city}\t{province}")
                    _add(gazetteer.counties, name, chain)
            elif depth == 3:
                town = name
                villages.setdefault(f"{county}\t{city}", []).append(name + ":")
                if len(name) >= MIN_NAME_LENGTH:
                    key = (county, city, province)
                    chain = chains.setdefault(key, "\t".join(key))
                    _add(gazetteer.towns, name, chain)
            if depth <= 1 and len(parts) == 3 and parts[2] and parts[2] != name:
                gazetteer.aliases[name] = parts[2].split("/")[0]
    names = list(gazetteer.towns) + list(gazetteer.counties)
    gazetteer.endings = {name[-2:] for name in names}
    gazetteer.longest = min(MAX_NAME_LENGTH, max(map(len, names), default=MIN_NAME_LENGTH))
    for name in names:
        stem = _stem(name)
        if 2 <= len(stem) < len(name):
            _add(gazetteer.stems, stem, name)
    place_stems = set(gazetteer.stems) | {_stem(n) for n in names}
    village_stems = {
        _village_stem(name) for towns in villages.values() for entry in towns
        for name in entry.partition(":")[2].split(",") if name
    }  # fmt: skip
    common = _common_word_stems(place_stems | village_stems)
    gazetteer.ambiguous_stems = common & place_stems
    # bytes: decoded only for the one county a report needs (a quarter of the load time)
    packed = {key: ";".join(towns).encode() for key, towns in villages.items()}
    packed[COMMON_VILLAGES] = ",".join(sorted(common & village_stems)).encode()
    return gazetteer, packed


CACHE_FORMAT = 1


def cache_folder() -> Path:
    """FAZHI_CACHE_DIR, else $XDG_CACHE_HOME/fazhi, else ~/.cache/fazhi."""
    explicit = os.environ.get("FAZHI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = Path.home() / ".cache"
        except (RuntimeError, KeyError):  # no home directory (a service account)
            import tempfile

            base = Path(tempfile.gettempdir())
    return Path(base) / "fazhi"


def _fingerprint() -> str:
    """Changes with the dictionary files read (name, size, time) and with this module."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}".encode())
    digest.update(Path(__file__).read_bytes())
    folder = _dictionary_folder()
    for name in (GAZETTEER, "idf.txt"):
        for candidate in (name, f"{Path(name).stem}.zip"):
            path = folder / candidate if folder else None
            if path is not None and path.exists():
                stat = path.stat()
                digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
                break
    return digest.hexdigest()[:20]


def _cache_paths() -> tuple[Path, Path, Path]:
    key = _fingerprint()
    folder = cache_folder()
    return tuple(folder / f"{part}-{key}.marshal" for part in ("gazetteer", "villages", "stems"))


def _load_marshal(path: Path):
    try:
        data = path.read_bytes()
    except OSError:
        return None
    gc.disable()  # hundreds of thousands of containers: no collection passes while unpacking
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    finally:
        gc.enable()


def _store_marshal(path: Path, value) -> None:
    _store_bytes(path, marshal.dumps(value))


def _store_bytes(path: Path, data: bytes) -> None:
    """Written atomically; a read-only or full disk just means no cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        pass


STALE_CACHE_DAYS = 30


def _prune(folder: Path, keep: set[Path]) -> None:
    """Caches of other versions untouched for a month go (each is about 10 MB)."""
    limit = STALE_CACHE_DAYS * 86400
    try:
        for path in folder.glob("*.marshal"):
            if path not in keep and time.time() - path.stat().st_mtime > limit:
                path.unlink()
    except OSError:
        pass


HEADER_BYTES = 4


class VillageFile:
    """The villages cache: a small marshalled index (county -> offset, length), then the
    counties' strings one after another; a report reads only its own county's bytes."""

    def __init__(self, path: Path, index: dict[str, tuple[int, int]], start: int):
        self.path, self.index, self.start = path, index, start

    @classmethod
    def write(cls, path: Path, villages: dict[str, bytes]) -> None:
        index, offset = {}, 0
        for key, blob in villages.items():
            index[key] = (offset, len(blob))
            offset += len(blob)
        header = marshal.dumps(index)
        body = len(header).to_bytes(HEADER_BYTES, "little") + header + b"".join(villages.values())
        _store_bytes(path, body)

    @classmethod
    def open(cls, path: Path) -> VillageFile | None:
        try:
            with path.open("rb") as handle:
                size = int.from_bytes(handle.read(HEADER_BYTES), "little")
                index = marshal.loads(handle.read(size))
        except (OSError, EOFError, ValueError, TypeError):
            return None
        return cls(path, index, HEADER_BYTES + size) if isinstance(index, dict) else None

    def get(self, key: str, default: bytes = b"") -> bytes:
        if key not in self.index:
            return default
        offset, length = self.index[key]
        try:
            with self.path.open("rb") as handle:
                handle.seek(self.start + offset)
                data = handle.read(length)
        except OSError:
            return default
        return data if len(data) == length else default


def build_cache() -> tuple[Gazetteer, dict[str, bytes]]:
    """Read jionlp's files and write the compact cache (scripts, and the first use)."""
    gazetteer, villages = _read_gazetteer()
    if gazetteer.towns:
        gazetteer_path, villages_path, stems_path = _cache_paths()
        _prune(gazetteer_path.parent, {gazetteer_path, villages_path, stems_path})
        VillageFile.write(villages_path, villages)
        _store_marshal(stems_path, gazetteer.stems)
        _store_marshal(gazetteer_path, gazetteer.state())
    return gazetteer, villages


@functools.cache
def load_gazetteer() -> Gazetteer:
    state = _load_marshal(_cache_paths()[0])
    if isinstance(state, tuple) and len(state) == 6:
        return Gazetteer.from_state(state)
    return build_cache()[0]


@functools.cache
def load_stems() -> dict[str, str]:
    stems = _load_marshal(_cache_paths()[2])
    if isinstance(stems, dict):
        return stems
    return build_cache()[0].stems or {}


@functools.cache
def load_villages() -> VillageFile | dict[str, bytes]:
    """County ("county\\tcity") -> "town:village,village,;town:…" of its towns, UTF-8, through
    `.get(key, default)`: from the cache file, else (no cache) all in memory."""
    villages = VillageFile.open(_cache_paths()[1])
    if villages is not None:
        return villages
    return build_cache()[1]


@functools.cache
def common_village_stems() -> frozenset[str]:
    return frozenset(load_villages().get(COMMON_VILLAGES, b"").decode().split(","))


def villages_by_town(county_key: str) -> dict[str, list[str]]:
    """The villages of each town of one county."""
    result: dict[str, list[str]] = {}
    for entry in load_villages().get(county_key, b"").decode().split(";"):
        town, _, names = entry.partition(":")
        if town:
            result[town] = [name for name in names.split(",") if name]
    return result


@dataclass(frozen=True)
class PlaceMention:
    name: str
    level: str  # "town" | "county" | "village"
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


# "推进法治彭堡建设", "平安金村建设进程": set phrases that put a place's short name in the middle.
SET_PHRASE = re.compile(
    r"(?:法治|平安|美丽|幸福|和谐|文明|数字|智慧|活力|魅力|生态)([\u4e00-\u9fff]{2,3}?)(?=建设|进程)"
)
# Words that stand in those phrases and are no place ("法治政府建设", "平安校园建设").
NOT_SHORT_NAMES = frozenset({
    "政府", "社会", "国家", "中国", "乡村", "农村", "城市", "城乡", "文化", "机关", "校园", "社区",
    "村居", "乡镇", "街道", "队伍", "宣传", "环境", "阵地", "家庭", "企业", "医院", "单位", "部门",
    "示范", "基层", "县域", "市域", "工作", "体系", "能力", "思维", "理念", "建设", "示范村",
    "村庄", "小区", "园区", "景区", "广场", "长廊", "公园", "品牌", "文明", "生态",
})  # fmt: skip


@dataclass(frozen=True)
class ShortName:
    stem: str  # 彭堡
    full: tuple[str, ...]  # 彭堡镇 …
    start: int
    end: int


def find_short_names(text: str, gazetteer: Gazetteer | None = None) -> list[ShortName]:
    """Two- or three-character short names of townships and counties inside set phrases."""
    gazetteer = gazetteer or load_gazetteer()
    found = []
    for match in SET_PHRASE.finditer(text):
        stem = match.group(1)
        if stem in NOT_SHORT_NAMES or stem in gazetteer.ambiguous_stems:
            continue
        full = gazetteer.full_names(stem)
        if full:
            found.append(ShortName(stem, tuple(full), match.start(1), match.end(1)))
    return found


# Village names that are also common phrases in reports ("新农村建设", "民主法治示范村").
NOT_VILLAGES = frozenset({
    "新农村", "城中村", "贫困村", "行政村", "自然村", "示范村", "中心村", "重点村", "文明村",
    "法治村",
})  # fmt: skip
VILLAGE_END = re.compile("村|社区")
WORD_AFTER_VILLAGE = "民级落庄务"  # 村民, 村级, 村落 … make 村 part of another word


@dataclass
class Neighbours:
    """The villages of the report's own county: which town each name belongs to."""

    town: str
    owner: dict[str, str] = field(default_factory=dict)  # village -> its town
    longest: int = 0


@functools.lru_cache(maxsize=64)  # a county's batch asks for the same few every time
def neighbours(town: str, county_key: str) -> Neighbours:
    """Own villages win over a neighbour's village of the same name."""
    result = Neighbours(town)
    common = common_village_stems()
    towns = villages_by_town(county_key)
    for other, names in sorted(towns.items(), key=lambda item: item[0] == town):
        for name in names:
            if len(name) < MIN_NAME_LENGTH or name in NOT_VILLAGES:
                continue
            if _village_stem(name) in common and other != town:
                continue
            result.owner[name] = other
            result.longest = max(result.longest, len(name))
    return result


def find_villages(text: str, known: Neighbours) -> list[PlaceMention]:
    """Village names of the county in text: the longest known name ending at 村 or 社区."""
    mentions = []
    for suffix in VILLAGE_END.finditer(text):
        end = suffix.end()
        if suffix.group(0) == "村" and text[end : end + 1] in WORD_AFTER_VILLAGE:
            continue
        for length in range(min(known.longest, end), MIN_NAME_LENGTH - 1, -1):
            candidate = text[end - length : end]
            if candidate in known.owner:
                mentions.append(PlaceMention(candidate, "village", end - length, end))
                break
    return mentions
