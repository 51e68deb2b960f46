"""Quantitative statements: a number with a counting unit, Arabic or Chinese, exact or approx."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.checker.numerals import number_value, parse_chinese_number

# Longest first so that 人次 wins over 人 and 万元 over 元.
TWO_CHAR_UNITS = (
    "件次",
    "人次",
    "户次",
    "批次",
    "场次",
    "期次",
    "万元",
    "亿元",
    "课时",
    "学时",
    "小时",
)
UNITS = TWO_CHAR_UNITS + tuple("次场份册条幅期起件人名个支本处所元户家块篇项张套台宗卷座轮部间村分")
# Units a bare "一"/"两" may carry: "一起" (together), "一人一档", "一条龙" are not counts.
SAFE_UNITS_FOR_SMALL_WORDS = set("次场份册期件名个支本处所项套座户篇张轮台部间")
# A unit followed by one of these is the start of another word (一次性, 条例, 期间, 名单 …).
WORD_AFTER_UNIT = {
    "次": "性序要生数",
    "条": "例件款龙线",
    "期": "间限待望盼刊末中",
    "名": "单称义额誉",
    "人": "员民才口士们大",
    "处": "理置罚分室长级",
    "件": "事",
    "个": "人体别性",
    "本": "地级镇村土职身质",
    "所": "长属有在以",
    "家": "庭人乡长属风",
    "场": "所景合地面馆",
    "部": "门分署",
    "台": "账",
    "项": "目",
    "元": "化旦素",
    "村": "民委级庄务居",
    "间": "隔断",
    "户": "籍口外",
    "分": "钟之别析类配工局布解管队会院批成享散化子红厘米秒",
}
PLACE_NAME_CHARS = frozenset("镇乡村县区市街路庄屯堡寨营河山湖桥店集楼沟坡岭湾")
SLOGANS = ("两个维护", "两个确立", "四个意识", "四个自信", "四个全面", "五位一体", "三个一",
           "千家万户", "一村一", "三会一课")  # fmt: skip

# Numbers start only at the beginning of a digit run and are of bounded length, so that a long
# run of digits or numerals costs linear time, not quadratic.
ARABIC = r"(?<![\d.])\d{1,10}(?:,\d{3}){0,3}(?:\.\d{1,4})?"
CHINESE = r"(?<![零〇○一二两三四五六七八九十百千万亿])[零〇○一二两三四五六七八九十百千万亿]{1,10}"
RANGE_SEP = r"\s*(?:-|—|–|~|～|至|到)\s*"
# Two-character units as alternatives, one-character units as a class: far faster in `re`.
UNIT_ALT = "|".join(TWO_CHAR_UNITS) + "|[" + "".join(UNITS[len(TWO_CHAR_UNITS) :]) + "]"
GAP = r"[ \t\u3000]*"

# The patterns start at the number (a leading optional group would be tried at every
# character); words like 约/近 before it are looked up afterwards.
APPROX_BEFORE = ("大约", "将近", "接近", "超过", "约", "近", "逾", "上", "数", "几")
COUNT_PATTERN = re.compile(
    rf"(?:(?P<num>{ARABIC})(?:{RANGE_SEP}(?P<num2>{ARABIC}))?"
    rf"|(?P<cn>{CHINESE})(?:(?:至|到)(?P<cn2>{CHINESE}))?)"
    rf"{GAP}(?P<suf1>余|多|来)?{GAP}(?P<mult>万|千|百|亿)?{GAP}(?P<suf2>余|多)?"
    rf"{GAP}(?P<unit>{UNIT_ALT})(?P<suf3>左右|以上|上下)?"
)
PERCENT_PATTERN = re.compile(
    rf"(?:(?P<num>{ARABIC})[ \t\u3000]*(?P<suf1>余|多)?"
    rf"[ \t\u3000]*[%％]|百分之(?P<cn>[零〇一二两三四五六七八九十百点]{{1,12}}))"
    rf"(?P<suf3>以上|左右)?"
)
MULTIPLIERS = {"万": 10_000, "千": 1_000, "百": 100, "亿": 100_000_000}


@dataclass
class Fact:
    value: float
    unit: str
    approx: bool
    text: str  # the clause it was read from
    line: int
    start: int  # offsets inside the paragraph text
    end: int
    clause_start: int
    indicator: str | None = None
    synonym: str | None = None
    scope: str = ""  # the character before the synonym when it narrows the scope (镇/村 …)
    part: str | None = None  # the report part it was stated in
    paragraph: int = 0  # index of its paragraph

    def as_dict(self) -> dict:
        return {
            "value": number_value(self.value),
            "unit": self.unit,
            "approx": self.approx,
            "text": self.text,
            "line": self.line,
            "indicator": self.indicator,
        }


# Greedy ".*" runs to the number and backs off to the last clause break: linear in the clause.
UP_TO_LAST_BREAK = re.compile(r".*[，,。；;！!？?：:|\n]", re.S)
CLAUSE_END = re.compile(r"[^，,。；;！!？?：:|\n]*")
CLAUSE_LOOKBACK = 300


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lower = max(0, start - CLAUSE_LOOKBACK)
    previous = UP_TO_LAST_BREAK.match(text, lower, start)
    left = previous.end() if previous else lower
    right = CLAUSE_END.match(text, end).end()
    return left, right


def _arabic(text: str) -> float:
    return float(text.replace(",", ""))


APPROX_LAST_CHARS = frozenset(word[-1] for word in APPROX_BEFORE)


def _approx_word_before(paragraph: str, start: int) -> str | None:
    before = paragraph[max(0, start - 3) : start].rstrip()
    if not before or before[-1] not in APPROX_LAST_CHARS:
        return None
    for word in APPROX_BEFORE:
        if before.endswith(word):
            return word
    return None


def _count_from_match(match: re.Match, paragraph: str) -> tuple[float, str, bool] | None:
    unit = match["unit"]
    pre = _approx_word_before(paragraph, match.start())
    if pre in ("上", "数", "几") and match["num"]:
        pre = None  # only "上千", "数十", "几百" written in characters are roundings
    following = paragraph[match.end() : match.end() + 1]
    if following and following in WORD_AFTER_UNIT.get(unit, ""):
        return None
    preceding = paragraph[max(0, match.start() - 1) : match.start()]
    if preceding in ("第", "每", "前", "后"):
        return None  # ordinals and rates ("第2次", "每3个月") are not counts
    approx = bool(pre or match["suf1"] or match["suf2"] or match["suf3"])
    if match["num"]:
        if preceding.isdigit() or preceding in (".", "·"):
            return None
        if unit == "分" and preceding == "时":
            return None  # a time of day ("9时30分"), not a score
        value = _arabic(match["num"])
        approx = approx or bool(match["num2"])
    else:
        chinese = match["cn"]
        if unit == "分":
            return None  # scores are written in digits; "十分重视" is an adverb
        if pre == "上" and not chinese.startswith(("百", "千", "万")):
            return None
        window = paragraph[max(0, match.start() - 3) : match.end() + 3]
        if any(slogan in window for slogan in SLOGANS):
            return None
        parsed = parse_chinese_number(chinese)
        if parsed is None:
            return None
        value, ranged = parsed
        approx = approx or ranged or bool(match["cn2"])
        bare = chinese in ("一", "两", "二")
        if bare and unit not in SAFE_UNITS_FOR_SMALL_WORDS:
            return None
        if following and following in PLACE_NAME_CHARS:
            return None  # "三张镇", "五里堡村": a numeral inside a place name
        if chinese == "一" and "\u4e00" <= following <= "\u9fff":
            return None  # "一项民生工程": an article before a noun, not a count
        if preceding in '“"「‘《':
            return None  # a quoted slogan such as “三项制度”
        if chinese in ("百", "千", "万") and not approx:
            return None  # "千家万户": a figure of speech unless marked 余/近/上
        if match["mult"]:
            return None
    multiplier = match["mult"]
    if multiplier:
        if unit == "元" and multiplier in ("万", "亿"):
            unit = multiplier + "元"
        else:
            value *= MULTIPLIERS[multiplier]
    if pre == "上" and not match["num"]:
        approx = True
    return value, unit, approx


def extract_facts(paragraph: str, line: int) -> list[Fact]:
    """Every counted figure and percentage in one paragraph, in order."""
    facts: list[Fact] = []
    taken: set[int] = set()  # offsets covered by percentages
    has_percent = "%" in paragraph or "％" in paragraph or "百分之" in paragraph
    for match in PERCENT_PATTERN.finditer(paragraph) if has_percent else ():
        if match["num"]:
            pre = _approx_word_before(paragraph, match.start()) not in (None, "上", "数", "几")
            value, approx = _arabic(match["num"]), pre or bool(match["suf1"] or match["suf3"])
        else:
            parsed = parse_chinese_number(match["cn"])
            if parsed is None:
                continue
            pre = _approx_word_before(paragraph, match.start()) not in (None, "上", "数", "几")
            value, approx = parsed[0], parsed[1] or pre or bool(match["suf3"])
        start = match.start("num") if match["num"] else match.start()
        facts.append(_make_fact(paragraph, line, value, "%", approx, start, match.end()))
        taken.update(range(match.start(), match.end()))
    for match in COUNT_PATTERN.finditer(paragraph):
        if taken and not taken.isdisjoint(range(match.start(), match.end())):
            continue
        parsed = _count_from_match(match, paragraph)
        if parsed is None:
            continue
        value, unit, approx = parsed
        start = match.start("num") if match["num"] else match.start("cn")
        facts.append(_make_fact(paragraph, line, value, unit, approx, start, match.end()))
    facts.sort(key=lambda fact: fact.start)
    return facts


def _make_fact(paragraph, line, value, unit, approx, start, end) -> Fact:
    left, right = _clause_bounds(paragraph, start, end)
    return Fact(
        value=value,
        unit=unit,
        approx=approx,
        text=paragraph[left:right].strip(),
        line=line,
        start=start,
        end=end,
        clause_start=left,
    )
