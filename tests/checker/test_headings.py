"""Each heading style of the issue: the part is judged by words and numbering level."""

from __future__ import annotations

import pytest

from fazhi.checker import check_text


def parts_of(text: str) -> dict:
    return check_text(text, source="t.txt")["parts"]


BODY = "全年开展普法宣传活动12次，发放宣传资料800份，取得了较好的效果，群众满意度明显提升。"


def report(headings: list[str], title: str = "青山镇2024年度法治政府建设情况报告") -> str:
    lines = [title, ""] if title else []
    for heading in headings:
        lines += [heading, "", BODY, ""]
    return "\n".join(lines + ["青山镇人民政府", "2025年2月10日"])


FIVE = [
    "主要举措和成效",
    "党政主要负责人履行推进法治建设第一责任人职责情况",
    "存在的不足和原因",
    "2025年推进法治政府建设的主要安排",
    "其他需要报告的情况",
]
CODES = ["measures", "first_responsible", "shortcomings", "plans", "other"]
CN = "一二三四五"


@pytest.mark.parametrize(
    "style",
    [
        lambda i, t: f"{CN[i]}、{t}",
        lambda i, t: f"（{CN[i]}）{t}",
        lambda i, t: f"({CN[i]}){t}",
        lambda i, t: f"{i + 1}.{t}",
        lambda i, t: f"（{i + 1}）{t}",
        lambda i, t: f"第{CN[i]}部分 {t}",
        lambda i, t: f"{'#' * (i % 4 + 1)} {t}",  # markdown marks of mixed levels, no numbers
        lambda i, t: f"**{t}**",
        lambda i, t: f"### **{CN[i]}、{t}**",
    ],
    ids=["一、", "（一）", "(一)", "1.", "（1）", "第一部分", "markdown", "bold", "md+bold"],
)
def test_each_numbering_style_finds_all_five_parts(style):
    headings = [style(i, text) for i, text in enumerate(FIVE)]
    parts = parts_of(report(headings))
    for code, text in zip(CODES, FIVE, strict=True):
        assert parts[code]["status"] == "present", (code, parts[code])
        assert parts[code]["heading"].replace("*", "").endswith(text)
        assert "#" not in parts[code]["heading"] and "**" not in parts[code]["heading"]


def test_markdown_level_does_not_decide_the_part_level():
    headings = ["# 一、主要举措和成效", "###### 二、第一责任人职责履行情况", "## 三、存在的问题和原因",  # noqa: E501
                "#### 四、下一步工作安排"]  # fmt: skip
    parts = parts_of(report(headings))
    assert [parts[c]["status"] for c in CODES[:4]] == ["present"] * 4


def test_heading_and_first_sentence_on_one_line():
    text = report(
        [
            "**一、主要举措和成效**今年我镇扎实推进法治建设，成效明显。",
            "二、第一责任人履职情况。镇党委书记认真履行第一责任人职责，主持专题会议4次。",
            "三、存在的不足和原因",
            "四、下一年度工作安排",
        ]
    )
    parts = parts_of(text)
    assert parts["measures"]["heading"] == "一、主要举措和成效"
    assert parts["first_responsible"]["heading"] == "二、第一责任人履职情况。"


def test_headings_with_stray_spaces():
    text = report(
        [
            "一、 2024 年度法治政府 建设主要举措和 成效",
            "二、党政主要负责人履行第一 责任人职责情况",
            "三、2024 年度存在的 不足和原因",
            "四、2025 年 工作 安排",
        ],  # fmt: skip
        title="青山镇 2024 年度法治政府 建设情况报告",
    )
    result = check_text(text, source="t.txt")
    assert result["title"] == "青山镇 2024 年度法治政府 建设情况报告"
    assert result["year"] == 2024
    assert result["parts"]["measures"]["heading"] == "一、 2024 年度法治政府 建设主要举措和 成效"
    assert all(result["parts"][c]["status"] == "present" for c in CODES[:4])


def test_report_without_title_line():
    text = report(
        ["一、主要举措和成效", "二、第一责任人职责情况", "三、存在的问题", "四、下一步打算"],
        title="",
    )
    result = check_text(text, source="t.txt")
    assert result["title"] is None
    assert "no_title" in [f["code"] for f in result["findings"]]
    assert all(result["parts"][c]["status"] == "present" for c in CODES[:4])


def test_part_buried_in_sub_item_or_merged_is_partial():
    text = report(
        [
            "一、2024年工作开展情况",
            "（一）严格落实党政主要负责人履行推进法治建设第一责任人职责",
            "（二）加强普法宣传",
            "二、存在的不足及下一步工作打算",
        ],  # fmt: skip
    )
    parts = parts_of(text)
    assert parts["measures"]["status"] == "present"
    assert parts["first_responsible"]["status"] == "partial"
    assert parts["first_responsible"]["heading"].startswith("（一）严格落实")
    assert parts["shortcomings"]["status"] == parts["plans"]["status"] == "partial"
    assert parts["other"]["status"] == "missing"


def test_unnamed_numbered_sections_before_shortcomings_are_the_measures():
    text = report(
        ["一、强化组织领导", "二、加强普法宣传", "三、存在的不足和原因", "四、下一步工作"]
    )
    parts = parts_of(text)
    assert parts["measures"] == {"status": "present", "heading": "一、强化组织领导", "line": 3}


def test_plain_lines_naming_a_part_are_headings_when_numbering_was_lost():
    # Word's automatic list numbering is not part of the paragraph text.
    text = report(["主要举措和成效", "党政主要负责人履行第一责任人职责情况", "存在的不足和原因",
                   "下一年度工作安排"])  # fmt: skip
    parts = parts_of(text)
    assert [parts[c]["heading"] for c in CODES[:4]] == [
        "主要举措和成效", "党政主要负责人履行第一责任人职责情况", "存在的不足和原因",
        "下一年度工作安排",
    ]  # fmt: skip


def test_body_sentence_mentioning_part_words_is_not_a_heading():
    text = report(
        ["一、主要举措和成效", "二、第一责任人履职情况", "三、存在的不足", "四、下一步安排"]
    )
    text = text.replace(BODY, BODY + "\n\n我镇法治建设取得了明显成效，但也存在一些不足。", 1)
    parts = parts_of(text)
    assert parts["shortcomings"]["heading"] == "三、存在的不足"


def test_heading_ended_by_a_colon_before_its_text():
    text = report(["一、主要做法：今年我镇扎实推进法治建设，开展普法宣传活动12次，效果明显。",
                   "二、第一责任人履职情况", "三、存在的问题", "四、下一步打算"])  # fmt: skip
    assert parts_of(text)["measures"]["heading"] == "一、主要做法："
