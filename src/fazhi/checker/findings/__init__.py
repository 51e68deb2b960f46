"""Findings: what is missing or wrong in a report. Each module adds findings of a few codes."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")

# Every code the checker can raise, with its severity (documented in the JSON schema too).
CODES = {
    "missing_part": "error",
    "part_not_top_level": "warning",
    "no_title": "warning",
    "year_mismatch": "error",
    "period_not_report_year": "warning",
    "stale_plan_reference": "warning",
    "foreign_place_name": "warning",
    "conflicting_figures": "warning",
    "rate_mismatch": "error",
    "subset_exceeds_whole": "error",  # a part above its whole (catalogue/relations.yaml)
    "full_rate_contradicted": "error",  # 100% on time beside a "not on time" shortcoming
    "no_signature_date": "warning",
    "late_signature": "error",
    "conversion_artifact": "warning",
    "traditional_script": "info",
    # citations.py: 《…》 checked against the law catalogue (fazhi.lawbook)
    "unknown_law": "warning",
    "repealed_law": "error",
    "article_out_of_range": "error",
    "outdated_plan": "warning",  # the text was converted from traditional characters
}


@dataclass
class Finding:
    code: str
    message: str
    line: int | None = None

    @property
    def severity(self) -> str:
        return CODES[self.code]

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
        }


def run_all(analysis) -> list[Finding]:
    """All checks on an analysed report, sorted by line."""
    from fazhi.checker.findings import (
        artifacts,
        citations,
        dates,
        figures,
        parts,
        places,
        relations,
    )

    findings: list[Finding] = []
    for module in (parts, dates, figures, relations, places, artifacts, citations):
        findings.extend(module.check(analysis))
    findings.sort(key=lambda f: (f.line is None, f.line or 0, f.code))
    return findings
