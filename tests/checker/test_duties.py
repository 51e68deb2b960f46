"""The 第一责任人 part found inside part 1 (issue 20, point 4), and quotes kept in the report's
own characters."""

from __future__ import annotations

import jsonschema
import pytest

from fazhi.checker import check_file, check_text, load_schema
from fazhi.checker.output import labelled, render_html, render_markdown, render_text
from tests.checker.conftest import CLEAN_REPORT, codes

OWN_PART = (
    "二、党政主要负责人履行推进法治建设第一责任人职责情况\n\n"
    "镇党委书记主持召开专题会议研究法治建设4次，带头述法。\n\n"
)


def without_own_part(text: str = CLEAN_REPORT) -> str:
    text = text.replace(OWN_PART, "")
    for old, new in (("三、2024", "二、2024"), ("四、2025", "三、2025"), ("五、", "四、")):
        text = text.replace(old, new)
    return text


def test_clean_report_without_the_part_says_missing():
    result = check_text(without_own_part())
    assert result["parts"]["first_responsible"] == {
        "status": "missing",
        "heading": None,
        "line": None,
    }
    assert "missing_part" in codes(result)


def test_sub_heading_of_part_one_is_partial_and_named():
    text = without_own_part().replace(
        "（三）化解矛盾纠纷。",
        "（三）压实第一责任人职责。镇党委书记带头述法。\n\n（四）化解矛盾纠纷。",
    )
    result = check_text(text)
    part = result["parts"]["first_responsible"]
    assert part["status"] == "partial"
    assert part["heading"] == "（三）压实第一责任人职责。"
    assert text.split("\n")[part["line"] - 1].startswith("（三）压实第一责任人职责")
    assert "missing_part" not in codes(result)
    assert "part_not_top_level" in codes(result)


def test_item_sentence_in_a_paragraph_is_partial_and_quoted():
    text = without_own_part().replace(
        "（一）强化学法用法。党委理论学习中心组",
        "（一）强化学法用法。抓好学法计划落实。二是主要负责人带头学法，亲自研究法治建设重要事项。党委理论学习中心组",
    )
    result = check_text(text)
    part = result["parts"]["first_responsible"]
    assert part == {
        "status": "partial",
        "heading": "二是主要负责人带头学法，亲自研究法治建设重要事项。",
        "line": 7,
        "in_paragraph": True,
    }
    message = next(f["message"] for f in result["findings"] if f["code"] == "part_not_top_level")
    assert "只在第一部分的段落中述及：“二是主要负责人带头学法" in message
    jsonschema.validate(result, load_schema())  # the output's new key is in the schema
    # People read where it was found: the text, Markdown and HTML renderings and the pages.
    shown = "（第一部分段落）二是主要负责人带头学法"
    assert shown in render_text([result], []) and shown in render_markdown([result], [])
    assert shown in render_html([result], []) and shown in labelled(result)["parts"][1]["heading"]
    assert "missing_part" not in codes(result)


def test_a_mention_only_in_the_plans_part_does_not_count():
    text = without_own_part().replace(
        "2025年，我镇将继续加强法治宣传",
        "2025年，严格落实党政主要负责人履行第一责任人职责，继续加强法治宣传",
    )
    result = check_text(text)
    assert result["parts"]["first_responsible"]["status"] == "missing"


def test_leadership_group_alone_is_not_the_duty():
    text = without_own_part().replace(
        "（一）强化学法用法。", "（一）强化学法用法。成立了以镇长为组长的法治建设工作领导小组。"
    )
    assert check_text(text)["parts"]["first_responsible"]["status"] == "missing"


@pytest.mark.parametrize(
    "sentence",
    [
        "在镇主要领导的带领下，各项工作有序推进。",
        "成立了以镇党委书记为组长的法治建设领导小组。",
        "主要领导多次听取汇报。",
    ],
)
def test_leadership_in_passing_is_not_the_duty(sentence):
    text = without_own_part().replace("（一）强化学法用法。", f"（一）强化学法用法。{sentence}")
    assert check_text(text)["parts"]["first_responsible"]["status"] == "missing"


