"""Export and import of a scheme in YAML and Excel: exact round trips, and unreadable files."""

import io

import pytest
from openpyxl import load_workbook

from fazhi.assessment import schemes
from fazhi.assessment.models import Scheme
from fazhi.assessment.scheme_io import XLSX, YAML, params_text, parse_params_text
from tests.assessment.scheme_docs import as_yaml, document, snapshot


@pytest.fixture
def scheme(world):
    return schemes.scheme_import(None, world.orgs["A"], as_yaml(document()), YAML).scheme


@pytest.mark.parametrize("fmt", [YAML, XLSX])
def test_export_then_import_gives_the_same_scheme_and_file(world, scheme, fmt):
    exported = schemes.scheme_export(scheme, fmt)
    before = snapshot(world.orgs["A"])
    outcome = schemes.scheme_import(world.users["inspector"], world.orgs["A"], exported, fmt)
    assert not outcome.changed and outcome.items_unchanged == 6
    assert snapshot(world.orgs["A"]) == before
    # Into another county: the same scheme, field by field, and the same file out.
    copy = schemes.scheme_import(None, world.orgs["B"], exported, fmt).scheme
    assert [row[1:] for row in snapshot(world.orgs["B"])[0]] == [row[1:] for row in before[0]]
    same_items = [row[2:] for row in snapshot(world.orgs["B"])[2]]
    assert same_items == [row[2:] for row in before[2]]
    if fmt == YAML:
        assert schemes.scheme_export(copy, fmt) == exported.replace(
            "100001 甲县".encode(), "200001 丙县".encode()
        )
    else:
        assert _cells(schemes.scheme_export(copy, fmt)) == _cells(exported, county="200001 丙县")


def _cells(data: bytes, county=None):
    workbook = load_workbook(io.BytesIO(data))
    cells = {
        name: [list(row) for row in workbook[name].iter_rows(values_only=True)]
        for name in workbook.sheetnames
    }
    if county:
        cells["细则"][4][1] = county
    return cells


def test_yaml_and_excel_carry_the_same_scheme(world, scheme):
    xlsx = schemes.scheme_export(scheme, XLSX)
    schemes.scheme_import(None, world.orgs["B"], xlsx, XLSX)
    other = Scheme.objects.get(county=world.orgs["B"])
    assert schemes.scheme_export(other, YAML) == schemes.scheme_export(scheme, YAML).replace(
        "100001 甲县".encode(), "200001 丙县".encode()
    )


def test_the_yaml_file_reads_as_people_write_it(scheme):
    text = schemes.scheme_export(scheme, YAML).decode()
    assert "title: 甲县2025年度考核细则" in text
    assert "points: 1.5" in text and "cap: 1.2" in text
    assert "indicator: study.sessions" in text


def test_the_workbook_states_kinds_and_params_in_chinese(scheme):
    workbook = load_workbook(io.BytesIO(schemes.scheme_export(scheme, XLSX)))
    assert workbook.sheetnames == ["细则", "等次", "类别", "项目", "说明"]
    items = list(workbook["项目"].iter_rows(min_row=3, values_only=True))
    assert items[0][:6] == (
        "学法用法",
        "1.1",
        "全年学法不少于6次",
        1.5,
        "达标计分（≥N 次，每缺一次扣分）",
        "目标数=6；每缺一次扣分=0.3；最多扣分=1.2",
    )
    assert (
        items[1][5]
        == "方式（linear 按比例 / banded 分档）=banded；目标比率（%）=90；每档百分点=10；每档扣分=1"
    )


def test_params_text_reads_back():
    params = {"target": 6, "per_missing": 0.3, "cap": 1.2}
    errors = []
    parsed = parse_params_text("threshold", params_text("threshold", params), "第 3 行", errors)
    assert errors == [] and {k: float(v) for k, v in parsed.items()} == params
    parse_params_text("threshold", "目标数 6", "第 3 行", errors)
    assert errors == ["第 3 行：计分参数“目标数 6”应写成“名称=数值”。"]


def test_an_edited_workbook_with_a_bad_row_is_refused_whole(world, scheme):
    workbook = load_workbook(io.BytesIO(schemes.scheme_export(scheme, XLSX)))
    items = workbook["项目"]
    items["G3"] = "study.unknown"
    items["A4"] = "不存在的类别"
    items["D5"] = "=1+1"
    out = io.BytesIO()
    workbook.save(out)
    before = snapshot(world.orgs["A"])
    with pytest.raises(schemes.SchemeInvalid) as raised:
        schemes.scheme_import(None, world.orgs["A"], out.getvalue(), XLSX)
    errors = raised.value.errors_list
    assert "“项目”表第 5 行：分值是公式，请改为直接填写内容。" in errors
    assert "“项目”表第 4 行（1.2）：类别“不存在的类别”不在“类别”表中。" in errors
    assert "“项目”表第 3 行（1.1）：指标代码“study.unknown”不在指标目录中。" in errors
    assert snapshot(world.orgs["A"]) == before


@pytest.mark.parametrize(
    ("data", "fmt", "message"),
    [
        (b"\xff\xfe", YAML, "不是有效的 YAML"),
        (b"a: [", YAML, "不是有效的 YAML"),
        (b"title: x\n", YAML, "缺少 categories"),
        (b"PK not really", XLSX, "请上传由本系统导出的 .xlsx 文件"),
    ],
)
def test_unreadable_files_are_refused_in_chinese(world, data, fmt, message):
    with pytest.raises(schemes.SchemeInvalid) as raised:
        schemes.scheme_import(None, world.orgs["A"], data, fmt)
    assert message in raised.value.errors_list[0]
    assert not Scheme.objects.exists()
