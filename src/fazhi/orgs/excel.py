"""Excel export and import of an organisation tree, for bulk renames, new communities,
abolitions and official codes.

Layout as the ledger workbooks: row 1 headers, row 2 notes, data from row 3. A row names its
unit by 编号 (the system's id, as exported); a row without one is the unit with that 统一代码
if there is one in the tree, else a new unit. An import is all-or-nothing (every row is checked,
then every change is made through the services in one transaction, each one audited) and
idempotent: importing the same file again changes nothing. Units missing from the file are left
as they are; merges and moves between townships are made on the pages, not by import.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi import spreadsheet
from fazhi.audit.services import record
from fazhi.core.imports import FORMULA, FORMULA_MESSAGE, ImportFailed, ImportResult, cell_content
from fazhi.core.uploads import check_upload_bytes
from fazhi.orgs import services
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import PARENT_LEVEL, ROOT_LEVELS, Level

FIRST_DATA_ROW = 3
MAX_IMPORT_ROWS = 20_000
ACTIVE, ABOLISHED = "在用", "已撤销"
LEVEL_BY_LABEL = {label: value for value, label in Level.choices}

# (header, note, read on import)
COLUMNS = [
    ("编号", "系统编号，请勿修改；新增单位留空", True),
    ("统一代码", "必填；可改为正式的统一社会信用代码或行政区划代码", True),
    ("名称", "必填", True),
    ("层级", "县（区）/乡镇（街道）/村（社区），已有单位不能改", True),
    ("上级单位代码", "新增单位必填；已有单位不能改", True),
    ("状态", "在用 / 已撤销", True),
    ("区划来源代码", "系统填写，导入时忽略", False),
    ("并入单位", "系统填写，导入时忽略", False),
]
HEADERS = [header for header, _, _ in COLUMNS]


def export_bytes(root: Organisation) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "单位"
    fill = PatternFill("solid", fgColor="F2DCDB")
    for index, (header, note, _) in enumerate(COLUMNS, start=1):
        head = spreadsheet.write(sheet, 1, index, header)
        head.font, head.fill = Font(bold=True), fill
        spreadsheet.write(sheet, 2, index, note).font = Font(italic=True, color="808080")
        sheet.column_dimensions[get_column_letter(index)].width = 18 if index > 1 else 8
    units = Organisation.objects.filter(path__startswith=root.path).select_related(
        "parent", "merged_into"
    )
    row = FIRST_DATA_ROW
    for unit in units.order_by("path"):
        values = [
            unit.pk,
            unit.code,
            unit.name,
            unit.get_level_display(),
            unit.parent.code if unit.parent else "",
            ABOLISHED if unit.is_abolished else ACTIVE,
            unit.division_code,
            unit.merged_into.code if unit.merged_into else "",
        ]
        for column, value in enumerate(values, start=1):
            spreadsheet.write(sheet, row, column, value)
        row += 1
    for column, choices in ((4, [label for _, label in Level.choices]), (6, [ACTIVE, ABOLISHED])):
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            showErrorMessage=True,
            errorTitle="输入有误",
            error="请从下拉列表中选择。",
        )
        letter = get_column_letter(column)
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{max(row, FIRST_DATA_ROW + 1000)}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@dataclass
class Row:
    number: int
    unit: Organisation | None  # None: a new unit
    code: str
    name: str
    level: str
    parent_code: str
    abolished: bool


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read(data: bytes, result: ImportResult):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a non-xlsx file
        raise ValidationError("无法读取该文件：请上传由本系统导出的 .xlsx 文件。") from exc
    rows = workbook.worksheets[0].iter_rows()
    headers = [_text(cell.value) for cell in next(rows, ())]
    positions = {}
    for header, _, read in COLUMNS:
        if header in headers:
            positions[header] = headers.index(header)
        elif read:
            result.add_error(1, header, "缺少该列，请使用本系统导出的表格")
    if not result.ok:
        raise ImportFailed(result)
    next(rows, None)  # the notes row
    for number, row in enumerate(rows, start=FIRST_DATA_ROW):
        if number - FIRST_DATA_ROW >= MAX_IMPORT_ROWS:
            raise ValidationError(f"一次最多导入 {MAX_IMPORT_ROWS} 行，请拆分文件。")
        cells = {}
        for header, position in positions.items():
            cells[header] = cell_content(row[position]) if position < len(row) else None
        if all(value is None or _text(value) == "" for value in cells.values()):
            continue
        yield number, cells
    workbook.close()


def _parse(actor, root, data, result: ImportResult) -> list[Row]:
    tree = {o.pk: o for o in Organisation.objects.filter(path__startswith=root.path)}
    by_code = {o.code: o for o in tree.values()}
    parsed, seen_ids, seen_codes = [], {}, {}
    for number, cells in _read(data, result):
        if any(cells.get(h) is FORMULA for h, _, read in COLUMNS if read):
            for header, _, read in COLUMNS:
                if read and cells.get(header) is FORMULA:
                    result.add_error(number, header, FORMULA_MESSAGE)
            continue
        text = {header: _text(value) for header, value in cells.items()}
        errors = []
        unit = None
        if text["编号"]:
            unit = tree.get(int(text["编号"])) if text["编号"].isdigit() else None
            if unit is None:
                errors.append(("编号", f"编号“{text['编号']}”不是本次导出范围内的单位"))
        elif text["统一代码"] in by_code:
            unit = by_code[text["统一代码"]]
        for header in ("统一代码", "名称"):
            if not text[header]:
                errors.append((header, "必填"))
        level = LEVEL_BY_LABEL.get(text["层级"])
        if level is None:
            errors.append(("层级", "请填写 县（区）、乡镇（街道）或 村（社区）"))
        status = text["状态"] or ACTIVE
        if status not in (ACTIVE, ABOLISHED):
            errors.append(("状态", "请填写“在用”或“已撤销”"))
        if unit is not None:
            if level is not None and level != unit.level:
                errors.append(("层级", "已有单位的层级不能修改"))
            parent_code = unit.parent.code if unit.parent_id else ""
            moved = text["上级单位代码"] not in ("", parent_code)
            if moved and unit.parent_id and by_code.get(text["上级单位代码"]) != unit.parent:
                errors.append(("上级单位代码", "不能通过导入调整上级单位，请在单位页面合并"))
            if unit.merged_into_id and status == ACTIVE:
                errors.append(("状态", f"该单位已并入{unit.merged_into.name}，不能恢复"))
            if seen_ids.get(unit.pk):
                errors.append(("", f"与第 {seen_ids[unit.pk]} 行是同一个单位（重复）"))
            seen_ids.setdefault(unit.pk, number)
        elif level in ROOT_LEVELS:
            errors.append(("层级", f"不能通过导入新增{Level(level).label}"))
        elif not text["上级单位代码"]:
            errors.append(("上级单位代码", "新增单位必填"))
        if text["统一代码"] and seen_codes.get(text["统一代码"]):
            errors.append(("统一代码", f"与第 {seen_codes[text['统一代码']]} 行的代码相同"))
        seen_codes.setdefault(text["统一代码"], number)
        for header, message in errors:
            result.add_error(number, header, message)
        if not errors:
            parsed.append(
                Row(
                    number,
                    unit,
                    text["统一代码"],
                    text["名称"],
                    level,
                    text["上级单位代码"],
                    status == ABOLISHED,
                )
            )
    return parsed


def import_tree(*, actor, root: Organisation, data: bytes) -> ImportResult:
    """Check every row, then apply all of them in one transaction, or none (ImportFailed with
    every error by row and column; ValidationError for a file beyond the upload limits)."""
    check_upload_bytes(data)
    result = ImportResult()
    rows = _parse(actor, root, data, result)
    if not result.ok:
        raise ImportFailed(result)
    with transaction.atomic():
        _apply(actor, root, rows, result)
        if result.ok:
            record(
                actor,
                "org.import",
                f"导入单位表：新增 {result.created} 个，修改 {result.updated} 个，"
                f"未变化 {result.unchanged} 个",
                organisation=root,
                detail={"created": result.created, "updated": result.updated},
            )
        else:
            transaction.set_rollback(True)
    if not result.ok:
        raise ImportFailed(result)
    return result


def _attempt(result: ImportResult, row: Row, header: str, change) -> bool:
    try:
        change()
    except ValidationError as error:
        result.add_error(row.number, header, "；".join(error.messages))
        return False
    except PermissionDenied as error:
        result.add_error(row.number, header, str(error) or "您无权修改该单位")
        return False
    return True


def _apply(actor, root, rows: list[Row], result: ImportResult) -> None:
    changed = set()
    existing = [row for row in rows if row.unit is not None]
    # Codes and names first, so new units may name a parent by its new code.
    for row in rows:
        unit = row.unit
        if unit is None or (unit.code == row.code and unit.name == row.name):
            continue
        if _attempt(
            result,
            row,
            "名称",
            lambda u=unit, r=row: services.organisation_update(
                actor=actor, organisation=u, code=r.code, name=r.name, reason="Excel 导入"
            ),
        ):
            changed.add(row.number)
    # New townships before new villages: a village may sit under a township of the same file.
    for level in (Level.TOWNSHIP, Level.VILLAGE):
        for row in rows:
            if row.unit is not None or row.level != level:
                continue
            parent = Organisation.objects.filter(
                code=row.parent_code, path__startswith=root.path
            ).first()
            if parent is None or parent.level != PARENT_LEVEL[Level(level)]:
                expected = Level(PARENT_LEVEL[Level(level)]).label
                result.add_error(row.number, "上级单位代码", f"应为本表中某个{expected}的代码")
                continue

            def create(r=row, p=parent):
                r.unit = services.organisation_create(
                    actor=actor, code=r.code, name=r.name, level=r.level, parent=p
                )

            if _attempt(result, row, "统一代码", create):
                result.created += 1
                if row.abolished:
                    _attempt(
                        result,
                        row,
                        "状态",
                        lambda r=row: services.organisation_abolish(
                            actor=actor, organisation=r.unit
                        ),
                    )
    # Abolitions from the bottom up, then reinstatements from the top down.
    for row in existing:
        row.unit.refresh_from_db()
    abolish = [r for r in existing if r.abolished and not r.unit.is_abolished]
    reinstate = [r for r in existing if not r.abolished and r.unit.is_abolished]
    for rows_, change in (
        (
            sorted(abolish, key=lambda r: r.unit.level != Level.VILLAGE),
            services.organisation_abolish,
        ),
        (
            sorted(reinstate, key=lambda r: r.unit.level == Level.VILLAGE),
            services.organisation_reinstate,
        ),
    ):
        for row in rows_:

            def apply(r=row, c=change):
                c(actor=actor, organisation=r.unit, reason="Excel 导入")

            if _attempt(result, row, "状态", apply):
                changed.add(row.number)
    result.updated = len(changed)
    result.unchanged = len(existing) - len(changed)
