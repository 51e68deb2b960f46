import io

import pytest
from openpyxl import load_workbook

from fazhi.audit.models import AdminAction
from fazhi.core.imports import ImportFailed
from fazhi.orgs import excel
from fazhi.orgs.models import Organisation


def _rows(data: bytes):
    sheet = load_workbook(io.BytesIO(data)).active
    return sheet, [list(r) for r in sheet.iter_rows(min_row=3, values_only=True)]


def _bytes(sheet) -> bytes:
    out = io.BytesIO()
    sheet.parent.save(out)
    return out.getvalue()


def _snapshot():
    return sorted(
        Organisation.objects.values_list("pk", "code", "name", "level", "parent", "abolished_on")
    )


def test_export_imports_back_unchanged(world):
    admin, county = world.users["county_admin"], world.orgs["A"]
    data = excel.export_bytes(county)
    sheet, rows = _rows(data)
    assert [c.value for c in sheet[1]][:6] == [
        "编号",
        "统一代码",
        "名称",
        "层级",
        "上级单位代码",
        "状态",
    ]
    assert [r[2] for r in rows] == ["甲县", "甲镇", "甲一村", "甲二村", "乙镇", "乙一村"]
    before = _snapshot()
    result = excel.import_tree(actor=admin, root=county, data=data)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 6)
    assert _snapshot() == before


def test_bulk_changes_then_the_same_file_again_changes_nothing(world):
    admin, county = world.users["county_admin"], world.orgs["A"]
    sheet, rows = _rows(excel.export_bytes(county))
    sheet.cell(row=5, column=3, value="甲一村（更名）")  # 甲一村
    sheet.cell(row=5, column=2, value="100001101001")  # its official code
    sheet.cell(row=6, column=6, value="已撤销")  # 甲二村
    sheet.append(["", "100001101009", "新城社区", "村（社区）", "100001101", "在用"])
    sheet.append(["", "100001103", "丁镇", "乡镇（街道）", "100001", "在用"])
    sheet.append(["", "100001103001", "丁一村", "村（社区）", "100001103", "在用"])
    data = _bytes(sheet)
    result = excel.import_tree(actor=admin, root=county, data=data)
    assert (result.created, result.updated, result.unchanged) == (3, 2, 4)
    renamed = world.orgs["A1V1"]
    renamed.refresh_from_db()
    assert (renamed.name, renamed.code) == ("甲一村（更名）", "100001101001")
    assert Organisation.objects.get(code="100001101202").is_abolished
    assert Organisation.objects.get(code="100001103001").parent.name == "丁镇"
    assert AdminAction.objects.filter(verb="org.import").count() == 1
    before = _snapshot()
    again = excel.import_tree(actor=admin, root=county, data=data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 9)
    assert _snapshot() == before


def test_an_import_with_errors_changes_nothing_and_names_rows_and_columns(world):
    admin, county = world.users["county_admin"], world.orgs["A"]
    sheet, rows = _rows(excel.export_bytes(county))
    sheet.cell(row=4, column=3, value="甲镇新名")  # a valid change, not applied either
    sheet.cell(row=5, column=4, value="乡镇（街道）")  # level of an existing unit
    sheet.cell(row=6, column=3, value="")  # name missing
    sheet.append(["", "X1", "无上级村", "村（社区）", "", "在用"])
    sheet.append(["", "X2", "=1+1", "村（社区）", "100001101", "在用"])
    sheet.append(["999999", "X3", "外人", "村（社区）", "100001101", "在用"])
    sheet.append(["", "100001102201", "重复", "村（社区）", "100001102", "在用"])
    sheet.cell(row=sheet.max_row, column=1, value=world.orgs["A2V1"].pk)
    sheet.cell(row=sheet.max_row - 0, column=2, value="100001102201")
    formula = sheet.cell(row=sheet.max_row - 2, column=3)
    formula.value, formula.data_type = "=1+1", "f"
    before, entries = _snapshot(), AdminAction.objects.count()
    with pytest.raises(ImportFailed) as failed:
        excel.import_tree(actor=admin, root=county, data=_bytes(sheet))
    errors = {(e.row, e.column, e.message) for e in failed.value.result.errors}
    assert (5, "层级", "已有单位的层级不能修改") in errors
    assert (6, "名称", "必填") in errors
    assert (9, "上级单位代码", "新增单位必填") in errors
    assert any(row == 10 and col == "名称" and "公式" in msg for row, col, msg in errors)
    assert any(row == 11 and col == "编号" for row, col, _ in errors)
    assert any(row == 12 and "第 8 行" in msg for row, _, msg in errors)
    assert _snapshot() == before
    assert AdminAction.objects.count() == entries


def test_a_township_admin_imports_only_their_own_villages(world):
    township_admin, township = world.users["admin"], world.orgs["A1"]
    sheet, _ = _rows(excel.export_bytes(township))
    sheet.cell(row=3, column=6, value="已撤销")  # the township itself: refused
    sheet.append(["", "X9", "新村", "村（社区）", "100001101", "在用"])
    before = _snapshot()
    with pytest.raises(ImportFailed) as failed:
        excel.import_tree(actor=township_admin, root=township, data=_bytes(sheet))
    assert [(e.row, e.column) for e in failed.value.result.errors] == [(3, "状态")]
    assert _snapshot() == before
