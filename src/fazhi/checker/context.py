"""Who a figure's activity was for decides its indicator: "进校园开展专题讲座2次" is publicity
(普法进校园), not officials' study, and "为领导干部举办法治宣讲2次" is study, not publicity.

The nearest audience word before the number in its sentence (or after it within its clause)
wins; the synonym match in vocabulary.py is only corrected when the two disagree."""

from __future__ import annotations

import re

from fazhi.checker.facts import Fact

SCHOOLS = "publicity.activities_in_schools"
VILLAGES = "publicity.activities_in_villages"
COMMUNITIES = "publicity.activities_in_communities"
ENTERPRISES = "publicity.activities_in_enterprises"
PUBLICITY = "publicity.activities"
STUDY = "study.sessions"
LECTURES = "study.lectures"
CENTRAL_GROUP = "study.central_group_sessions"
PRE_MEETING = "study.pre_meeting_sessions"

# Audience words of legal publicity and the code each one points to.
PUBLIC_AUDIENCES = {
    "进校园": SCHOOLS, "进学校": SCHOOLS, "校园": SCHOOLS, "学校": SCHOOLS, "中小学": SCHOOLS,
    "学生": SCHOOLS, "师生": SCHOOLS, "青少年": SCHOOLS, "法治副校长": SCHOOLS,
    "进农村": VILLAGES, "进乡村": VILLAGES, "进村": VILLAGES, "下乡": VILLAGES,
    "村民": VILLAGES, "农民": VILLAGES, "入户": VILLAGES,
    "进社区": COMMUNITIES, "居民": COMMUNITIES, "社区群众": COMMUNITIES,
    "进企业": ENTERPRISES, "企业职工": ENTERPRISES, "企业员工": ENTERPRISES,
    "群众": PUBLICITY, "老年人": PUBLICITY, "妇女": PUBLICITY, "普法": PUBLICITY,
}  # fmt: skip
# Words that make an activity the officials' own study.
OFFICIALS = {
    "领导干部": STUDY, "党员干部": STUDY, "干部": STUDY, "班子成员": STUDY, "两委成员": STUDY,
    "公职人员": STUDY, "机关工作人员": STUDY,
    "理论学习中心组": CENTRAL_GROUP, "中心组": CENTRAL_GROUP, "会前学法": PRE_MEETING,
}  # fmt: skip
CONTEXT = re.compile(
    "|".join(sorted(map(re.escape, {**PUBLIC_AUDIENCES, **OFFICIALS}), key=len, reverse=True))
)
SENTENCE_BREAK = re.compile(r"[。；;！!？?\n]")
LECTURE_WORDS = ("讲座", "讲堂", "报告会")
# Officials are often the ones doing publicity ("组织干部开展法治宣传"): they make it study only
# as its audience ("为领导干部…") or with a word of learning in the clause.
STUDY_WORDS = ("学法", "学习", "培训", "讲座", "讲堂", "报告会", "参加")
AUDIENCE_BEFORE = "为给向对"
# Study codes that an audience word may turn into publicity: the ones named for officials
# (中心组, 会前学法) and the exams stay.
STUDY_CODES = {STUDY, LECTURES, "study.enforcement_training"}
# "机关干部*宣传" is publicity in agencies; "领导干部带头宣讲" is publicity by officials.
KEEP_PUBLICITY = ("带头", "进机关")


LOOKBACK = 120  # bounded, so that a paragraph dense with figures costs linear time


def _sentence_start(paragraph: str, position: int) -> int:
    lower = max(0, position - LOOKBACK)
    starts = [m.end() for m in SENTENCE_BREAK.finditer(paragraph, lower, position)]
    return starts[-1] if starts else lower


def nearest_context(paragraph: str, fact: Fact) -> re.Match | None:
    """The audience word nearest the number: before it in its sentence, or after it in its
    clause (a word after the number counts as farther than one before it)."""
    clause_end = fact.clause_start + len(fact.text) + 2
    left = _sentence_start(paragraph, fact.start)
    best: tuple[int, re.Match] | None = None
    for match in CONTEXT.finditer(paragraph, left, min(len(paragraph), clause_end)):
        if match.end() <= fact.start:
            distance = fact.start - match.end()
        elif match.start() >= fact.end:
            distance = match.start() - fact.end + 6
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, match)
    return best[1] if best else None


def corrected(paragraph: str, fact: Fact, fits) -> str | None:
    """The code the context asks for instead of fact.indicator, or None to keep it.
    fits(code) says whether the fact's unit suits the code."""
    code = fact.indicator
    if code is None:
        return None
    match = nearest_context(paragraph, fact)
    if match is None:
        return None
    word, clause = match.group(), fact.text
    if word in PUBLIC_AUDIENCES and code in STUDY_CODES:
        wanted = PUBLIC_AUDIENCES[word]
        return wanted if fits(wanted) else PUBLICITY if fits(PUBLICITY) else None
    if word in OFFICIALS and code == PUBLICITY and not any(k in clause for k in KEEP_PUBLICITY):
        wanted = OFFICIALS[word]
        as_audience = paragraph[max(0, match.start() - 1) : match.start()] in AUDIENCE_BEFORE
        if wanted == STUDY and not as_audience and not any(w in clause for w in STUDY_WORDS):
            return None
        if wanted == STUDY and any(w in clause for w in LECTURE_WORDS):
            wanted = LECTURES
        return wanted if fits(wanted) else None
    return None
