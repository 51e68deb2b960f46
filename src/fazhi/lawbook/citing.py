"""Citations in a record's text, checked on save: a law repealed by the record's date, or an
article beyond the law's article count, is refused with a Chinese message. A title the catalogue
does not know is left alone (local rules, technical standards and plans are cited too)."""

from __future__ import annotations

import datetime as dt
import re

import fazhi.lawbook as lawbook
from fazhi.lawbook.names import chinese_integer

TITLE = re.compile(r"《([^《》\n]{2,80})》")
NUMBER = "零〇一二三四五六七八九十百千两0-9"
ARTICLE_RUN = re.compile(
    rf"^\s*(?:的)?(?:第\s*[{NUMBER}]+\s*条(?:之[一二三四五六七八九十]+)?(?:第[{NUMBER}]+[款项])*"
    rf"[、，,和及与至到\s]*)+"
)
ONE_ARTICLE = re.compile(rf"第\s*([{NUMBER}]+)\s*条")


def _repeal_problem(ref, title: str, on: dt.date | None) -> str | None:
    if ref.status != "repealed" or not ref.repealed_on:
        return None
    if on is not None and not ref.repealed_by(on):
        return None
    instead = f"，请改为《{ref.replaced_by}》" if ref.replaced_by else ""
    return f"《{title}》已于 {ref.repealed_on} 废止{instead}。"


def problems(text: str, on: dt.date | None = None) -> list[str]:
    """Messages for each repealed law and out-of-range article cited in 《…》 in `text`."""
    found: list[str] = []
    for match in TITLE.finditer(text or ""):
        title = match.group(1).strip()
        ref = lawbook.find(title)
        if ref is None:
            continue
        repeal = _repeal_problem(ref, title, on)
        if repeal and repeal not in found:
            found.append(repeal)
        count = ref.articles_in(on.year if on else None)
        run = ARTICLE_RUN.match(text[match.end() :])
        if not count or not run:
            continue
        for article in ONE_ARTICLE.finditer(run.group(0)):
            number = chinese_integer(article.group(1))
            if number and number > count:
                found.append(f"《{title}》只有 {count} 条，没有{lawbook.article_label(number)}。")
    return found


def name_problems(names: list[str], on: dt.date | None = None) -> list[str]:
    """Messages for laws named in a list (“行政处罚法、信访条例”) that were repealed by `on`."""
    found = []
    for name in names:
        title = name.strip().strip("《》")
        ref = lawbook.find(title) if title else None
        problem = _repeal_problem(ref, title, on) if ref else None
        if problem:
            found.append(problem)
    return found


def segments(text: str) -> list[tuple[str, str | None, int | None]]:
    """`text` cut into (piece, law name, article number): a 《…》 the catalogue knows, with the
    first 第X条 right after it, gets its law's name (and article) so a page can link it."""
    out: list[tuple[str, str | None, int | None]] = []
    position = 0
    for match in TITLE.finditer(text or ""):
        ref = lawbook.find(match.group(1).strip())
        if ref is None:
            continue
        end, number = match.end(), None
        run = ARTICLE_RUN.match(text[end:])
        first = ONE_ARTICLE.search(run.group(0)) if run else None
        if first is not None:
            number = chinese_integer(first.group(1))
            end += first.end()
        if match.start() > position:
            out.append((text[position : match.start()], None, None))
        out.append((text[match.start() : end], ref.name, number))
        position = end
    if position < len(text or ""):
        out.append((text[position:], None, None))
    return out
