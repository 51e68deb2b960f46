"""The consistency rules of catalogue/relations.yaml: the file, and the checker applying them to
small made-up reports (subset_exceeds_whole, full_rate_contradicted)."""

from __future__ import annotations

import pytest
import yaml

from fazhi.catalogue import RELATIONS_PATH, CatalogueError, load_catalogue, load_relations
from fazhi.catalogue.relations import parse_relations
from fazhi.checker import check_text
from tests.checker.conftest import CLEAN_REPORT, codes

# --- the file ------------------------------------------------------------------------------


def _pairs(strict_only=False):
    return {
        (s.part, s.whole) for s in load_relations().implied_subsets if s.strict or not strict_only
    }


def test_the_issue_s_pairs_are_stated():
    pairs = _pairs(strict_only=True)
    for pair in [
        ("study.exam_passed", "study.exam_participants"),
        ("disputes.mediation_success", "disputes.mediation_closed"),
        ("disputes.mediation_closed", "disputes.mediation_cases"),
        ("disputes.mediation_success", "disputes.mediation_cases"),  # implied
        ("normative.filed_on_time", "normative.filed"),
        ("enforcement.legal_reviewed", "enforcement.cases"),
        ("enforcement.publicised_on_time", "enforcement.decisions_to_publicise"),
        ("publicity.activities_in_villages", "publicity.activities"),
        ("study.central_group_sessions", "study.sessions"),
        ("decisions.all_procedures_held", "decisions.major"),
    ]:
        assert pair in pairs, pair
    explained = {(s.part, s.whole): s for s in load_relations().subsets if not s.strict}
    for pair in [
        ("decisions.legality_reviewed", "decisions.major"),
        ("normative.reviewed", "normative.issued"),
    ]:
        assert {"草案", "未通过", "尚未"} <= set(explained[pair].may_exceed_when), pair


def test_every_on_time_count_and_percentage_is_below_its_total():
    catalogue = load_catalogue()
    pairs = _pairs(strict_only=True)
    for item in catalogue.indicators:
        if item.is_ratio and item.unit == "%":
            assert (item.numerator, item.denominator) in pairs, item.code
    on_time = [c for c in catalogue.by_code if c.endswith("_on_time")]
    assert on_time and all(any(part == c for part, _ in pairs) for c in on_time)


def test_every_on_time_rate_has_a_full_rate_rule():
    rates = {rule.rate for rule in load_relations().full_rates}
    on_time_rates = {c for c in load_catalogue().by_code if c.endswith("_on_time_rate")}
    assert rates == on_time_rates
    petitions = next(r for r in load_relations().full_rates if r.rate.startswith("disputes."))
    assert "信访" in petitions.topic and "不够及时" in petitions.contradicted_by


def _shipped() -> dict:
    return yaml.safe_load(RELATIONS_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["subsets"].append({"part": "study.no_such", "whole": "study.sessions"}),
        lambda d: d["subsets"].append({"part": "study.sessions", "whole": "study.sessions"}),
        lambda d: d["subsets"].append(
            {"part": "study.exam_pass_rate", "whole": "study.exam_participants"}
        ),
        lambda d: d["subsets"].append({"part": "study.sessions", "whole": "study.lectures"}),
        lambda d: d["subsets"].append({"part": "study.lectures", "whole": "study.sessions"}),
        lambda d: d["subsets"].append(
            {"part": "study.exams", "whole": "study.sessions", "may_exceed": ["含"]}
        ),
        lambda d: d["subsets"].append(
            {"part": "study.exams", "whole": "study.sessions", "may_exceed_when": []}
        ),
        lambda d: d.update(subsets=[s for s in d["subsets"] if s["part"] != "study.exam_passed"]),
        lambda d: d["full_rates"].append({"rate": "study.sessions", "topic": ["学法"]}),
        lambda d: d["full_rates"].append({"rate": "study.exam_pass_rate"}),
        lambda d: d["full_rates"].append(
            {"rate": "study.exam_pass_rate", "topic": ["考试"], "other_steps": ["报名"]}
        ),
        lambda d: d.pop("not_on_time_words"),
        lambda d: d.pop("subsets"),
    ],
)
def test_a_broken_relations_file_is_refused_in_chinese(damage):
    data = _shipped()
    damage(data)
    with pytest.raises(CatalogueError) as caught:
        parse_relations(data)
    assert any("\u4e00" <= char <= "\u9fff" for char in str(caught.value))


