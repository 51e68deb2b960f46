"""The Excel workbook of the whole result and each township's 反馈意见 .docx (official format)."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from fazhi.assessment.exports import feedback_docx, recipient_of, result_workbook
from fazhi.assessment.models import ItemScore, ReviewState
from fazhi.assessment.results import scheme_result
from fazhi.assessment.scoring import refresh_scores
from tests.assessment.scoring_world import simple_scheme
from tests.assessment.test_scoring import sessions

pytestmark = pytest.mark.django_db
YEAR = 2025
TODAY = date(2026, 12, 6)


@pytest.fixture
def scored(world):
    last = simple_scheme(world.orgs["A"], YEAR - 1)
    refresh_scores(last, today=TODAY)
    ItemScore.objects.filter(assessment__scheme=last, item__code="3.1").update(
        self_score=Decimal("50")
    )
    scheme = simple_scheme(world.orgs["A"], YEAR)
    sessions(world.orgs["A1"], 3)
    refresh_scores(scheme, today=TODAY)
    ItemScore.objects.filter(
        assessment__scheme=scheme, assessment__organisation=world.orgs["A1"], item__code="3.1"
    ).update(review=ReviewState.ADJUSTED, final=Decimal("66"), reason="制度文件不全，酌情扣分")
    return scheme


def test_workbook_has_totals_and_every_item(world, scored):
    workbook = result_workbook(scheme_result(scored))
    assert workbook.sheetnames == ["总分", "各项得分"]
    totals = list(workbook["总分"].iter_rows(min_row=2, values_only=True))
    assert totals[0] == (
        "排名",
        "乡镇（街道）",
        "单位代码",
        "学法用法（20分）",
        "报告报送（10分）",
        "综合评价（70分）",
        "总分（100分）",
        "等次",
        "上年总分",
        "同比变化",
        "一票否决",
        "未评分项",
    )
    # 甲镇: 15 + 0 + 66 = 81 (良好); last year 0 + 0 + 50.
    assert totals[1] == (1, "甲镇", "100001101", 15, 0, 66, 81, "良好", 50, 31, None, 0)
    assert totals[2][:2] == (2, "乙镇") and totals[2][-1] == 1  # its manual item unscored
    items = list(workbook["各项得分"].iter_rows(min_row=2, values_only=True))
    assert len(items) == 1 + 2 * 3
    manual = next(row for row in items if row[0] == "甲镇" and row[2] == "3.1")
    assert manual[10:] == ("调整", 66, "制度文件不全，酌情扣分", 66, "督察评定")
    study = next(row for row in items if row[0] == "甲镇" and row[2] == "1.1")
    assert study[6].endswith("：3次")
    assert study[7] == "3，目标 4，缺 1 × 5 分，得 15 分"


def test_export_view_for_inspectors(client, world, scored):
    client.force_login(world.users["inspector"])
    response = client.get(reverse("assessment_results:export") + f"?year={YEAR}")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook["总分"]["B4"].value == "乙镇"
    client.force_login(world.users["clerk"])
    assert client.get(reverse("assessment_results:export")).status_code == 403


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def test_feedback_docx_text_and_format(world, scored):
    result = scheme_result(scored)
    mine = result.for_organisation(world.orgs["A1"])
    data = feedback_docx(result, mine, world.orgs["A"], date(2026, 3, 20))
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    # The title in 梯形 lines, broken before 法治政府建设 as the annual report's.
    assert texts[:2] == ["关于甲镇2025年度", "法治政府建设考核结果的反馈意见"]
    assert document.paragraphs[0].style.name == "Title"
    assert "甲镇人民政府：" in texts
    assert (
        "经考核，你单位2025年度法治政府建设考核得分81分（满分100分），等次为良好，"
        "在全县2个乡镇（街道）中排名第1位。与上年相比增加31分。"
    ) in texts
    assert "一、考核结果" in texts and "三、扣分事项" in texts and "四、整改要求" in texts
    assert "（一）学法用法：得分15分（分值20分）。" in texts
    assert "1. 1.1 考核内容：得分15分（分值20分）。3，目标 4，缺 1 × 5 分，得 15 分。" in texts
    assert "3. 3.1 考核内容：得分66分（分值70分）。制度文件不全，酌情扣分。" in texts
    assert texts[-2:] == ["中共甲县委全面依法治县委员会办公室", "2026年3月20日"]
    # The annual report's page: A4 with the GB/T 9704 margins.
    section = document.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28


def test_feedback_for_a_failed_township_demands_a_rectification_report(world, scored):
    result = scheme_result(scored)
    other = result.for_organisation(world.orgs["A2"])
    assert other.grade == "不合格"
    texts = _paragraphs(feedback_docx(result, other, world.orgs["A"], TODAY))
    assert any("须于收到本反馈意见之日起一个月内向我办提交整改报告" in t for t in texts)
    assert "尚有1项未评分，按0分计。" in texts
    # An unscored manual item is listed without the rule's placeholder text.
    assert "3. 3.1 考核内容：得分0分（分值70分）。" in texts


def test_recipient_of_a_street_is_its_office(world):
    world.orgs["A1"].name = "新城街道"
    assert recipient_of(world.orgs["A1"]) == "新城街道办事处："


def test_feedback_view_scoped(client, world, scored):
    url = reverse("assessment_results:feedback", kwargs={"code": world.orgs["A1"].code})
    client.force_login(world.users["leader"])
    response = client.get(url + f"?year={YEAR}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "甲镇人民政府：" in _paragraphs(response.content)
    other = reverse("assessment_results:feedback", kwargs={"code": world.orgs["A2"].code})
    assert client.get(other + f"?year={YEAR}").status_code == 404
    assert client.get(url + "?year=2019").status_code == 404  # no scheme that year
