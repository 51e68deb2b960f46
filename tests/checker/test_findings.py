"""Each finding code, raised on a small made-up report, and not raised on a clean one."""

from __future__ import annotations

import pytest

from fazhi.checker import FINDING_CODES, check_text
from tests.checker.conftest import CLEAN_REPORT, codes


def check(text: str) -> dict:
    return check_text(text, source="made-up.txt")


def variant(*replacements: tuple[str, str]) -> str:
    text = CLEAN_REPORT
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_clean_report_has_no_findings():
    result = check(CLEAN_REPORT)
    assert result["findings"] == []
    assert result["org"] == "青山镇"
    assert result["year"] == 2024
    assert result["signed_on"] == "2025-02-10"


SIMPLIFIED = "镇设举发传资报进党负责调纠纷会议题组织习试导"
TRADITIONAL = "鎮設舉發傳資報進黨負責調糾紛會議題組織習試導"
CASES = {
    "missing_part": variant(
        ("二、党政主要负责人履行推进法治建设第一责任人职责情况\n\n镇党委书记主持召开专题会议研究法治建设4次，带头述法。\n\n", ""),  # noqa: E501
    ),
    "part_not_top_level": variant(
        ("三、2024年推进法治政府建设存在的不足和原因", "三、存在的不足及下一步工作安排"),
        ("四、2025年推进法治政府建设的主要安排\n\n", ""),
    ),
    "no_title": variant(("青山镇2024年度法治政府建设情况报告\n", "")),
    "year_mismatch": variant(("四、2025年推进法治政府建设的主要安排", "四、2024年推进法治政府建设的主要安排")),  # noqa: E501
    "period_not_report_year": variant(("全年开展普法宣传活动40余次", "2022年以来累计开展普法宣传活动140余次")),  # noqa: E501
    "stale_plan_reference": variant(("（二）加强普法宣传。", "（二）加强普法宣传。深入实施“七五”普法规划。")),  # noqa: E501
    "foreign_place_name": variant(("镇党委书记主持", "彭堡镇党委书记主持")),
    "conflicting_figures": variant(("二是普法形式较为单一。", "二是普法形式较为单一，全年仅发放宣传资料1000余份。")),  # noqa: E501
    "rate_mismatch": variant(("调解成功48起", "调解成功40起")),
    "subset_exceeds_whole": variant(("调解成功48起，调解成功率为96%", "其中调解成功52起")),
    "full_rate_contradicted": variant(
        ("调解成功率为96%。", "调解成功率为96%，信访事项按期答复率100%。"),
        ("二是普法形式较为单一。", "二是信访事项办理不够及时。"),
    ),
    "no_signature_date": variant(("2025年2月10日\n", "")),
    "late_signature": variant(("2025年2月10日", "2025年5月10日")),
    "conversion_artifact": variant(("无。\n", "无。[bookmark: _GoBack]\n\n(此页无正文)\n")),
    "traditional_script": CLEAN_REPORT.translate(str.maketrans(SIMPLIFIED, TRADITIONAL)),
    "unknown_law": variant(("（二）加强普法宣传。", "（二）加强普法宣传。学习《乡村治理法》。")),
    "repealed_law": variant(("（二）加强普法宣传。", "（二）加强普法宣传。学习《信访条例》。")),
    "article_out_of_range": variant(("（二）加强普法宣传。", "（二）加强普法宣传。学习《行政处罚法》第九十条。")),  # noqa: E501
    "outdated_plan": variant(("（二）加强普法宣传。", "（二）加强普法宣传。落实《法治政府建设实施纲要（2015—2020年）》。")),  # noqa: E501
}  # fmt: skip


def test_every_code_has_a_case():
    assert set(CASES) == set(FINDING_CODES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_finding_code_is_raised(code):
    result = check(CASES[code])
    assert code in codes(result), result["findings"]
    for finding in result["findings"]:
        assert finding["severity"] == FINDING_CODES[finding["code"]]
        assert any("\u4e00" <= char <= "\u9fff" for char in finding["message"])


def test_required_part_missing_is_an_error_other_part_missing_is_not():
    result = check(CASES["missing_part"])
    missing = [f for f in result["findings"] if f["code"] == "missing_part"]
    assert len(missing) == 1 and missing[0]["severity"] == "error"
    assert "第一责任人" in missing[0]["message"]
    without_other = variant(("五、其他需要报告的情况\n\n无。\n\n", ""))
    assert check(without_other)["findings"] == []


def test_rate_that_matches_its_counts_within_rounding_is_fine():
    text = variant(
        ("共调解矛盾纠纷50起，调解成功48起，调解成功率为96%", "调解126起成功124起成功率98%")
    )
    assert "rate_mismatch" not in codes(check(text))
    text = variant(("调解成功率为96%", "调解成功率为105%"))
    assert "rate_mismatch" in codes(check(text))


def test_year_mismatch_between_title_and_opening():
    text = variant(("2024年，青山镇坚持", "2023年，青山镇坚持"))
    assert "year_mismatch" in codes(check(text))


def test_period_of_the_report_year_and_plans_are_not_flagged():
    text = variant(("全年开展普法宣传活动40余次", "2024年以来开展普法宣传活动40余次"))
    assert "period_not_report_year" not in codes(check(text))
    text = variant(("继续加强法治宣传", "在2024年以来工作基础上开展宣传20次"))
    assert "period_not_report_year" not in codes(check(text))


def test_current_plan_period_is_not_stale():
    text = variant(("（二）加强普法宣传。", "（二）加强普法宣传。深入实施“八五”普法规划。"))
    assert "stale_plan_reference" not in codes(check(text))
    old = text.replace("2024", "2026").replace("2025", "2027")
    assert "stale_plan_reference" in codes(check(old))


def test_own_parents_and_common_words_are_not_foreign_places():
    text = variant(
        ("镇党委书记主持", "原州区彭堡镇党委书记主持"),
        ("青山镇2024年度", "彭堡镇2024年度"),
        ("青山镇人民政府", "固原市原州区彭堡镇人民政府"),
    )
    text = text.replace("青山镇", "彭堡镇")
    text = text.replace("无。", "投资20余万元新建镇普法广场一处，推进中华人民共和国宪法宣传。")
    result = check(text)
    assert result["org"] == "彭堡镇"
    assert "foreign_place_name" not in codes(result)


def test_same_figure_restated_or_for_another_scope_is_not_a_conflict():
    text = variant(
        ("二是普法形式较为单一。", "二是普法形式单一，虽发放宣传资料3000余份，效果一般。"),
        ("无。", "新建镇普法广场1处，村普法广场28处。"),
    )
    assert "conflicting_figures" not in codes(check(text))


def test_doubled_words_across_a_page_break():
    text = variant(
        (
            "（三）化解矛盾纠纷。",
            "（三）化解矛盾纠纷。我镇高度重视基层矛盾纠纷排查化解工作，进一步加强调解\n\n调解队伍建设。",
        )
    )
    found = [f for f in check(text)["findings"] if f["code"] == "conversion_artifact"]
    assert found and "调解" in found[0]["message"]


def test_late_signature_uses_31_march_of_the_following_year():
    assert "late_signature" not in codes(check(variant(("2025年2月10日", "2025年3月31日"))))
    assert "late_signature" in codes(check(variant(("2025年2月10日", "2025年4月1日"))))
    chinese_date = variant(("2025年2月10日", "二〇二五年四月二日"))
    result = check(chinese_date)
    assert result["signed_on"] == "2025-04-02"
    assert "late_signature" in codes(result)
