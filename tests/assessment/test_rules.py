"""The pure rule engine: every kind, its explanation, caps and floors, parameter errors."""

from decimal import Decimal

import pytest

from fazhi.assessment.rules import (
    LATE,
    MISSING,
    ON_TIME,
    describe,
    falsified,
    params_errors,
    score,
)

D = Decimal


@pytest.mark.parametrize(
    ("value", "expected"),
    [(6, "3"), (5, "2.50"), (3, "1.50"), (0, "1.50"), (None, "1.50")],
)
def test_threshold_deducts_per_missing_unit_up_to_the_cap(value, expected):
    # Row 6: ≥6 sessions, −0.3 each missing, total deduction ≤ 1.5 (of 3 points here).
    outcome = score("threshold", 3, {"target": 6, "per_missing": "0.5", "cap": "1.5"}, value)
    assert outcome.points == D(expected)
    assert outcome.veto_whole is False


def test_threshold_without_cap_stops_at_zero_and_explains():
    outcome = score("threshold", 2, {"target": 10, "per_missing": 1}, 3)
    assert outcome.points == D("0")
    assert outcome.explanation == "3，目标 10，缺 7 × 1 分，得 0 分"
    assert score("threshold", 2, {"target": 3, "per_missing": 1}, 5).explanation.endswith("得满分")


@pytest.mark.parametrize(
    ("rate", "expected"),
    [(D("100"), "10.00"), (D("95.0"), "9.50"), (D("0"), "0.00"), (D("120"), "10.00")],
)
def test_ratio_linear_is_proportional_and_never_above_full(rate, expected):
    # Row 41: 出庭应诉率, 10 × rate.
    assert score("ratio", 10, {}, rate).points == D(expected)


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (D("95"), "3"),
        (D("90"), "3"),
        (D("85"), "3"),
        (D("79.9"), "2.00"),
        (D("70"), "1.00"),
        (D("50"), "0.00"),
    ],
)
def test_ratio_banded_deducts_per_whole_step_below_target(rate, expected):
    # Row 23: 结案率 ≥90%, −1 for every 10 points below.
    params = {"mode": "banded", "target": 90, "step": 10, "per_step": 1}
    assert score("ratio", 3, params, rate).points == D(expected)


def test_ratio_with_nothing_to_divide_gets_full_points():
    outcome = score("ratio", 8, {}, None)
    assert outcome.points == D("8")
    assert "无可计算" in outcome.explanation


def test_deduction_per_occurrence_with_cap_and_floor():
    # Row 7: −0.3 per person-time, total deduction ≤ 0.9 (of 1.5).
    params = {"per_unit": "0.3", "cap": "0.9"}
    assert score("deduction", D("1.5"), params, 2).points == D("0.90")
    assert score("deduction", D("1.5"), params, 10).points == D("0.60")
    # Without a cap: 扣完为止 at 0.
    assert score("deduction", 2, {"per_unit": 1}, 5).points == D("0.00")
    assert score("deduction", 2, {"per_unit": 1}, 0).points == D("2")


def test_zero_point_deduction_item_deducts_from_its_category():
    # Rows 26–29: deductions within a 扣完为止 group, the item itself has no points.
    outcome = score("deduction", 0, {"per_unit": 2}, 3)
    assert outcome.points == D("-6.00")
    assert outcome.explanation == "3 次 × 2 分，扣 6 分"
    assert score("deduction", 0, {"per_unit": 2, "cap": 4}, 3).points == D("-4.00")
    assert score("deduction", 0, {"per_unit": 2}, 0).points == D("0")


def test_yesno_full_or_fixed_deduction():
    assert score("yesno", 1, {}, 2).points == D("1")
    assert score("yesno", 1, {}, 0).points == D("0.00")
    assert score("yesno", 1, {"deduction": "0.5"}, False).points == D("0.50")
    # A status fact read yes/no: only on time counts as done.
    assert score("yesno", 1, {}, ON_TIME).points == D("1")
    assert score("yesno", 1, {}, LATE).points == D("0.00")
    assert score("yesno", 1, {}, MISSING).points == D("0.00")
    # Not yet due: no deduction yet.
    assert score("yesno", 1, {}, None).points == D("1")


