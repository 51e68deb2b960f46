"""Numbering of parts, sub-items and suggestions."""

import pytest

from fazhi.reports.document import chinese_number, item_number, official_name, part_number


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


@pytest.mark.parametrize(
    ("name", "signature"),
    [
        ("青山镇", "青山镇人民政府"),
        ("清河乡", "清河乡人民政府"),
        ("新城街道", "新城街道办事处"),
        ("示范县", "示范县人民政府"),
        ("甲镇人民政府", "甲镇人民政府"),  # already an organ's name
        ("中共示范县委全面依法治县委员会办公室", "中共示范县委全面依法治县委员会办公室"),
    ],
)
def test_signed_by_the_government_not_the_place(name, signature):
    assert official_name(name) == signature


def test_document_signature_and_plain_text():
    from tests.reports.sample_documents import tiny_document

    document = tiny_document(organisation_name="青山镇")
    assert document.signature == "青山镇人民政府"
    assert document.plain_text().splitlines()[-2:] == ["青山镇人民政府", "2025年1月5日"]
