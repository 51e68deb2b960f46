"""Load and validate indicators.yaml into immutable objects."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

CATALOGUE_PATH = Path(__file__).with_name("indicators.yaml")
# libyaml's safe loader when PyYAML was built with it: ten times faster (checker start-up)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KINDS = ("count", "sum", "ratio")
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message says where, in Chinese."""


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    counts: str  # one line saying exactly what is counted or summed
    unit: str
    units: tuple[str, ...]
    kind: str
    ledger: str
    synonyms: tuple[str, ...]
    numerator: str | None = None
    denominator: str | None = None
    key: bool = False
    better: str = "higher"  # "lower" for figures where less is better (overdue items)

    @property
    def is_ratio(self) -> bool:
        return self.kind == "ratio"


@dataclass(frozen=True)
class Catalogue:
    version: int
    indicators: tuple[Indicator, ...]

    @functools.cached_property
    def by_code(self) -> dict[str, Indicator]:
        return {indicator.code: indicator for indicator in self.indicators}

    def __getitem__(self, code: str) -> Indicator:
        return self.by_code[code]

    def __contains__(self, code: object) -> bool:
        return code in self.by_code

    def __len__(self) -> int:
        return len(self.indicators)

    @property
    def ledgers(self) -> set[str]:
        return {indicator.ledger for indicator in self.indicators}

    @property
    def key_codes(self) -> list[str]:
        return [indicator.code for indicator in self.indicators if indicator.key]


def _build_indicator(raw: dict, position: int) -> Indicator:
    where = f"指标目录第 {position} 项"
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where}不是映射")
    missing = [field for field in ("code", "name", "unit", "kind", "ledger") if not raw.get(field)]
    if missing:
        raise CatalogueError(f"{where}缺少字段：{', '.join(missing)}")
    code = str(raw["code"])
    if not CODE_PATTERN.match(code):
        raise CatalogueError(f"{where}的代码“{code}”不符合“领域.名称”的 ASCII 格式")
    counts = raw.get("counts")
    if not isinstance(counts, str) or not counts.strip() or "\n" in counts.strip():
        raise CatalogueError(f"指标 {code} 缺少 counts 字段：须用一行中文写明统计的是什么")
    if raw.get("better", "higher") not in ("higher", "lower"):
        raise CatalogueError(f"指标 {code} 的 better 应为 higher 或 lower")
    if raw["kind"] not in KINDS:
        raise CatalogueError(f"指标 {code} 的类型“{raw['kind']}”无效，应为 count/sum/ratio")
    unit = str(raw["unit"])
    units = tuple(str(u) for u in raw.get("units") or [unit])
    if unit not in units:
        units = (unit, *units)
    return Indicator(
        code=code,
        name=str(raw["name"]),
        counts=counts.strip(),
        unit=unit,
        units=units,
        kind=raw["kind"],
        ledger=str(raw["ledger"]),
        synonyms=tuple(str(s) for s in raw.get("synonyms") or ()),
        numerator=raw.get("numerator"),
        denominator=raw.get("denominator"),
        key=bool(raw.get("key", False)),
        better=str(raw.get("better", "higher")),
    )


def parse_catalogue(data: dict) -> Catalogue:
    """Build a catalogue from parsed YAML, checking codes are unique and ratios well formed."""
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise CatalogueError("指标目录缺少 indicators 列表")
    indicators = tuple(
        _build_indicator(raw, position) for position, raw in enumerate(data["indicators"], 1)
    )
    codes = [indicator.code for indicator in indicators]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise CatalogueError(f"指标代码重复：{', '.join(duplicates)}")
    known = set(codes)
    for indicator in indicators:
        if indicator.is_ratio:
            for part in (indicator.numerator, indicator.denominator):
                if part not in known:
                    raise CatalogueError(
                        f"比率指标 {indicator.code} 的分子或分母“{part}”不在目录中"
                    )
        elif indicator.numerator or indicator.denominator:
            raise CatalogueError(f"指标 {indicator.code} 不是比率，却写了分子或分母")
    return Catalogue(version=int(data.get("version", 1)), indicators=indicators)


@functools.cache
def load_catalogue(path: Path | str | None = None) -> Catalogue:
    """Read the catalogue (the shipped one by default); cached per path."""
    source = Path(path) if path else CATALOGUE_PATH
    with source.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=SAFE_LOADER)
    return parse_catalogue(data)
