"""Each numeral form of a fact: Arabic, Chinese, percentages, ranges and approximations."""

from __future__ import annotations

import pytest

from fazhi.checker.facts import extract_facts
from fazhi.checker.numerals import parse_chinese_number


def only_fact(text: str):
    facts = extract_facts(text, 1)
    assert len(facts) == 1, [(f.value, f.unit) for f in facts]
    return facts[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx"),
    [
        ("开展普法宣传12次", 12, "次", False),
        ("开展普法宣传 12 次", 12, "次", False),
        ("进村开展法治宣传40余次", 40, "次", True),
        ("参加人员30多人次", 30, "人次", True),
        ("发放宣传资料近千份", 1000, "份", True),
        ("发放宣传资料约2万份", 20000, "份", True),
        ("发放宣传资料2万余份", 20000, "份", True),
        ("受教育群众1.2万人次", 12000, "人次", False),
        ("发放宣传资料20,000份", 20000, "份", False),
        ("开展宣传二十余次", 20, "次", True),
        ("举办讲座两场", 2, "场", False),
        ("培训干部一百二十人", 120, "人", False),
        ("走访群众百余人", 100, "人", True),
        ("发放资料上千份", 1000, "份", True),
        ("参与群众三四十人", 30, "人", True),
        ("参与群众30—40人", 30, "人", True),
        ("参与群众30至40人", 30, "人", True),
        ("参与群众100人左右", 100, "人", True),
        ("执法人员2人以上", 2, "人", True),
        ("投资20余万元", 20, "万元", True),
        ("投资10万余元", 10, "万元", True),
        ("经费3.5万元", 3.5, "万元", False),
        ("调解成功率98%", 98, "%", False),
        ("调解成功率为 98.5 ％", 98.5, "%", False),
        ("合格率达到百分之百", 100, "%", False),
        ("合格率百分之九十五", 95, "%", False),
        ("覆盖率约95%", 95, "%", True),
        ("覆盖率95%以上", 95, "%", True),
        ("合格率百分之九十以上", 90, "%", True),
        ("开展宣传数十次", 10, "次", True),
        ("受教育群众几百人", 100, "人", True),
        ("参加人数20人", 20, "人", False),
        ("协助调解矛盾纠纷20起", 20, "起", False),
        ("制定政府文件14件", 14, "件", False),
        ("建成村普法广场28处", 28, "处", False),
        ("培养法律明白人90名", 90, "名", False),
        ("悬挂宣传条幅200余幅", 200, "幅", True),
        ("配备执法记录仪5台", 5, "台", False),
        ("案卷评查平均分92.5分", 92.5, "分", False),
    ],
)
def test_numeral_forms(text, value, unit, approx):
    fact = only_fact(text)
    assert (fact.value, fact.unit, fact.approx) == (value, unit, approx)
    assert fact.text == text


@pytest.mark.parametrize(
    "text",
    [
        "和群众一起学习",
        "一次性告知",
        "第2次会议",
        "2023年度1至12月份",
        "坚决做到“两个维护”",
        "推动法治走进千家万户",
        "落实“三项制度”",
        "建立一人一档",
        "12345热线",
        "“3·15”消费者权益日",
        "形成一套机制",
        "依据第二十五条",
        "三张镇党委",
        "十分重视普法工作",
        "会议于9时30分召开",
        "用时3分钟",
        "三分之一的村",
        "市场监管2分局",
    ],
)
def test_words_that_are_not_counts(text):
    assert extract_facts(text, 1) == []


def test_clause_is_the_fact_text_and_line_is_kept():
    facts = extract_facts("今年以来，我镇共调解各类矛盾纠纷 126 起，调解成功 124 起。", 7)
    assert [f.text for f in facts] == ["我镇共调解各类矛盾纠纷 126 起", "调解成功 124 起"]
    assert {f.line for f in facts} == {7}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二十", (20, False)),
        ("两千", (2000, False)),
        ("一万二千", (12000, False)),
        ("百", (100, False)),
        ("十二", (12, False)),
        ("两三", (2, True)),
        ("二〇二五", (2025, False)),
        ("九十八点五", (98.5, False)),
        ("百分", None),
    ],  # fmt: skip
)
def test_chinese_numbers(text, expected):
    assert parse_chinese_number(text) == expected