@pytest.mark.parametrize(
    "sentence",
    [
        "严格落实党政主要负责人履行推进法治建设第一责任人职责。",
        "镇党委书记带头讲法治课。",
        "一是主要领导亲自部署法治建设工作。",
        "党政主要负责人年终述法。",
    ],
)
def test_each_way_of_naming_the_duty_counts(sentence):
    text = without_own_part().replace("（二）加强普法宣传。", f"（二）加强普法宣传。{sentence}")
    part = check_text(text)["parts"]["first_responsible"]
    assert (part["status"], part["heading"], part.get("in_paragraph")) == (
        "partial",
        sentence,
        True,
    )


def test_own_top_level_part_stays_present():
    result = check_text(CLEAN_REPORT)
    assert result["parts"]["first_responsible"]["status"] == "present"
    assert "in_paragraph" not in result["parts"]["first_responsible"]


TRADITIONAL = {
    "青山镇": "青山鎮", "法治政府建设": "法治政府建設", "报告": "報告", "推进": "推進",
    "发放宣传资料": "發放宣傳資料", "学法": "學法", "主要负责人": "主要負責人",
    "党委书记": "黨委書記", "举措": "舉措", "调解": "調解", "亲自": "親自",
}  # fmt: skip


def to_traditional(text: str) -> str:
    for simplified, traditional in TRADITIONAL.items():
        text = text.replace(simplified, traditional)
    return text


def test_quotes_of_a_traditional_report_keep_its_characters():
    text = without_own_part().replace(
        "（一）强化学法用法。党委理论学习中心组",
        "（一）强化学法用法。二是主要负责人带头学法，亲自研究法治建设。党委理论学习中心组",
    )
    text = to_traditional(text.replace("无。", "借鉴彭堡镇的做法。"))
    result = check_text(text)
    assert "traditional_script" in codes(result)
    assert result["org"] == "青山镇"  # the gazetteer's name
    assert result["title"] == "青山鎮2024年度法治政府建設情况報告"
    part = result["parts"]["first_responsible"]
    assert part["heading"] == "二是主要負責人带头學法，親自研究法治建设。"  # as written
    assert any("發放宣傳資料3000余份" in fact["text"] for fact in result["facts"])
    assert result["parts"]["measures"]["heading"] == "一、2024年推進法治政府建設的主要舉措和成效"
    message = next(f["message"] for f in result["findings"] if f["code"] == "part_not_top_level")
    assert "“二是主要負責人" in message


def test_dazhanglou_seed_sub_item_is_partial(seeds):
    result = check_file(seeds / "dazhanglou_2023.txt")
    part = result["parts"]["first_responsible"]
    assert part["status"] == "partial"
    assert part["heading"].startswith("（一）全面落实党政主要负责人履行")
    assert part["line"] == 9


def test_pengbao_seed_without_the_duty_stays_missing(seeds):
    # Its part 1 sets up a leading group under the Party secretary: leadership, not the
    # principal leaders' own duties (the labels accept either answer; nothing names them).
    result = check_file(seeds / "pengbao_2021.txt")
    assert result["parts"]["first_responsible"]["status"] == "missing"


def test_pengbao_excerpt_with_a_first_responsible_item_is_partial(seeds):
    text = (seeds / "pengbao_2021.txt").read_text(encoding="utf-8")
    text = text.replace(
        "二是镇党委、政府将法治建设",
        "二是党委书记履行推进法治建设第一责任人职责，镇党委、政府将法治建设",
    )
    result = check_text(text)
    part = result["parts"]["first_responsible"]
    assert part["status"] == "partial" and part["in_paragraph"] is True
    assert part["heading"].startswith("二是党委书记履行推进法治建设第一责任人职责")
    assert "missing_part" not in codes(result)
