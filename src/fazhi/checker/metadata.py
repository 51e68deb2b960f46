"""Who reports (org), on which year, and when it was signed."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from fazhi.checker.numerals import DIGITS, parse_chinese_number
from fazhi.checker.places import Gazetteer, find_places
from fazhi.checker.structure import Layout, squeeze

YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
CN_YEAR_DIGITS = "零〇○一二三四五六七八九"
DATE_ARABIC = re.compile(
    r"((?:19|20)\d{2})\s*(?:年|[.\-/])\s*(\d{1,2})\s*(?:月|[.\-/])\s*(\d{1,2})\s*日?"
)
DATE_CHINESE = re.compile(
    rf"([{CN_YEAR_DIGITS}]{{4}})年([{CN_YEAR_DIGITS}十]{{1,3}})月([{CN_YEAR_DIGITS}十]{{1,3}})日"
)
ORG_FALLBACK = re.compile(
    r"([\u4e00-\u9fff]{2,8}?(?:镇|乡|街道|苏木))(?=人民政府|党委|委员会|政府|人大|\d|20|\s|$|年)"
)
TOWN_ENDINGS = ("镇", "乡", "街道", "苏木")
SIGNATURE_TAIL_LINES = 12


def _plain_year(text: str) -> int | None:
    match = YEAR.search(squeeze(text))
    return int(match.group(1)) if match else None


def find_org(layout: Layout, gazetteer: Gazetteer) -> str | None:
    """The township (or county) the report is from: title block first, then signature, body."""
    header = [layout.cleaned[i] for i in range(min(layout.header_end, len(layout.cleaned)))]
    tail = [t for t in layout.cleaned[-SIGNATURE_TAIL_LINES:] if t and len(t) <= 40]
    for block in (header, tail):
        joined = "\n".join(squeeze(t) for t in block)
        mentions = find_places(joined, gazetteer)
        towns = [m.name for m in mentions if m.level == "town"]
        if towns:
            return towns[0]
        fallback = ORG_FALLBACK.search(joined)
        if fallback:
            return re.sub(r"^(中共|中国共产党)", "", fallback.group(1))
        counties = [m.name for m in mentions if m.level == "county"]
        if counties:
            return counties[-1]
    body = "\n".join(p.squeezed for p in layout.paragraphs[:60])
    counted = Counter(m.name for m in find_places(body, gazetteer) if m.level == "town")
    if counted:
        return counted.most_common(1)[0][0]
    fallback = ORG_FALLBACK.search(body)
    return fallback.group(1) if fallback else None


def find_year(layout: Layout, signed_on: dt.date | None) -> tuple[int | None, str]:
    """The year reported on, and where it was read ("title", "body", "signature")."""
    if layout.title:
        year = _plain_year(layout.title)
        if year:
            return year, "title"
    for paragraph in layout.paragraphs[:3]:
        match = YEAR.match(paragraph.squeezed)
        if match:
            return int(match.group(1)), "body"
    measures = layout.parts.get("measures")
    if measures and measures.heading:
        year = _plain_year(measures.heading)
        if year:
            return year, "body"
    years = Counter(int(m.group(1)) for p in layout.paragraphs for m in YEAR.finditer(p.squeezed))
    if years:
        return years.most_common(1)[0][0], "body"
    if signed_on:
        return signed_on.year - 1, "signature"
    return None, ""


def _chinese_date_part(text: str) -> int | None:
    if len(text) == 4 and all(ch in DIGITS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    parsed = parse_chinese_number(text.replace("〇", "零").replace("○", "零"))
    return int(parsed[0]) if parsed and not parsed[1] else None


def parse_date(text: str) -> dt.date | None:
    text = squeeze(text)
    match = DATE_ARABIC.search(text)
    numbers = None
    if match:
        numbers = tuple(int(g) for g in match.groups())
    else:
        match = DATE_CHINESE.search(text)
        if match:
            parts = [_chinese_date_part(g) for g in match.groups()]
            if None not in parts:
                numbers = tuple(parts)
    if not numbers:
        return None
    try:
        return dt.date(*numbers)
    except ValueError:
        return None


def find_signature(layout: Layout) -> tuple[dt.date | None, int | None]:
    """The signing date: a short line near the end that is only a date (or org plus date);
    failing that, a date line of its own under the title ("（2022年2月20日）")."""
    start = max(layout.header_end, len(layout.cleaned) - SIGNATURE_TAIL_LINES)
    tail = range(len(layout.cleaned) - 1, start - 1, -1)
    head = range(0, min(layout.header_end + 2, len(layout.cleaned)))
    for index in list(tail) + list(head):
        text = squeeze(layout.cleaned[index])
        if not text or len(text) > 40:
            continue
        date = parse_date(text)
        if date and (
            DATE_ARABIC.fullmatch(text) or DATE_CHINESE.fullmatch(text) or len(text) <= 30
        ):
            remainder = DATE_ARABIC.sub("", text)
            remainder = DATE_CHINESE.sub("", remainder)
            if len(remainder) <= 20 and not re.search(r"[，。；]", remainder):
                return date, index + 1
    return None, None
