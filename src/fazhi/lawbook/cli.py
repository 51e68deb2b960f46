"""`fazhi laws`: look up a law, or one of its articles, in the shipped catalogue."""

from __future__ import annotations

import argparse
import re
import sys

import fazhi.lawbook as lawbook
from fazhi.lawbook.names import article_number, normalise

MAX_SUGGESTIONS = 10
LEVEL_WORDS = {"in_force": "现行有效", "repealed": "已废止"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fazhi laws",
        description="查询法律法规库：按名称或简称查法律法规，或查其中一条。",
        epilog="例：fazhi laws 行政处罚法 第三十九条",
    )
    parser.add_argument("name", help="法律法规名称或简称（可带书名号，可省“中华人民共和国”）")
    parser.add_argument("article", nargs="?", help="条文序号，如“第三十九条”或“39”")
    return parser


def _article_wanted(text: str) -> int | None:
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text.startswith("第"):
        text = f"第{text}"
    if not text.endswith("条") and not re.search(r"条之", text):
        text += "条"
    return article_number(text)


def _suggestions(query: str) -> list[str]:
    key = normalise(query)
    if not key:
        return []
    names = lawbook._names()["laws"]
    close = sorted((row[0] for row in names if key in normalise(row[0])), key=len)
    return close[:MAX_SUGGESTIONS]


def _edition_line(edition: dict) -> str:
    parts = [f"{edition['published'] or '日期不详'} 公布"]
    if edition.get("valid_from"):
        parts.append(f"{edition['valid_from']} 施行")
    if edition.get("articles"):
        parts.append(f"共 {edition['articles']} 条")
    if edition.get("expired"):
        parts.append("已失效")
    return "，".join(parts)


def _describe(record: dict) -> list[str]:
    status = LEVEL_WORDS.get(record["status"], record["status"])
    if record.get("repealed_on"):
        status += f"（{record['repealed_on']}）"
    if record.get("replaced_by"):
        status += f"，由《{record['replaced_by']}》取代"
    lines = [f"《{record['full']}》", f"  效力级别：{record['level']}    状态：{status}"]
    short = [name for name in record.get("short", []) if name != record["full"]]
    if short:
        lines.append(f"  简称：{'、'.join(short)}")
    lines.append(f"  分类：{record['category']}")
    if record.get("period"):
        lines.append(f"  规划期：{record['period'][0]}—{record['period'][1]} 年")
    for edition in record.get("editions", []):
        lines.append(f"  版本：{_edition_line(edition)}")
        for date, what in edition.get("events", []):
            lines.append(f"    {date} {what}")
    if record.get("added_by_hand"):
        lines.append(f"  来源：{record['source']}（人工补录）")
    else:
        lines.append(
            f"  来源：LawRefBook/Laws 公开法规库，数据日期 {lawbook.catalogue_date()}"
            f"（提交 {lawbook.catalogue_commit()[:12]}）"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    record = lawbook.entry(args.name)
    if record is None:
        print(f"法律法规库中没有“{args.name}”。", file=sys.stderr)
        close = _suggestions(args.name)
        if close:
            print("名称相近的有：", file=sys.stderr)
            for name in close:
                print(f"  {name}", file=sys.stderr)
        return 1
    if args.article is None:
        print("\n".join(_describe(record)))
        return 0
    number = _article_wanted(args.article)
    if number is None:
        print(f"“{args.article}”不是条文序号，请写作“第三十九条”或“39”。", file=sys.stderr)
        return 2
    count = record.get("articles")
    found = lawbook.article(record, number)
    if found is None:
        if not record.get("text"):
            print(f"法律法规库未收录《{record['full']}》的条文。", file=sys.stderr)
        elif count and number > count:
            print(
                f"《{record['full']}》只有 {count} 条，没有{lawbook.article_label(number)}。",
                file=sys.stderr,
            )
        else:
            print(f"《{record['full']}》中没有{lawbook.article_label(number)}。", file=sys.stderr)
        return 1
    label, text = found
    current = record["editions"][-1] if record.get("editions") else {}
    print(f"《{record['full']}》{label}")
    print(f"（{_edition_line(current)}；{LEVEL_WORDS.get(record['status'], '')}）")
    print()
    print(f"{label}　{text}")
    return 0
