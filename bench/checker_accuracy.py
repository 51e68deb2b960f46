"""Accuracy of the report checker on the hand-labelled sample reports.

Usage: .venv/bin/python bench/checker_accuracy.py [SEEDS_DIR]   (default ../shared/seeds)
Prints the share of part statuses within the accepted list, of labelled headings found, of
labelled facts found with the right value/unit/approx, and of labelled finding codes raised.
Exits 1 when a bar of the issue is missed (all statuses, all headings, facts >= 90%, all codes).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fazhi.checker.evaluation import evaluate

DEFAULT_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
FACTS_BAR = 0.90


def main(argv: list[str]) -> int:
    seeds = Path(argv[0]) if argv else DEFAULT_SEEDS
    if not (seeds / "labels.json").exists():
        print(f"没有找到标注文件：{seeds / 'labels.json'}")
        return 2
    score, _ = evaluate(seeds)
    print(f"parts    {score.parts_ok}/{score.parts_total} = {score.parts:.1%} (status accepted)")
    print(f"headings {score.headings_ok}/{score.headings_total} = {score.headings:.1%}")
    print(f"facts    {score.facts_ok}/{score.facts_total} = {score.facts:.1%} (bar 90%)")
    print(f"findings {score.findings_ok}/{score.findings_total} = {score.findings:.1%}")
    for miss in score.misses:
        print("  miss:", miss)
    passed = score.parts == 1 and score.headings == 1 and score.findings == 1
    return 0 if passed and score.facts >= FACTS_BAR else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
