"""Drafting from the ledgers: the parts, named items, figures as references, and the 不足/安排
suggestions with their evidence (falls, missed deadlines, gaps, work never done)."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from fazhi.checker import check_text
from fazhi.deadlines.models import Deadline
from fazhi.governance.models import Meeting
from fazhi.orgs.models import Organisation
from fazhi.reports.document import FigureRef
from fazhi.reports.drafting import Words, build_draft, draft_document
from tests.reports.helpers import YEAR, activity, meeting

pytestmark = pytest.mark.django_db
TODAY = date(YEAR + 1, 1, 20)


def _suggestions(draft, part):
    return [s for s in draft.suggestions if s.part == part]


def test_the_draft_has_the_parts_sub_items_and_named_records(world):
    a1 = world.orgs["A1"]
    meeting(a1, title="依法治镇委员会第一次全体会议")
    meeting(
        a1,
        month=4,
        title="法治建设专题会议",
        kind=Meeting.Type.SPECIAL,
        position=Meeting.Position.HEAD,
    )
    meeting(
        a1,
        month=12,
        title="年终述法评议会",
        kind=Meeting.Type.OTHER,
        position=Meeting.Position.DEPUTY_HEAD,
        topics="班子成员述法",
    )
    document = draft_document(a1, YEAR, today=TODAY)
    text = document.plain_text()
    assert document.title == f"甲镇{YEAR}年度法治政府建设情况报告"
    assert [p.heading[:2] for p in document.parts] == ["一、", "二、", "三、", "四、", "五、"]
    achievements = document.parts[0]
    assert achievements.blocks[1].text == "（一）加强组织领导，压实法治建设责任"
    assert achievements.blocks[1].level == 2
    assert "全年召开法治建设领导小组会议1次" in text
    # Part 3 from the records: who presided which meeting, and 述法.
    first = document.parts[2]
    body = "\n".join(block.text for block in first.blocks)
    assert "党委书记主持“依法治镇委员会第一次全体会议”" in body
    assert "镇长主持“法治建设专题会议”" in body
    assert "全年党政主要负责人亲自主持会议2次" in body
    assert "年终开展述法1次" in body
    # Figures are references with their records' year and organisation.
    refs = {f.code: f for f in document.figures}
    assert refs["governance.leading_group_meetings"] == FigureRef(
        "governance.leading_group_meetings", YEAR, a1.code, 1, "1次"
    )
    # The plan part opens with the next year, the signature with the drafting day.
    assert document.parts[3].blocks[0].text.startswith(f"{YEAR + 1}年，我镇将")
    assert document.signed_on == TODAY
    result = check_text(text)
    assert [f for f in result["findings"] if f["severity"] == "error"] == []
    assert all(p["status"] == "present" for p in result["parts"].values())


def test_a_figure_that_fell_is_a_shortcoming_with_last_years_figure(world):
    a1 = world.orgs["A1"]
    for month in (3, 4, 5):
        activity(a1, year=YEAR - 1, month=month, materials=300)
    activity(a1, month=6, materials=200)
    draft = build_draft(a1, YEAR, today=TODAY)
    texts = [s.text for s in _suggestions(draft, "shortcomings")]
    assert (
        "普法宣传活动有所减少，全年开展普法宣传活动{publicity.activities}，"
        "比上年的{publicity.activities@prev}减少，常态化开展不够" in texts
    )
    fell = next(s for s in draft.suggestions if "{publicity.activities}" in s.text)
    assert fell.evidence[0]["code"] == "publicity.activities"
    assert "2023年3次" in fell.evidence[0]["label"] and "2024年1次" in fell.evidence[0]["label"]
    assert any("普法宣传活动的统筹安排" in s.text for s in _suggestions(draft, "plans"))
    document = draft_document(a1, YEAR, today=TODAY)
    text = document.plain_text()
    assert "比上年的3次减少" in text
    previous = [f for f in document.figures if f.year == YEAR - 1]
    assert ("publicity.activities", 3) in [(f.code, f.value) for f in previous]
    # The checker reads this year's 1次 as the indicator and last year's 3次 as nothing.
    facts = check_text(text)["facts"]
    mapped = [
        (f["value"], f["indicator"]) for f in facts if f["indicator"] == "publicity.activities"
    ]
    assert mapped and all(value == 1 for value, _ in mapped)
    assert any(f["value"] == 3 and f["indicator"] is None for f in facts)


def test_work_never_done_and_coverage_gaps_are_shortcomings_and_plans(world):
    a1 = world.orgs["A1"]
    draft = build_draft(a1, YEAR, today=TODAY)
    shortcomings = " ".join(s.text for s in _suggestions(draft, "shortcomings"))
    plans = " ".join(s.text for s in _suggestions(draft, "plans"))
    assert "述法尚未开展" in shortcomings and "年终述法" in plans
    assert "未组织行政执法人员业务培训" in shortcomings
    assert "全年未围绕国家宪法日组织主题宣传" in shortcomings
    assert "国家宪法日主题宣传活动" in plans
    assert "甲一村、甲二村全年没有法律顾问服务记录" in shortcomings
    gap = next(s for s in draft.suggestions if "国家宪法日" in s.text)
    assert gap.evidence == [
        {"kind": "gap", "label": "12·4 国家宪法日：全年无主题日活动记录", "url": ""}
    ]
    # Once the work is done, the suggestion goes.
    activity(a1, month=12, theme_day="constitution", title="国家宪法日宣传")
    meeting(a1, title="年终述法会", topics="述法")
    draft = build_draft(a1, YEAR, today=TODAY)
    shortcomings = " ".join(s.text for s in _suggestions(draft, "shortcomings"))
    assert "国家宪法日" not in shortcomings and "述法尚未开展" not in shortcomings


def test_missed_deadlines_are_shortcomings_with_the_deadlines_as_evidence(world):
    from fazhi.normative import services as normative_services
    from tests.normative.helpers import TODAY as NORMATIVE_TODAY
    from tests.normative.helpers import at_stage

    a1 = world.orgs["A1"]
    document = at_stage(world, "published")  # published 2025-04-28: filing due within 30 days
    normative_services.document_file(
        actor=None,
        record=document,
        filed_on=date(2025, 7, 1),
        authority="甲县人民政府",
        today=NORMATIVE_TODAY,
    )
    draft = build_draft(a1, 2025, today=date(2026, 1, 20))
    item = next(s for s in draft.suggestions if s.text.startswith("规范性文件报送备案不够及时"))
    assert item.part == "shortcomings"
    # The rate that measures these deadlines is stated with them, never a 100% beside a lapse.
    assert "规范性文件报备及时率{normative.filed_on_time_rate}" in item.text
    assert draft.values.get("normative.filed_on_time_rate", 2025) == 0
    assert item.evidence[0]["code"] == "normative.filed_on_time_rate"
    assert item.evidence[-1]["kind"] == "deadline"
    assert "2025-07-01完成，逾期" in item.evidence[-1]["label"]
    assert item.evidence[-1]["url"].endswith(f"/{document.pk}/")
    assert any("规范性文件报备制度" in s.text for s in _suggestions(draft, "plans"))


def test_a_lapse_outside_the_rates_records_is_not_a_shortcoming_of_that_rate(world):
    """A filing deadline on a record the on-time rate does not count (here a meeting) does
    not make the draft say filing was late while the rate says 100%."""
    a1 = world.orgs["A1"]
    record = meeting(a1)
    Deadline.objects.create(
        organisation=a1,
        record_type=ContentType.objects.get_for_model(Meeting),
        record_id=record.pk,
        code="normative.filing",
        name="规范性文件报送备案",
        days=15,
        unit="calendar",
        triggered_on=date(YEAR, 4, 15),
        due_on=date(YEAR, 4, 30),
        met_on=date(YEAR, 5, 6),
    )
    draft = build_draft(a1, YEAR, today=TODAY)
    assert not [s for s in draft.suggestions if "规范性文件报送备案" in s.text]


def test_a_draft_after_the_submission_deadline_is_dated_the_deadline(world):
    draft = build_draft(world.orgs["A1"], YEAR, today=date(YEAR + 1, 11, 1))
    assert draft.signed_on == date(YEAR + 1, 3, 1)


def test_a_draft_is_signed_by_the_township_government(world):
    a1 = world.orgs["A1"]
    document = draft_document(a1, YEAR, today=TODAY)
    assert document.title.startswith(a1.name)  # the title names the place
    assert document.signature == f"{a1.name}人民政府"
    assert document.plain_text().splitlines()[-2] == f"{a1.name}人民政府"


def test_townships_sub_districts_and_xiang_name_themselves():
    assert Words.of(Organisation(name="清河乡")) == Words("我乡", "党委书记", "乡长")
    assert Words.of(Organisation(name="新城街道")).head == "街道办事处主任"
    assert Words.of(Organisation(name="青山镇")).we == "我镇"
