"""How a law's title is compared, and article numbers (第一千二百六十条) read."""

from __future__ import annotations

import re

PREFIX = "中华人民共和国"
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}  # fmt: skip
UNITS = {"十": 10, "百": 100, "千": 1000}
_DROP = re.compile(r"[\s《》〈〉<>“”\"'‘’「」]")
_DASH = re.compile(r"[—–－\-~～至]+")
_LABEL = re.compile(r"^第([一二三四五六七八九十百千零〇两\d]+)条")


def normalise(title: str) -> str:
    """The comparison key of a title: no quotes or spaces, no 中华人民共和国, ASCII brackets."""
    key = _DROP.sub("", title)
    key = key.translate(str.maketrans("（）０１２３４５６７８９", "()0123456789"))
    key = _DASH.sub("-", key)
    key = re.sub(r"(\d{4})-(\d{4})年", r"\1-\2", key)
    stripped = key.replace(PREFIX, "")  # also inside: 关于适用〈中华人民共和国行政诉讼法〉的解释
    return stripped or key


def chinese_integer(text: str) -> int | None:
    """一千二百六十 -> 1260; digits too; None when it is no number."""
    if text.isdigit():
        return int(text)
    total, number, seen = 0, 0, False
    for ch in text:
        if ch in DIGITS:
            number, seen = DIGITS[ch], True
        elif ch in UNITS:
            total += (number if seen else 1) * UNITS[ch]
            number, seen = 0, False
        else:
            return None
    return total + number or None


def article_number(label: str) -> int | None:
    """第三十九条 / 第三十九条之一 -> 39."""
    match = _LABEL.match(label)
    return chinese_integer(match.group(1)) if match else None


def article_label(number: int) -> str:
    """39 -> 第三十九条 (the way the laws themselves number articles)."""
    return f"第{_chinese(number)}条"


def _chinese(number: int) -> str:
    names = "零一二三四五六七八九"
    if number < 10:
        return names[number]
    if number < 20:
        return "十" + (names[number % 10] if number % 10 else "")
    out, zero = "", False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit_value % 10
        if number < unit_value:
            continue
        if digit:
            if zero:
                out += "零"
            out += names[digit] + unit
            zero = False
        else:
            zero = bool(out)
    return out
