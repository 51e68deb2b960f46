"""Citations in 《…》: unknown_law, repealed_law, article_out_of_range, outdated_plan.

《…》 also marks books, plans, newspapers and films, so a title is called an unknown law only
when it reads like a national law or regulation (ends in 法 or 条例, not a local, party or draft
document, not 方法/说法…) and the catalogue (fazhi.lawbook) has no such name. The catalogue is
loaded only when the report has a 《.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from fazhi.checker.findings import Finding
from fazhi.checker.structure import squeeze

TITLE = re.compile(r"《([^《》\n]{2,80})》")
NUMBER = "零〇一二三四五六七八九十百千两0-9"
ARTICLE_RUN = re.compile(  # used with match(text, pos): anchored at pos
    rf"(?:的)?(?:第[{NUMBER}]+条(?:之[一二三四五六七八九十]+)?(?:第[{NUMBER}]+[款项])*"
    rf"[、，,和及与至到]?)+"
)
ONE_ARTICLE = re.compile(rf"第([{NUMBER}]+)条")
TRAILING_NOTE = re.compile(r"[（(]([^（）()]{1,16})[)）]$")
DRAFT = re.compile(r"草案|征求意见|送审稿|修改稿|建议稿")
VERSION_NOTE = re.compile(r"修订|修正|年|版|试行")
LAW_LIKE = re.compile(r"(?:法|条例)$")
NOT_LAW_ENDS = (  # words ending in 法 that are no law: 《今日说法》, 《以案说法》
    "方法",
    "做法",
    "说法",
    "看法",
    "想法",
    "写法",
    "书法",
    "手法",
    "算法",
    "疗法",
    "用法",
    "读法",
    "打法",
    "玩法",
    "语法",
    "佛法",
    "兵法",
    "章法",
    "技法",
    "笔法",
    "戏法",
    "文法",
    "心法",
    "功法",
    "句法",
    "画法",
    "活法",
    "办法",
    "司法",
    "执法",
    "守法",
    "学法",
    "普法",
    "立法",
    "懂法",
    "讲法",
    "知法",
    "护法",
    "违法",
    "合法",
    "依法",
    "以法",
)
NOT_LAW_PARTS = re.compile(
    r"中国共产党|中共|党委|党组|党员|党内|共青团|学习|读本|问答|汇编|释义|解读|讲座|故事|漫画|说法"
)
LOCAL = re.compile(
    r"^[\u4e00-\u9fff]{2,10}?(?:省|市|自治区|自治州|自治县|县|区|州|盟|旗|镇|乡|街道|村)"
)
COMMON_PLACE_WORDS = {  # words ending like a place (乡村治理, 社区矫正) that name none
    *("农村", "乡村", "社区", "地区", "山区", "城区", "园区", "景区", "矿区", "牧区"),
    *("林区", "街区", "市区", "城市", "城镇", "乡镇", "城乡", "都市", "湿地"),
}
PROVINCES = re.compile(  # a title opening with a province (or special zone) is local
    "^(?:北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|"
    "湖南|广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|香港|澳门|台湾|深圳|厦门|"
    "珠海|汕头)"
)
VAGUE = {
    "条例",
    "办法",
    "规定",
    "纲要",
    "规划",
    "法",
    "本法",
    "该法",
    "两法",
    "决定",
    "意见",
    "方案",
    "实施条例",
    "实施细则",
    "实施办法",
}
PERIOD = re.compile(r"((?:19|20)\d{2})\s*[-—–－~～至]\s*((?:19|20)\d{2})")
PLAN_END = re.compile(r"(?:纲要|规划|计划|方案)$")
NUMBERED_PLAN = re.compile(r"[六七八九]五|第[六七八九]个五年")


def _lookup(lawbook, title: str):
    """The law a title names, also with a trailing (2021年修订)-like note taken off."""
    ref = lawbook.find(title)
    if ref is None:
        match = TRAILING_NOTE.search(title)
        if match and VERSION_NOTE.search(match.group(1)):
            ref = lawbook.find(title[: match.start()])
    return ref


@functools.lru_cache(maxsize=4096)
def _looks_like_law(title: str) -> bool:
    bare = TRAILING_NOTE.sub("", title)
    if len(bare) < 3 or bare in VAGUE or not LAW_LIKE.search(bare):
        return False
    if any(bare.endswith(end) for end in NOT_LAW_ENDS) or bare[-2] in "的之与和":
        return False
    bare = bare.replace("中华人民共和国", "")
    local = LOCAL.match(bare)
    if local and local.group(0)[-2:] in COMMON_PLACE_WORDS:
        local = None
    local = local or PROVINCES.match(bare)
    return not (NOT_LAW_PARTS.search(title) or local or DRAFT.search(title))


def _articles(text: str, position: int) -> list[tuple[str, int]]:
    """第X条 references right after the 》 at `position` ("第三十九条、第四十条第一款")."""
    if text[position : position + 1] not in ("第", "的"):
        return []
    run = ARTICLE_RUN.match(text, position)
    if not run:
        return []
    out = []
    for match in ONE_ARTICLE.finditer(run.group(0)):
        number = _number(match.group(1))
        if number:
            out.append((match.group(0), number))
    return out


def _number(text: str) -> int | None:
    from fazhi.checker.numerals import parse_chinese_number

    if text.isdigit():
        return int(text)
    parsed = parse_chinese_number(text)
    return int(parsed[0]) if parsed and not parsed[1] else None


def _plan_period_over(title: str, ref, year: int) -> int | None:
    """The last year of a plan the title names with its period or number, when before `year`."""
    dated = PERIOD.search(title)
    if dated and (PLAN_END.search(TRAILING_NOTE.sub("", title)) or ref is not None):
        end = int(dated.group(2))
        return end if end < year else None
    if ref is not None and ref.period_end and NUMBERED_PLAN.search(title):
        return ref.period_end if ref.period_end < year else None
    return None


@functools.lru_cache(maxsize=8192)
def _judged(title: str, year: int | None):
    """What a title is for a report year, once per process: its law (or None), the last year of
    a plan over by then, the article count in force, whether it reads like a law."""
    import fazhi.lawbook as lawbook

    ref = _lookup(lawbook, title)
    plan_end = _plan_period_over(title, ref, year) if year else None
    count = ref.articles_in(year) if ref is not None else None
    return ref, plan_end, count, ref is None and _looks_like_law(title)


def check(analysis) -> list[Finding]:
    layout = analysis.layout
    if not any("《" in line for line in layout.cleaned):
        return []
    import fazhi.lawbook as lawbook

    year = analysis.year
    year_end = dt.date(year, 12, 31) if year else None
    as_of = dt.date.fromisoformat(lawbook.catalogue_date())
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for index, raw in enumerate(layout.cleaned):
        if "《" not in raw:
            continue
        text = squeeze(raw)
        for match in TITLE.finditer(text):
            title = match.group(1)
            line = index + 1
            ref, end, count, lawlike = _judged(title, year)
            if ref is None:
                if end is not None and ("plan", title) not in seen:
                    seen.add(("plan", title))
                    findings.append(
                        Finding(
                            "outdated_plan",
                            f"引用的《{title}》规划期截至 {end} 年，"
                            f"{year} 年的报告不应再以其为依据",
                            line,
                        )
                    )
                elif lawlike and ("unknown", title) not in seen:
                    seen.add(("unknown", title))
                    findings.append(
                        Finding(
                            "unknown_law",
                            f"法律法规库（截至 {as_of.isoformat()}）中没有《{title}》，"
                            "请核对法律法规名称",
                            line,
                        )
                    )
                continue
            if year_end and ref.status == "repealed" and ("repealed", ref.name) not in seen:
                repealed = ref.repealed_by(year_end) or (not ref.repealed_on and as_of <= year_end)
                if repealed:
                    seen.add(("repealed", ref.name))
                    when = f"已于 {ref.repealed_on} 废止" if ref.repealed_on else "已废止"
                    instead = f"，应引用《{ref.replaced_by}》" if ref.replaced_by else ""
                    findings.append(
                        Finding(
                            "repealed_law",
                            f"引用的《{title}》{when}（报告年度 {year} 年）{instead}",
                            line,
                        )
                    )
            if end is not None and ("plan", ref.name) not in seen:
                seen.add(("plan", ref.name))
                instead = f"，现行为《{ref.replaced_by}》" if ref.replaced_by else ""
                findings.append(
                    Finding(
                        "outdated_plan",
                        f"引用的《{title}》规划期截至 {end} 年，"
                        f"{year} 年的报告不应再以其为依据{instead}",
                        line,
                    )
                )
            if not count:
                continue
            for label, number in _articles(text, match.end()):
                if number > count:
                    findings.append(
                        Finding(
                            "article_out_of_range",
                            f"《{title}》只有 {count} 条，引用的“{label}”超出范围",
                            line,
                        )
                    )
    return findings
