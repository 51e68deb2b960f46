"""Load and validate relations.yaml: the consistency rules between catalogue figures."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from fazhi.catalogue.loader import SAFE_LOADER, Catalogue, CatalogueError, load_catalogue

RELATIONS_PATH = Path(__file__).with_name("relations.yaml")


@dataclass(frozen=True)
class Subset:
    """`part` ≤ `whole` for one organisation and year; with `may_exceed_when`, `part` may
    exceed `whole` when the report explains it with one of those words."""

    part: str
    whole: str
    may_exceed_when: tuple[str, ...] = ()

    @property
    def strict(self) -> bool:
        return not self.may_exceed_when


@dataclass(frozen=True)
class FullRate:
    """A rate of 100% is contradicted by a 不足 sentence naming `topic` and one of
    `contradicted_by`."""

    rate: str
    topic: tuple[str, ...]
    contradicted_by: tuple[str, ...]
    other_steps: tuple[str, ...] = ()  # a sentence naming only these speaks of another step
    own_step: tuple[str, ...] = ()

    def contradicted(self, sentence: str) -> bool:
        """Whether a 不足 sentence (its lateness word already found) speaks of this rate."""
        if not any(word in sentence for word in self.topic):
            return False
        other = any(word in sentence for word in self.other_steps)
        return not other or any(word in sentence for word in self.own_step)


@dataclass(frozen=True)
class Relations:
    version: int
    subsets: tuple[Subset, ...]
    full_rates: tuple[FullRate, ...]

    @functools.cached_property
    def implied_subsets(self) -> tuple[Subset, ...]:
        """The listed pairs and those they imply (a ≤ b, b ≤ c: a ≤ c); an implied pair may
        exceed, with the words of its links, when any link may."""
        pairs = {(s.part, s.whole): s.may_exceed_when for s in self.subsets}
        changed = True
        while changed:
            changed = False
            for (a, b), first in list(pairs.items()):
                for (c, d), second in list(pairs.items()):
                    if b == c and a != d and (a, d) not in pairs:
                        pairs[(a, d)] = tuple(dict.fromkeys(first + second))
                        changed = True
        return tuple(Subset(part, whole, words) for (part, whole), words in pairs.items())


def _words(raw, where: str, *, required: bool) -> tuple[str, ...]:
    if raw is None and not required:
        return ()
    if not isinstance(raw, list) or not raw or not all(isinstance(w, str) and w for w in raw):
        raise CatalogueError(f"{where}应为非空的词语列表")
    return tuple(raw)


def _code(raw: dict, field: str, where: str, catalogue: Catalogue) -> str:
    code = raw.get(field)
    if not isinstance(code, str) or code not in catalogue:
        raise CatalogueError(f"{where}的 {field}“{code}”不是指标目录中的代码")
    return code


def _subset(raw, position: int, catalogue: Catalogue) -> Subset:
    where = f"关系文件 subsets 第 {position} 项"
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where}不是映射")
    unknown = set(raw) - {"part", "whole", "may_exceed_when"}
    if unknown:
        raise CatalogueError(f"{where}有未知字段：{', '.join(sorted(unknown))}")
    part, whole = (_code(raw, field, where, catalogue) for field in ("part", "whole"))
    if part == whole:
        raise CatalogueError(f"{where}的部分与整体是同一指标 {part}")
    for code in (part, whole):
        if catalogue[code].is_ratio:
            raise CatalogueError(f"{where}的 {code} 是比率，只能比较件数或数量")
    words = _words(raw.get("may_exceed_when"), f"{where}的 may_exceed_when", required=False)
    return Subset(part, whole, words)


def _full_rate(raw, position: int, catalogue: Catalogue, default: tuple[str, ...]) -> FullRate:
    where = f"关系文件 full_rates 第 {position} 项"
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where}不是映射")
    unknown = set(raw) - {"rate", "topic", "contradicted_by", "other_steps", "own_step"}
    if unknown:
        raise CatalogueError(f"{where}有未知字段：{', '.join(sorted(unknown))}")
    rate = _code(raw, "rate", where, catalogue)
    if catalogue[rate].unit != "%":
        raise CatalogueError(f"{where}的 {rate} 不是百分比指标")
    topic = _words(raw.get("topic"), f"{where}的 topic", required=True)
    words = _words(raw.get("contradicted_by"), f"{where}的 contradicted_by", required=False)
    other = _words(raw.get("other_steps"), f"{where}的 other_steps", required=False)
    own = _words(raw.get("own_step"), f"{where}的 own_step", required=other != ())
    return FullRate(rate, topic, words or default, other, own)


def parse_relations(data: dict, catalogue: Catalogue | None = None) -> Relations:
    """Build the relations from parsed YAML, checking every code against the catalogue."""
    catalogue = catalogue or load_catalogue()
    if not isinstance(data, dict) or not isinstance(data.get("subsets"), list):
        raise CatalogueError("关系文件缺少 subsets 列表")
    default = _words(data.get("not_on_time_words"), "关系文件的 not_on_time_words", required=True)
    subsets = tuple(_subset(raw, i, catalogue) for i, raw in enumerate(data["subsets"], 1))
    pairs = [(s.part, s.whole) for s in subsets]
    repeated = sorted({f"{a} ≤ {b}" for a, b in pairs if pairs.count((a, b)) > 1})
    if repeated:
        raise CatalogueError(f"关系文件重复列出：{'、'.join(repeated)}")
    full_rates = tuple(
        _full_rate(raw, i, catalogue, default)
        for i, raw in enumerate(data.get("full_rates") or [], 1)
    )
    relations = Relations(int(data.get("version", 1)), subsets, full_rates)
    implied = {(s.part, s.whole) for s in relations.implied_subsets}
    cycle = sorted(a for a, b in implied if (b, a) in implied)
    if cycle:
        raise CatalogueError(f"关系文件的部分与整体成环：{'、'.join(cycle)}")
    strict = {(s.part, s.whole) for s in relations.implied_subsets if s.strict}
    for indicator in catalogue.indicators:
        pair = (indicator.numerator, indicator.denominator)
        if indicator.is_ratio and indicator.unit == "%" and pair not in strict:
            raise CatalogueError(
                f"比率 {indicator.code} 的分子 {indicator.numerator} 不大于分母"
                f" {indicator.denominator}，须在关系文件 subsets 中列出"
            )
    return relations


@functools.cache
def load_relations(path: Path | str | None = None) -> Relations:
    """Read the relations (the shipped file by default) against the shipped catalogue."""
    source = Path(path) if path else RELATIONS_PATH
    with source.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=SAFE_LOADER)
    return parse_relations(data)
