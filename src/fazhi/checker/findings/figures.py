"""conflicting_figures and rate_mismatch, over facts mapped to catalogue indicators."""

from __future__ import annotations

import re

from fazhi.catalogue import load_catalogue, load_relations
from fazhi.checker.findings import Finding
from fazhi.checker.numerals import number_value

# Clauses about a subset or a sub-period: their figure may differ from the year's total.
PARTIAL_SCOPE = re.compile(
    r"其中|每|平均|累计|上半年|下半年|季度|[一二三四五六七八九十\d]+月|周|同比|增长|减少|较"
)


MAX_COUNTS_TRIED = 5000  # denominators tried when only a whole of the denominator is stated


def _similar_clauses(first: str, second: str) -> bool:
    # Two statements of one figure read alike apart from the number ("发放宣传资料5000余册").
    strip = re.compile(r"[\d\s.,%％]")
    a, b = set(strip.sub("", first)), set(strip.sub("", second))
    return bool(a and b) and len(a & b) / len(a | b) >= 0.7


def _decimals(value: float) -> int:
    text = f"{value}"
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


def _show(value: float) -> str:
    return str(number_value(value))


def _conflicts(analysis) -> list[Finding]:
    findings = []
    seen: dict[tuple, object] = {}
    reported = set()
    for fact in analysis.facts:
        if not fact.indicator or fact.part == "plans" or PARTIAL_SCOPE.search(fact.text):
            continue
        key = (fact.indicator, fact.synonym, fact.scope, fact.unit)
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = fact
            continue
        if (
            earlier.value != fact.value
            and earlier.text != fact.text
            and key not in reported
            and _similar_clauses(earlier.text, fact.text)
        ):
            reported.add(key)
            name = load_catalogue()[fact.indicator].name
            findings.append(
                Finding(
                    "conflicting_figures",
                    f"同一指标“{name}”前后数字不一致：第 {earlier.line} 行为"
                    f"“{earlier.text}”（{_show(earlier.value)}{earlier.unit}），"
                    f"此处为“{fact.text}”（{_show(fact.value)}{fact.unit}）",
                    fact.line,
                )
            )
    return findings


def _rates(analysis) -> list[Finding]:
    catalogue = load_catalogue()
    findings = []
    by_paragraph: dict[int, list] = {}
    for fact in analysis.facts:
        by_paragraph.setdefault(fact.paragraph, []).append(fact)
    for facts in by_paragraph.values():
        latest: dict[str, object] = {}  # indicator -> its last fact so far in the paragraph
        for fact in facts:
            previous = dict(latest) if fact.unit == "%" else None
            if fact.indicator:
                latest[fact.indicator] = fact
            if previous is None or not fact.indicator:
                continue
            indicator = catalogue[fact.indicator]
            if not indicator.is_ratio:
                continue
            if fact.value > 100:
                findings.append(
                    Finding(
                        "rate_mismatch",
                        f"“{indicator.name}”为 {_show(fact.value)}%，比率不可能超过 100%",
                        fact.line,
                    )
                )
                continue
            numerator = previous.get(indicator.numerator)
            denominator = previous.get(indicator.denominator)
            if numerator and not denominator:
                finding = _rate_within_whole(indicator, fact, numerator, previous)
                if finding:
                    findings.append(finding)
                continue
            if not numerator or not denominator or denominator.value <= 0:
                continue
            if fact.approx or numerator.approx or denominator.approx:
                continue
            computed = numerator.value / denominator.value * 100
            tolerance = 10 ** -_decimals(fact.value)  # rounding or truncation of the stated rate
            if abs(computed - fact.value) > tolerance:
                findings.append(
                    Finding(
                        "rate_mismatch",
                        f"“{indicator.name}”写为 {_show(fact.value)}%，但按"
                        f" {_show(numerator.value)}/{_show(denominator.value)} 计算应为"
                        f" {computed:.1f}%",
                        fact.line,
                    )
                )
    return findings


def _rate_within_whole(indicator, fact, numerator, previous) -> Finding | None:
    """The rate's denominator is not stated but a whole it is part of is ("调解50起，成功48起，
    成功率96%": the closed cases lie between 48 and 50). Raised only when no whole number of
    them gives the stated rate."""
    catalogue = load_catalogue()
    wholes = [
        previous[s.whole]
        for s in load_relations().implied_subsets
        if s.strict and s.part == indicator.denominator and s.whole in previous
    ]
    if not wholes:
        return None
    whole = wholes[0]
    counts = (numerator.value, whole.value)
    if fact.approx or numerator.approx or whole.approx or any(v != int(v) for v in counts):
        return None
    low, high = int(numerator.value), int(whole.value)
    if high < max(low, 1) or high - low > MAX_COUNTS_TRIED:
        return None
    # Written rounded (half up) or truncated to its decimals.
    step = 10 ** -_decimals(fact.value)
    bottom, top = fact.value - step / 2 - 1e-9, fact.value + step
    if any(bottom <= low * 100 / count < top for count in range(max(low, 1), high + 1)):
        return None  # some count of the denominator between the two gives the stated rate
    name = catalogue[indicator.denominator].name
    return Finding(
        "rate_mismatch",
        f"“{indicator.name}”写为 {_show(fact.value)}%，但{catalogue[indicator.numerator].name}"
        f" {_show(low)}{numerator.unit}、{catalogue[whole.indicator].name}"
        f" {_show(high)}{whole.unit}：{name}只能在 {_show(max(low, 1))} 至"
        f" {_show(high)}{whole.unit}之间，按其中任何件数计算都得不出 {_show(fact.value)}%"
        f"（可能的比率为 {low / high * 100:.1f}% 至 {100 if low else 0}%）",
        fact.line,
    )


def check(analysis) -> list[Finding]:
    return _conflicts(analysis) + _rates(analysis)
