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