def test_the_shipped_file_loads():
    relations = parse_relations(_shipped())
    assert len(relations.subsets) >= 25 and relations.full_rates


# --- the checker ---------------------------------------------------------------------------


def check(text: str) -> dict:
    return check_text(text, source="made-up.txt")


def variant(*replacements: tuple[str, str]) -> str:
    text = CLEAN_REPORT
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


def found(text: str, code: str) -> list[dict]:
    return [f for f in check(text)["findings"] if f["code"] == code]


DECISIONS = "（四）规范重大行政决策。全年作出重大行政决策2项，决策经合法性审查3项。"
MEDIATION = "共调解矛盾纠纷50起，调解成功48起，调解成功率为96%"


def with_measures(text: str) -> str:
    return variant(("（三）化解矛盾纠纷。", f"{text}\n\n（三）化解矛盾纠纷。"))


def test_a_part_above_its_whole_is_an_error():
    text = variant((MEDIATION, "共调解矛盾纠纷50起，其中调解成功52起"))
    (finding,) = found(text, "subset_exceeds_whole")
    assert finding["severity"] == "error"
    assert "调解成功" in finding["message"] and "52起" in finding["message"]
    assert "50起" in finding["message"]


def test_an_implied_pair_is_applied():
    text = variant((MEDIATION, "共调解矛盾纠纷50起，调解结案45起，调解成功48起"))
    messages = [f["message"] for f in found(text, "subset_exceeds_whole")]
    assert len(messages) == 1 and "调解结案" in messages[0]


def test_parts_within_their_whole_are_fine():
    text = with_measures("全年组织学法12次，其中党委理论学习中心组学法4次，举办法治专题讲座2场。")
    assert found(text, "subset_exceeds_whole") == []
    assert found(CLEAN_REPORT, "subset_exceeds_whole") == []


def test_reviews_above_decisions_need_an_explanation():
    (finding,) = found(with_measures(DECISIONS), "subset_exceeds_whole")
    assert "草案" in finding["message"] or "未通过" in finding["message"]
    explained = DECISIONS.replace("3项。", "3项（含未通过的决策草案1项）。")
    assert found(with_measures(explained), "subset_exceeds_whole") == []
    # A strict pair is never explained away.
    strict = variant((MEDIATION, "共调解矛盾纠纷50起，调解成功52起（含草案）"))
    assert found(strict, "subset_exceeds_whole")


@pytest.mark.parametrize(
    "where",
    [
        # Plans part: next year's targets, not facts of the year.
        lambda t: t.replace("完善矛盾纠纷化解机制。", "力争调解成功60起。"),
        # Another period, a comparison, another scope.
        lambda t: t.replace("调解成功48起", "上半年调解成功52起"),
        lambda t: t.replace("调解成功48起", "2023年调解成功52起"),
        lambda t: t.replace("调解成功48起", "调解成功数较上年增加52起"),
        lambda t: t.replace("共调解矛盾纠纷50起", "其中村调解矛盾纠纷50起，全镇调解成功52起"),
        # Approximate figures that may well agree.
        lambda t: t.replace("纠纷50起，", "纠纷50余起，").replace("48起", "52起"),
    ],
)
def test_figures_of_another_period_scope_or_part_are_not_compared(where):
    text = where(CLEAN_REPORT.replace("调解成功率为96%", "调解工作成效明显"))
    assert found(text, "subset_exceeds_whole") == []


