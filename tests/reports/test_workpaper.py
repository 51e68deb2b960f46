"""The 数据底稿 workbook read back: one row per figure, with the ids of its records."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from fazhi.catalogue import load_catalogue
from fazhi.disputes.models import MediationCase
from fazhi.indicators.selectors import record_ids
from fazhi.reports.document import Block, FigureRef, Part
from fazhi.reports.workpaper import FIGURE_COLUMNS, id_list, render_workpaper
from tests.reports.helpers import activity, meeting
from tests.reports.sample_documents import ORG_CODE, realistic_document, tiny_document

HEADERS = [title for title, _ in FIGURE_COLUMNS]


def _rows(data: bytes, sheet="数据底稿"):
    workbook = load_workbook(io.BytesIO(data))
    rows = list(workbook[sheet].iter_rows(values_only=True))
    return workbook, rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def fake_ids(code, organisation_code, year):
    """Distinct, recognisable ids per (code, year)."""
    base = {
        "governance.leading_group_meetings": 10,
        "publicity.materials": 200,
        "disputes.mediation_success": 300,
        "disputes.mediation_cases": 300,
        "disputes.mediation_closed": 300,
    }[code]
    count = 3 if code == "disputes.mediation_success" else 4
    assert organisation_code == ORG_CODE
    return [base + (year - 2020) * 1000 + i for i in range(count)]


def test_one_row_per_figure_in_reading_order():
    document = realistic_document()
    workbook, header, rows = _rows(render_workpaper(document, record_ids=fake_ids))
    assert list(header) == HEADERS
    assert len(rows) == len(document.figures)
    assert [row["序号"] for row in rows] == list(range(1, len(rows) + 1))
    for row, (part, figure) in zip(rows, _figures_with_parts(document), strict=True):
        assert row["报告部分"] == part.heading
        assert row["指标代码"] == figure.code
        assert row["年度"] == figure.year
        assert row["报告中的写法"] == figure.text
        assert row["指标名称"] == load_catalogue()[figure.code].name
    sheet = workbook["数据底稿"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["K"].width >= 30
    assert sheet.cell(row=1, column=1).font.bold


def _figures_with_parts(document):
    return [(p, f) for p in document.parts for b in p.blocks for f in b.figures]


def test_ids_per_figure_and_year():
    _, _, rows = _rows(render_workpaper(realistic_document(), record_ids=fake_ids))
    meetings = [r for r in rows if r["指标代码"] == "governance.leading_group_meetings"]
    this_year = {r["记录编号"] for r in meetings if r["年度"] == 2024}
    last_year = {r["记录编号"] for r in meetings if r["年度"] == 2023}
    assert this_year == {"4010-4013"} and last_year == {"3010-3013"}
    materials = next(r for r in rows if r["指标代码"] == "publicity.materials")
    assert materials["数值"] == 12000 and materials["单位"] == "份"
    assert materials["记录数"] == 4 and materials["台账"] == "publicity.activities"
    assert materials["分子记录编号"] is None and materials["分母记录编号"] is None


def test_ratio_lists_numerator_and_denominator_ids_in_their_own_columns():
    _, _, rows = _rows(render_workpaper(realistic_document(), record_ids=fake_ids))
    (rate,) = [r for r in rows if r["指标代码"] == "disputes.mediation_success_rate"]
    assert rate["数值"] == pytest.approx(95.5) and rate["单位"] == "%"
    assert rate["记录编号"] is None
    assert rate["分子记录编号"] == "4300-4302"
    assert rate["分母记录编号"] == "4300-4303"
    assert rate["记录清单地址"].endswith(
        f"/{ORG_CODE}/records/disputes.mediation_success_rate/?year=2024"
    )


def test_catalogue_sheet_lists_the_entries_used():
    _, header, rows = _rows(
        render_workpaper(realistic_document(), record_ids=fake_ids), sheet="指标说明"
    )
    assert header[:2] == ("指标代码", "指标名称")
    codes = [row["指标代码"] for row in rows]
    expected = {
        "governance.leading_group_meetings",
        "publicity.materials",
        "disputes.mediation_success_rate",
        "disputes.mediation_success",
        "disputes.mediation_closed",
    }
    assert set(codes) == expected and len(codes) == len(expected)
    order = [i.code for i in load_catalogue().indicators]
    assert codes == sorted(codes, key=order.index)
    rate = next(row for row in rows if row["指标代码"] == "disputes.mediation_success_rate")
    assert rate["类型"] == "比率"
    assert (rate["分子"], rate["分母"]) == (
        "disputes.mediation_success",
        "disputes.mediation_closed",
    )


def test_report_without_figures_has_only_the_header():
    _, header, rows = _rows(render_workpaper(tiny_document(), record_ids=fake_ids))
    assert list(header) == HEADERS and rows == []


def test_id_list_shortens_runs_and_caps_the_cell():
    assert id_list([5, 1, 2, 3, 9, 10, 3]) == "1-3, 5, 9-10"
    assert id_list([]) == ""
    many = id_list(range(0, 40_000, 2))
    assert len(many) <= 32_000 and many.endswith("等，共 20000 条")


@pytest.mark.django_db
def test_ids_from_the_ledgers(world):
    township, other = world.orgs["A1"], world.orgs["A2"]
    meetings = [meeting(township, month=m) for m in (2, 5, 9)]
    meeting(township, year=2023)
    meeting(other)  # another township's record is never listed
    village_activity = activity(world.orgs["A1V1"], materials=500)  # the subtree counts
    activity(township, materials=250)
    cases = [
        MediationCase.objects.create(
            organisation=township,
            occurred_on=date(2024, 4, day),
            year=2024,
            parties="甲、乙",
            dispute_type="neighbour",
            summary="宅基地纠纷",
            mediator="调委会",
            method="people",
            result=result,
            agreement="written",
        )
        for day, result in ((1, "success"), (2, "failed"), (3, "success"))
    ]

    def ref(code, value, text):
        return FigureRef(code, 2024, township.code, value, text)

    document = realistic_document(
        organisation_code=township.code,
        parts=(
            Part(
                "achievements",
                "一、上一年度推进法治政府建设的主要举措和成效",
                (
                    Block(
                        (
                            "召开领导小组会议",
                            ref("governance.leading_group_meetings", 3, "3次"),
                            "，发放宣传资料",
                            ref("publicity.materials", 750, "750份"),
                            "，调解成功率",
                            ref("disputes.mediation_success_rate", Decimal("66.7"), "66.7%"),
                        ),
                    ),
                ),
            ),
        ),
    )
    _, _, rows = _rows(render_workpaper(document))
    assert [r["指标代码"] for r in rows] == [
        "governance.leading_group_meetings",
        "publicity.materials",
        "disputes.mediation_success_rate",
    ]
    assert rows[0]["记录编号"] == id_list(m.pk for m in meetings)
    assert rows[0]["记录数"] == 3
    expected = record_ids("publicity.materials", township, 2024)
    assert village_activity.pk in expected and len(expected) == 2
    assert rows[1]["记录编号"] == id_list(expected)
    assert rows[2]["分子记录编号"] == id_list([cases[0].pk, cases[2].pk])
    assert rows[2]["分母记录编号"] == id_list(c.pk for c in cases)
