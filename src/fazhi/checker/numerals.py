"""Chinese numerals: 二十, 一百二十, 两千, 百, 近千, 三四十, 二〇二二, 九十八点五."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(LARGE_UNITS)


def _integer(text: str) -> int | None:
    # A written-out integer ("一百二十", "两千三百万"); bare "百"/"千" mean one hundred/thousand,
    # which cn2an rejects but reports write ("百余人", "近千份").
    if not text:
        return None
    if len(text) >= 3 and all(ch in DIGITS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))  # positional: 二〇二二
    total = section = number = 0
    seen_digit = False
    for ch in text:
        if ch in DIGITS:
            if seen_digit and number and DIGITS[ch]:
                return None  # two digits in a row: a range, handled by the caller
            number = DIGITS[ch]
            seen_digit = True
        elif ch in SMALL_UNITS:
            section += (number if seen_digit else 1) * SMALL_UNITS[ch]
            number, seen_digit = 0, False
        elif ch in LARGE_UNITS:
            section += number
            total += (section or 1) * LARGE_UNITS[ch]
            section = number = 0
            seen_digit = False
        else:
            return None
    return total + section + number


def parse_chinese_number(text: str) -> tuple[float, bool] | None:
    """Value and whether it is approximate (a range like 三四十 or 两三), or None."""
    text = text.strip()
    if not text:
        return None
    if "点" in text:
        whole, _, fraction = text.partition("点")
        integer = _integer(whole) if whole else 0
        if integer is None or not fraction or any(ch not in DIGITS for ch in fraction):
            return None
        return float(f"{integer}.{''.join(str(DIGITS[ch]) for ch in fraction)}"), False
    value = _integer(text)
    if value is not None:
        return value, False
    # "三四十" / "两三": two adjacent digits give a range; keep the lower bound, approximate.
    for index in range(len(text) - 1):
        first, second = text[index], text[index + 1]
        if first in DIGITS and second in DIGITS and DIGITS[second] == DIGITS[first] + 1:
            lower = _integer(text[: index + 1] + text[index + 2 :])
            if lower is not None:
                return lower, True
    return None


def number_value(value: float) -> int | float:
    """Integers as int, so JSON shows 40 and not 40.0."""
    return int(value) if float(value).is_integer() else round(float(value), 4)
