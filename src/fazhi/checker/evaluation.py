"""Score the checker against hand-labelled reports (labels.json beside the sample reports)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.checker.report import check_file
from fazhi.checker.structure import squeeze


@dataclass
class Score:
    parts_ok: int = 0
    parts_total: int = 0
    headings_ok: int = 0
    headings_total: int = 0
    facts_ok: int = 0
    facts_total: int = 0
    findings_ok: int = 0
    findings_total: int = 0
    misses: list[str] = field(default_factory=list)  # what went wrong, for people

    @staticmethod
    def _share(ok: int, total: int) -> float:
        return ok / total if total else 1.0

    @property
    def parts(self) -> float:
        return self._share(self.parts_ok, self.parts_total)

    @property
    def headings(self) -> float:
        return self._share(self.headings_ok, self.headings_total)

    @property
    def facts(self) -> float:
        return self._share(self.facts_ok, self.facts_total)

    @property
    def findings(self) -> float:
        return self._share(self.findings_ok, self.findings_total)


def _fact_found(label: dict, facts: list[dict]) -> bool:
    cue = squeeze(label["cue"])
    return any(
        cue in squeeze(fact["text"])
        and float(fact["value"]) == float(label["value"])
        and fact["unit"] == label["unit"]
        and fact["approx"] == bool(label["approx"])
        for fact in facts
    )


def score_report(result: dict, labels: dict, score: Score) -> None:
    source = result["source"]
    for code, expected in labels.get("parts", {}).items():
        got = result["parts"][code]
        score.parts_total += 1
        if got["status"] in expected["status"]:
            score.parts_ok += 1
        else:
            score.misses.append(f"{source} {code}: 状态 {got['status']}，应为 {expected['status']}")
        if expected.get("heading"):
            score.headings_total += 1
            if got["heading"] and squeeze(got["heading"]) == squeeze(expected["heading"]):
                score.headings_ok += 1
            else:
                score.misses.append(f"{source} {code}: 标题 {got['heading']!r}")
    for label in labels.get("facts", []):
        score.facts_total += 1
        if _fact_found(label, result["facts"]):
            score.facts_ok += 1
        else:
            score.misses.append(f"{source} 数据未找到：{label}")
    raised = {finding["code"] for finding in result["findings"]}
    for code in labels.get("findings", []):
        score.findings_total += 1
        if code in raised:
            score.findings_ok += 1
        else:
            score.misses.append(f"{source} 未报出问题 {code}")


def evaluate(seeds_dir: str | Path) -> tuple[Score, list[dict]]:
    """Check every labelled report in seeds_dir; returns the score and the results."""
    seeds_dir = Path(seeds_dir)
    labels = json.loads((seeds_dir / "labels.json").read_text(encoding="utf-8"))["reports"]
    score = Score()
    results = []
    for name, report_labels in sorted(labels.items()):
        result = check_file(seeds_dir / name)
        results.append(result)
        score_report(result, report_labels, score)
    return score, results
