"""The national division list (省 → 市 → 县 → 镇/乡/街道 → 村/社区), read from the pinned jionlp
package's china_location data through its own loader; nothing is copied into this repository.

Codes. Provinces, cities and counties carry their official 6-digit administrative division
codes (行政区划代码) in the data. Townships and villages come without codes, so they get derived
ones, stable as long as the unit's name and its county's code are:

    township  <county code>-<6 hex digits of the SHA-256 of its name>     e.g. 310114-3735EA
    village   <township code>-<6 hex digits of the SHA-256 of its name>   e.g. 310114-3735EA-5AEB8A

(when two siblings' digests collide, both use as many more digits as make them differ). A
derived code never looks like an official 9- or 12-digit one, and the administrator may later
replace an organisation's code with the official one: set-up recognises a unit by its
`division_code`, which keeps the derived code.

The county index (about 3,000 entries) is read once and cached; a county's townships and
villages are read when asked for (the full five-level list is about 700,000 lines) and the
last few asked for are cached.
"""

import contextlib
import hashlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache

TOWNSHIP_DIGITS = 6
META = "_"  # jionlp's dictionaries mix child names with keys like "_admin_code"


@dataclass(frozen=True)
class County:
    code: str
    name: str
    province: str
    city: str
    alias: str

    @property
    def full_name(self) -> str:
        parts = [self.province]
        if self.city != self.province:
            parts.append(self.city)
        parts.append(self.name)
        return " ".join(parts)


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    children: tuple["Unit", ...] = ()


def _load(detail: bool) -> dict:
    # jionlp prints a banner on import: keep it off the CLI's output.
    with contextlib.redirect_stdout(io.StringIO()):
        from jionlp.dictionary.dictionary_loader import china_location_loader

        return china_location_loader(detail=detail)


def _children(node: dict):
    return ((name, value) for name, value in node.items() if not name.startswith(META))


@lru_cache(maxsize=1)
def counties() -> tuple[County, ...]:
    """Every county-level unit (县、区、县级市、旗 …) in the list's order."""
    found = []
    for province, province_node in _children(_load(detail=False)):
        for city, city_node in _children(province_node):
            for name, node in _children(city_node):
                found.append(
                    County(
                        code=str(node["_admin_code"]),
                        name=name,
                        province=province,
                        city=city,
                        alias=str(node.get("_alias") or ""),
                    )
                )
    return tuple(found)


@lru_cache(maxsize=1)
def _by_code() -> dict[str, County]:
    index: dict[str, County] = {}
    for county in counties():
        index.setdefault(county.code, county)
    return index


def county(code: str) -> County | None:
    return _by_code().get(str(code).strip())


def provinces() -> list[str]:
    return list(dict.fromkeys(c.province for c in counties()))


def cities(province: str) -> list[str]:
    return list(dict.fromkeys(c.city for c in counties() if c.province == province))


def counties_in(province: str, city: str) -> list[County]:
    return [c for c in counties() if c.province == province and c.city == city]


def search(query: str, limit: int = 50) -> list[County]:
    """Counties whose province, city, name, short name or code contain every word of `query`
    (words split by spaces, "/" or "，"), in the list's order."""
    words = [w for w in re.split(r"[\s/，,]+", query or "") if w]
    if not words:
        return []
    found = []
    for item in counties():
        text = f"{item.province} {item.city} {item.name} {item.alias} {item.code}"
        if all(word in text for word in words):
            found.append(item)
            if len(found) >= limit:
                break
    return found


def find_county(text: str) -> County:
    """One county from a code or a name (with its province/city when the name is not unique);
    LookupError with a Chinese message otherwise."""
    text = (text or "").strip()
    if found := county(text):
        return found
    matches = search(text, limit=20)
    exact = [c for c in matches if c.name == text.split()[-1].split("/")[-1]]
    if len(exact) == 1:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise LookupError(f"区划名录中没有“{text}”，请检查名称或输入六位区划代码。")
    choices = "；".join(f"{c.full_name}（{c.code}）" for c in (exact or matches)[:10])
    raise LookupError(f"“{text}”对应多个县（区）：{choices}。请输入区划代码。")


def _digest(name: str, digits: int) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:digits].upper()


def derived_codes(prefix: str, names) -> dict[str, str]:
    """{name: f"{prefix}-{digest}"} for sibling names, digests lengthened where they collide."""
    names = list(dict.fromkeys(names))
    codes = {}
    digits = TOWNSHIP_DIGITS
    pending = names
    while pending:
        by_digest: dict[str, list[str]] = {}
        for name in pending:
            by_digest.setdefault(_digest(name, digits), []).append(name)
        pending = []
        for digest, group in by_digest.items():
            if len(group) == 1:
                codes[group[0]] = f"{prefix}-{digest}"
            else:
                pending.extend(group)
        digits += 2
    return codes


@lru_cache(maxsize=8)
def townships(county_code: str) -> tuple[Unit, ...]:
    """The county's 镇/乡/街道, each with its 村/社区, in the list's order; () when the list
    has none (or the code is not a county's)."""
    item = county(county_code)
    if item is None:
        return ()
    node = _load(detail=True).get(item.province, {}).get(item.city, {}).get(item.name, {})
    towns = [(name, villages or {}) for name, villages in _children(node)]
    town_codes = derived_codes(item.code, [name for name, _ in towns])
    result = []
    for name, villages in towns:
        village_names = [v for v, _ in _children(villages)]
        village_codes = derived_codes(town_codes[name], village_names)
        result.append(
            Unit(
                code=town_codes[name],
                name=name,
                children=tuple(Unit(code=village_codes[v], name=v) for v in village_names),
            )
        )
    return tuple(result)
