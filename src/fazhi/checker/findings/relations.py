"""subset_exceeds_whole and full_rate_contradicted: the rules of catalogue/relations.yaml.

Only statements of the report year's own figures are compared: not the plans part, not clauses
about a sub-period, a comparison, another year or a narrower scope (a village, a school). A part
is compared with its whole stated in the same paragraph, where a report gives them together
("调解纠纷50起，其中调解成功48起"); across paragraphs a loose synonym (a form of activity read
as all activities) would too easily stand for the whole.
"""

from __future__ import annotations

import re

from fazhi.catalogue import load_catalogue, load_relations
from fazhi.checker.findings import Finding
from fazhi.checker.findings.figures import PARTIAL_SCOPE
from fazhi.checker.numerals import number_value

# A part is often stated in a 其中 clause ("调解纠纷50起，其中调解成功48起"): that is the very
# relation, so 其中 narrows a whole, never a part.
PART_SCOPE = re.compile(PARTIAL_SCOPE.pattern.replace("其中|", ""))
OTHER_PERIOD = re.compile(r"以来|至今|上年|去年|上一年|前年|同期|近[两二三四五六七八九十]年")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
TOWNSHIP_SCOPES = ("", "镇", "乡")  # the fact's scope character: the township's own figure
SENTENCE_BREAK = re.compile(r"[。；;！!？?\n]|(?=[一二三四五六七八九十]是)")
NEGATION = re.compile(r"(?:无|没有|未发生|未出现|杜绝|防止|避免|减少|不再|不得)$")
APPROX_PART = 0.9  # "近50次" may be a little under 50
APPROX_WHOLE = 2.0  # "1万余份" may be nearly 2万


def _show(value: float, unit: str) -> str:
    return f"{number_value(value)}{unit}"


def _of_report_year(fact, year: int | None) -> bool:
    if fact.part == "plans" or OTHER_PERIOD.search(fact.text):
        return False
    if fact.scope not in TOWNSHIP_SCOPES:
        return False
    return all(int(y) == year for y in YEAR.findall(fact.text)) if year else True


def _sentence(analysis, fact) -> str:
    """The sentence (or 一是/二是 item) of the paragraph holding the fact."""
    text = analysis.layout.paragraphs[fact.paragraph].text
    start = 0
    for match in SENTENCE_BREAK.finditer(text, 0, fact.start):
        start = match.end()
    end = SENTENCE_BREAK.search(text, fact.end)
    return text[start : end.start() if end else len(text)]


def _year_facts(analysis) -> dict[str, list]:
    by_code: dict[str, list] = {}
    for fact in analysis.facts:
        if fact.indicator and _of_report_year(fact, analysis.year):
            by_code.setdefault(fact.indicator, []).append(fact)
    return by_code


def _ceiling(fact) -> float:
    return fact.value * (APPROX_WHOLE if fact.approx else 1)


def _exceeding(parts, wholes):
    """(part, whole) of each part above the largest whole of its paragraph (linear in facts)."""
    largest: dict[int, object] = {}
    for whole in wholes:
        if whole.paragraph not in largest or _ceiling(whole) > _ceiling(largest[whole.paragraph]):
            largest[whole.paragraph] = whole
    for part in parts:
        whole = largest.get(part.paragraph)
        if whole and part.value * (APPROX_PART if part.approx else 1) > _ceiling(whole):
            yield part, whole


def _subsets(analysis, by_code) -> list[Finding]:
    catalogue = load_catalogue()
    findings = []
    for subset in load_relations().implied_subsets:
        wholes = [f for f in by_code.get(subset.whole, ()) if not PARTIAL_SCOPE.search(f.text)]
        parts = [f for f in by_code.get(subset.part, ()) if not PART_SCOPE.search(f.text)]
        for part, whole in _exceeding(parts, wholes):
            context = _sentence(analysis, part) + _sentence(analysis, whole)
            if any(word in context for word in subset.may_exceed_when):
                break  # explained (reviews of drafts not adopted …)
            part_name, whole_name = catalogue[subset.part].name, catalogue[subset.whole].name
            message = (
                f"“{part_name}”为 {_show(part.value, part.unit)}（“{part.text}”），"
                f"多于“{whole_name}”的 {_show(whole.value, whole.unit)}"
                f"（第 {whole.line} 行“{whole.text}”）：部分不能大于整体"
            )
            if subset.may_exceed_when:
                message += (
                    "；如确有原因，请在同一句中说明（如"
                    + "、".join(f"“{w}”" for w in subset.may_exceed_when[:4])
                    + "）"
                )
            findings.append(Finding("subset_exceeds_whole", message, part.line))
            break
    return findings


def _shortcoming_sentences(analysis) -> list[tuple[int, str]]:
    layout = analysis.layout
    sentences = []
    for paragraph in layout.paragraphs:
        if layout.part_of_line[paragraph.line] != "shortcomings":
            continue
        for piece in SENTENCE_BREAK.split(paragraph.text):
            if piece.strip():
                sentences.append((paragraph.line, piece.strip()))
    return sentences


def _not_on_time(sentence: str, rule) -> str | None:
    if not rule.contradicted(sentence):
        return None
    for word in rule.contradicted_by:
        for match in re.finditer(re.escape(word), sentence):
            if not NEGATION.search(sentence[max(0, match.start() - 4) : match.start()]):
                return word
    return None


def _full_rates(analysis, by_code) -> list[Finding]:
    catalogue = load_catalogue()
    findings = []
    sentences = None
    for rule in load_relations().full_rates:
        full = [
            f
            for f in by_code.get(rule.rate, ())
            if f.unit == "%" and f.value >= 100 and not f.approx and not PART_SCOPE.search(f.text)
        ]
        if not full:
            continue
        if sentences is None:
            sentences = _shortcoming_sentences(analysis)
        for line, sentence in sentences:
            word = _not_on_time(sentence, rule)
            if word:
                findings.append(
                    Finding(
                        "full_rate_contradicted",
                        f"“{catalogue[rule.rate].name}”写为 100%（第 {full[0].line} 行"
                        f"“{full[0].text}”），但存在的不足写有“{sentence}”（{word}）："
                        "全部按期时不应再有未按期的问题",
                        line,
                    )
                )
                break
    return findings


def check(analysis) -> list[Finding]:
    by_code = _year_facts(analysis)
    return _subsets(analysis, by_code) + _full_rates(analysis, by_code)
