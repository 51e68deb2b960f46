"""Facts are mapped to catalogue indicators through the synonyms reports use."""

from __future__ import annotations

import pytest

from fazhi.checker.facts import extract_facts
from fazhi.checker.vocabulary import assign_indicators, build_vocabulary


def indicators(text: str) -> list[str | None]:
    facts = extract_facts(text, 1)
    assign_indicators(text, facts, build_vocabulary())
    return [fact.indicator for fact in facts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 份 are materials, 册 booklets (two ledger columns): the unit decides.
        ("发放宣传资料5000余册", ["publicity.booklets"]),
        ("发放宣传资料3000份、宣传册500册", ["publicity.materials", "publicity.booklets"]),
        ("发放普法读本200本", ["publicity.booklets"]),
        ("接待法律咨询120人次", ["legal_services.consultations"]),
        ("参与重大事项把关10次", ["legal_services.major_matter_reviews"]),
        ("行政执法监督员走访4次", ["openness.supervisor_visits"]),
        ("调解纠纷50起，调解结案45起", ["disputes.mediation_cases", "disputes.mediation_closed"]),
        ("作出执法决定8件，按期公示7件", ["enforcement.decisions_to_publicise",
                                          "enforcement.publicised_on_time"]),
        ("发放宣传明白纸2万余份", ["publicity.materials"]),
        ("悬挂宣传条幅200余幅", ["publicity.banners"]),
        ("调解126起成功124起成功率98%", ["disputes.mediation_cases", "disputes.mediation_success",
                                          "disputes.mediation_success_rate"]),
        ("召开了40次矛盾纠纷分析研判会", ["disputes.analysis_meetings"]),
        ("协助调解矛盾纠纷20起", ["disputes.assisted_mediations"]),
        ("法律顾问进村130余次", ["legal_services.advisor_services"]),
        ("培养了30名法律带头人，90名法律明白人", ["publicity.law_leaders",
                                                  "publicity.law_literate_people"]),
        ("开展“法律进乡村”活动35场次", ["publicity.activities_in_villages"]),
        ("组织普法考试2次，合格率100%", ["study.exams", "study.exam_pass_rate"]),
        ("办理行政处罚案件12件", ["enforcement.cases"]),
        ("形成了5个工作机制", [None]),
    ],
)  # fmt: skip
def test_facts_map_to_indicators(text, expected):
    assert indicators(text) == expected


def test_unit_must_fit_the_indicator():
    # 份 is not a unit of banners, % is not a unit of a count.
    assert indicators("悬挂横幅发放200份") != ["publicity.banners"]
    assert indicators("调解成功率为98%") == ["disputes.mediation_success_rate"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Who the activity was for decides (issue 18): lectures in schools, villages,
        # communities and for pupils are legal publicity, not the officials' study ...
        ("进校园开展专题讲座2次", ["publicity.activities_in_schools"]),
        ("为师生举办法治讲座2场", ["publicity.activities_in_schools"]),
        ("开展“法律进农村”专题讲座5场", ["publicity.activities_in_villages"]),
        ("进社区开展法治讲座4次", ["publicity.activities_in_communities"]),
        ("进企业开展法治讲座3场", ["publicity.activities_in_enterprises"]),
        ("面向中小学生开展法治培训3期", ["publicity.activities"]),  # 期: not a school count
        ("开展普法讲座8场", ["publicity.activities"]),
        (
            "进村开展法治宣传40余次，进校园开展专题讲座2次",
            ["publicity.activities", "publicity.activities_in_schools"],
        ),
        (
            "组织干部学法4次，进校园开展专题讲座2次",
            ["study.sessions", "publicity.activities_in_schools"],
        ),
        # ... while lectures and sessions for officials stay (or become) study.
        ("领导干部法治专题讲座4次", ["study.lectures"]),
        ("组织全体干部参加专题讲座6次", ["study.lectures"]),
        ("党委理论学习中心组学法6次", ["study.central_group_sessions"]),
        ("会前学法12次", ["study.pre_meeting_sessions"]),
        ("为领导干部开展法治宣讲2次", ["study.sessions"]),
        ("中心组开展法治宣讲2次", ["study.central_group_sessions"]),
        ("举办法治讲座3场", ["study.lectures"]),  # no audience named: the synonym decides
        # Officials doing publicity is still publicity.
        ("领导干部带头宣讲5次", ["publicity.activities"]),
        ("组织干部深入开展法治宣传20次", ["publicity.activities"]),
        ("机关干部法治宣传2次", ["publicity.activities_in_agencies"]),
    ],
)
def test_context_decides_between_publicity_and_study(text, expected):
    assert indicators(text) == expected