def test_late_submission_penalties():
    # Row 32: −0.5 per late submission, −1 per missing one.
    params = {"late": "0.5", "missing": 1}
    assert score("late", 1, params, ON_TIME).points == D("1.00")
    assert score("late", 1, params, LATE).points == D("0.50")
    assert score("late", 1, params, MISSING).explanation == "漏报，得 0 分"
    assert score("late", 1, params, None).points == D("1")  # not due yet


def test_veto_item_and_whole():
    item = score("veto", 5, {"scope": "item"}, 1)
    assert (item.points, item.veto_whole) == (D("0"), False)
    whole = score("veto", 5, {"scope": "whole"}, 1)
    assert (whole.points, whole.veto_whole) == (D("0"), True)
    assert "考核总分为 0" in whole.explanation
    clear = score("veto", 5, {"scope": "whole"}, 0)
    assert (clear.points, clear.veto_whole) == (D("5"), False)


def test_manual_is_left_to_a_person():
    outcome = score("manual", 10, {}, None)
    assert outcome.points is None
    assert "须说明理由" in outcome.explanation


def test_unknown_kind_raises():
    with pytest.raises(ValueError):
        score("bonus", 1, {}, 1)


def test_falsified_takes_the_extra_deduction_never_below_zero():
    assert falsified(D("5"), 5, 2) == D("3.00")
    assert falsified(D("8"), 5, 2) == D("3.00")  # the given score never above the item
    assert falsified(D("1"), 5, 2) == D("0.00")
    assert falsified(None, 5, 2) == D("0.00")


def test_params_errors_in_chinese():
    assert params_errors("threshold", 3, {"target": 6, "per_missing": 1}) == []
    assert params_errors("threshold", 3, {"target": 6}) == ["缺少参数“每缺一次扣分”。"]
    assert params_errors("deduction", 2, {"per_unit": 1, "cap": 3}) == [
        "参数“最多扣分”（3）超过本项分值 2 分。"
    ]
    assert params_errors("deduction", 0, {"per_unit": 1, "cap": 3}) == []  # 扣分项
    assert params_errors("yesno", 0, {}) == ["只有按次扣分的扣分项和一票否决项可以为 0 分。"]
    assert params_errors("veto", 0, {"scope": "whole"}) == []
    assert params_errors("ratio", 3, {"mode": "banded", "step": 0}) == [
        "参数“每档百分点”应大于 0。"
    ]
    assert params_errors("ratio", 3, {"mode": "steps"}) == [
        "比率计分方式只能是 linear（按比例）或 banded（分档）。"
    ]
    assert params_errors("late", 1, {"late": "x", "missing": -1}) == [
        "参数“迟报扣分”应为数字，而不是“x”。",
        "参数“漏报扣分”不能为负数。",
    ]
    assert params_errors("veto", 1, {"scope": "county"}) == [
        "否决范围只能是 item（本项）或 whole（全部）。"
    ]
    assert params_errors("manual", 1, {"x": 1}) == ["计分方式“人工评分（酌情扣分）”没有参数“x”。"]
    assert params_errors("bonus", 1, {})[0].startswith("计分方式“bonus”不存在")
    assert params_errors("yesno", 1, ["deduction"]) == ["计分参数应为“名称: 数值”的对应表。"]


def test_describe_says_each_rule_in_words():
    assert describe("threshold", 3, {"target": 6, "per_missing": "0.5", "cap": "1.5"}) == (
        "满分 3 分；达到 6 次得满分，每缺一次扣 0.5 分，最多扣 1.5 分"
    )
    assert describe("ratio", 3, {"mode": "banded", "target": 90}) == (
        "满分 3 分；比率达到 90% 得满分，每低 10 个百分点扣 1 分"
    )
    assert describe("deduction", 0, {"per_unit": 2}) == "扣分项：每次扣 2 分，从所在类别中扣除"
    assert describe("late", 1, {"late": "0.5", "missing": 1}) == (
        "满分 1 分；按时报送得满分，迟报扣 0.5 分，漏报扣 1 分"
    )
    assert describe("veto", 5, {"scope": "whole"}).endswith("考核总分为 0（一票否决）")
    assert describe("yesno", 1, {}) == "满分 1 分；做到得满分，未做到扣 1 分"
    assert describe("manual", 10, {}) == "人工评分，最高 10 分，须说明理由"
