import io
import re
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.ledgers import excel
from fazhi.ledgers.registry import get_kind
from fazhi.study.models import StudySession
from tests.ledgers.helpers import workbook_with_rows

KIND = get_kind("study-sessions")
ROW = {
    "occurred_on": date(2025, 4, 1),
    "session_type": "lecture",
    "topic": "民法典专题讲座",
    "attendees": 30,
    "hours": 2,
}


def test_a_file_that_is_not_a_workbook_is_refused_in_chinese(world):
    with pytest.raises(ValidationError, match="无法读取该文件"):
        excel.import_rows(actor=world.users["clerk"], kind=KIND, data=b"not a workbook")


def test_a_missing_required_column_is_named(world):
    workbook = Workbook()
    workbook.active.append(["单位", "学习日期"])
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=KIND, data=out.getvalue())
    missing = {(e.row, e.column) for e in failure.value.result.errors}
    assert (1, "学习主题") in missing and (1, "参加人数") in missing


def test_every_error_is_reported_with_row_column_and_reason(world):
    rows = [
        ROW,
        {**ROW, "topic": "第二次", "session_type": "午餐会"},
        {**ROW, "topic": "第三次", "attendees": "很多"},
        {**ROW, "topic": "第四次", "attendees": 0},
        ROW,
    ]
    data = workbook_with_rows(KIND, rows, "甲镇")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=KIND, data=data)
    errors = [(e.row, e.column, e.message) for e in failure.value.result.errors]
    assert (4, "学习形式") in [(r, c) for r, c, _ in errors]
    assert any(r == 4 and "不在可选值中" in m and "中心组学法" in m for r, _, m in errors)
    assert (5, "参加人数", "“很多”不是整数") in errors
    assert (6, "参加人数", "参加人数至少为 1。") in errors
    assert any(r == 7 and "与第 3 行是同一条记录" in m for r, _, m in errors)
    assert not StudySession.objects.exists()


def test_dates_may_be_written_the_chinese_way(world):
    data = workbook_with_rows(KIND, [{**ROW, "occurred_on": "2025年4月1日"}], "100001101")
    excel.import_rows(actor=world.users["clerk"], kind=KIND, data=data)
    assert StudySession.objects.get().occurred_on == date(2025, 4, 1)


def test_a_changed_row_updates_the_existing_record(world):
    clerk = world.users["clerk"]
    excel.import_rows(actor=clerk, kind=KIND, data=workbook_with_rows(KIND, [ROW], "甲镇"))
    changed = workbook_with_rows(KIND, [{**ROW, "attendees": 45}], "甲镇")
    result = excel.import_rows(actor=clerk, kind=KIND, data=changed)
    assert (result.created, result.updated) == (0, 1)
    assert StudySession.objects.get().attendees == 45


def test_the_import_page_lists_errors_and_saves_nothing(client, world):
    client.force_login(world.users["clerk"])
    data = workbook_with_rows(KIND, [ROW, {**ROW, "topic": "二", "hours": 30}], "甲镇")
    response = client.post(
        reverse("ledgers:import", args=[KIND.slug]),
        {"file": SimpleUploadedFile("学法.xlsx", data)},
    )
    html = response.content.decode()
    assert "发现 1 处错误，未导入任何数据" in html
    assert "一次学习的学时不能超过 24。" in html
    assert not StudySession.objects.exists()
    ok = client.post(
        reverse("ledgers:import", args=[KIND.slug]),
        {"file": SimpleUploadedFile("学法.xlsx", workbook_with_rows(KIND, [ROW], "甲镇"))},
    )
    assert "导入完成：新增 1 条" in ok.content.decode()


def test_export_respects_scope(client, world, ledger_world):
    client.force_login(world.users["clerk"])
    response = client.get(reverse("ledgers:export", args=[KIND.slug]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    organisations = {row[0].value for row in sheet.iter_rows(min_row=3)}
    assert organisations == {"甲镇"}


def _with_cached_values(data: bytes, value: str) -> bytes:
    """The workbook as Excel saves it: each formula with its last computed value beside it."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(
                    rb'(<c r="[A-Z]+\d+")([^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?',
                    rb'\1 t="str"\2<v>' + value.encode() + b"</v>",
                    content,
                )
            target.writestr(item, content)
    return out.getvalue()


@pytest.mark.parametrize("cached", [False, True], ids=["no-cached-value", "excel-cached-value"])
def test_a_formula_cell_is_refused_not_run_or_read_as_its_last_value(world, cached):
    """A formula's cached value may be missing (written by another program: read as empty) or
    not what the person saw; it is refused with the way to fix it, and nothing is saved."""
    formula = {**ROW, "topic": '=HYPERLINK("http://x","点击")'}
    data = workbook_with_rows(KIND, [ROW, formula], "甲镇")
    if cached:
        data = _with_cached_values(data, "点击")
        assert "点击" in str(load_workbook(io.BytesIO(data), data_only=True).active["D4"].value)
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=KIND, data=data)
    [error] = failure.value.result.errors
    assert (error.row, error.column) == (4, "学习主题")
    assert "公式" in error.message and "选择性粘贴" in error.message
    assert not StudySession.objects.exists()


def test_formula_like_text_exports_as_text_and_imports_back_as_the_same_text(world):
    clerk = world.users["clerk"]
    text = '=HYPERLINK("http://x","点击")'
    excel.import_rows(actor=clerk, kind=KIND, data=workbook_with_rows(KIND, [ROW], "甲镇"))
    StudySession.objects.update(topic=text)
    exported = excel.export_bytes(KIND, StudySession.objects.all())
    cell = load_workbook(io.BytesIO(exported)).active["D3"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    result = excel.import_rows(actor=clerk, kind=KIND, data=exported)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert StudySession.objects.get().topic == text


def test_an_overlong_cell_is_named_in_plain_chinese(world):
    limit = StudySession._meta.get_field("topic").max_length
    data = workbook_with_rows(KIND, [{**ROW, "topic": "字" * (limit + 5)}], "甲镇")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=KIND, data=data)
    errors = [(e.row, e.column, e.message) for e in failure.value.result.errors]
    assert errors == [(3, "学习主题", f"学习主题不能超过{limit}个字（现在有{limit + 5}个）")]