def test_approximate_figures_far_apart_are_still_compared():
    # 40余次 may be up to about 80, not 100.
    text = variant(("宣传活动40余次，", "宣传活动40余次，其中法律进乡村宣传100余次，"))
    assert found(text, "subset_exceeds_whole")


def test_a_part_and_a_whole_in_different_paragraphs_are_not_compared():
    # A form of activity elsewhere may be read as all activities: only figures given together
    # are held to the rule.
    text = with_measures("其中法律进乡村宣传100余次。")
    assert found(text, "subset_exceeds_whole") == []


PETITIONS = "受理信访事项12件，按期答复12件，按期答复率100%。"


def test_a_full_on_time_rate_beside_a_late_shortcoming_is_an_error():
    text = variant(
        ("（三）化解矛盾纠纷。", f"（三）化解矛盾纠纷。{PETITIONS}"),
        ("二是普法形式较为单一。", "二是信访事项办理不够及时。"),
    )
    (finding,) = found(text, "full_rate_contradicted")
    assert finding["severity"] == "error"
    assert "信访" in finding["message"] and "不够及时" in finding["message"]
    shortcoming = "一是干部法治意识有待增强。二是信访事项办理不够及时。"
    assert finding["line"] == text.splitlines().index(shortcoming) + 1


@pytest.mark.parametrize(
    "change",
    [
        # The rate is below 100%.
        (PETITIONS, "受理信访事项12件，按期答复11件，按期答复率91.7%。"),
        # The shortcoming is about another topic.
        ("二是信访事项办理不够及时。", "二是执法案卷归档不够及时。"),
        # It says the matter was NOT late.
        ("二是信访事项办理不够及时。", "二是信访工作压力大，但未出现超期答复。"),
        # Another step of the matter, with a deadline of its own, was late.
        ("二是信访事项办理不够及时。", "二是个别信访事项受理告知超期。"),
    ],
)
def test_a_full_rate_is_not_contradicted_by_other_sentences(change):
    text = variant(
        ("（三）化解矛盾纠纷。", f"（三）化解矛盾纠纷。{PETITIONS}"),
        ("二是普法形式较为单一。", "二是信访事项办理不够及时。"),
    )
    text = text.replace(*change)
    assert found(text, "full_rate_contradicted") == []


def test_a_late_step_named_with_the_answers_contradicts():
    text = variant(
        ("（三）化解矛盾纠纷。", f"（三）化解矛盾纠纷。{PETITIONS}"),
        ("二是普法形式较为单一。", "二是信访事项受理告知和答复不够及时。"),
    )
    assert found(text, "full_rate_contradicted")


def test_a_100_percent_target_in_the_plans_is_no_fact():
    text = variant(
        ("完善矛盾纠纷化解机制。", "完善矛盾纠纷化解机制，信访事项按期答复率达到100%。"),
        ("二是普法形式较为单一。", "二是信访事项办理不够及时。"),
    )
    assert found(text, "full_rate_contradicted") == []


# --- rate_mismatch when the rate's denominator is not stated --------------------------------


@pytest.mark.parametrize(
    ("success", "rate", "mismatch"),
    [
        (48, "96%", False),  # all closed
        (48, "97%", False),  # 48 of 49 closed, 98.0%, stated rounded down
        (48, "100%", False),  # 48 of 48 closed
        (48, "90%", True),  # below 48/50: impossible whatever the closed count
        (40, "81.9%", True),  # no closed count between 40 and 50 gives it
    ],
)
def test_a_success_rate_is_checked_against_the_cases_it_can_come_from(success, rate, mismatch):
    text = variant((MEDIATION, f"共调解矛盾纠纷50起，调解成功{success}起，调解成功率为{rate}"))
    assert ("rate_mismatch" in codes(check(text))) == mismatch
