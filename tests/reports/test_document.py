"""Numbering of parts, sub-items and suggestions."""

import pytest

from fazhi.reports.document import chinese_number, item_number, part_number


@pytest.mark.parametrize(
    ("number", "text"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (23, "二十三")],
)
def test_chinese_numbers(number, text):
    assert chinese_number(number) == text


def test_numbering_forms():
    assert part_number(5) == "五、"
    assert item_number(12) == "（十二）"
    with pytest.raises(ValueError):
        chinese_number(100)
