"""Excel template, export and import of any ledger kind (openpyxl).

Layout of every sheet: row 1 headers, row 2 notes, data from row 3. An export can be imported
back unchanged. An import is all-or-nothing and idempotent by the kind's natural key.
"""

import copy
import io
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi import spreadsheet
from fazhi.core.errors import plain_list
from fazhi.core.imports import (  # noqa: F401 (RowError is part of this module's results)
    FORMULA,
    FORMULA_MESSAGE,
    ImportFailed,
    ImportResult,
    RowError,
)
from fazhi.core.imports import cell_content as _cell_content
from fazhi.core.progress import NO_PROGRESS
from fazhi.core.uploads import check_upload_bytes
from fazhi.ledgers import services
from fazhi.ledgers.columns import Column, columns_for, from_cell, to_cell
from fazhi.ledgers.personal import shown_value, unmask_restored
from fazhi.ledgers.registry import LedgerKind
from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import scope_queryset

FIRST_DATA_ROW = 3
MAX_IMPORT_ROWS = 50_000
# Rows of a kind with cross-record rules are checked against each other inside the write
# transaction (about 2 ms a row): this keeps that lock to a few seconds.
MAX_RULE_CHECKED_ROWS = 2_000
# Plans of one import made again when other users' saves overtook it.
PLAN_ATTEMPTS = 3


def _sheet(kind: LedgerKind, computed=()) -> tuple[Workbook, object, list[Column]]:
    """A write-only workbook of one sheet with the template's two header rows (column headers,
    then notes), and `computed` columns after them (for reading; an import ignores them)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(kind.label[:31])
    columns = columns_for(kind)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(column.header) * 3)
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    header_fill = PatternFill("solid", fgColor="F2DCDB")
    heads, notes = [], []
    for column in columns:
        heads.append(_styled(sheet, column.header, Font(bold=True), header_fill))
        notes.append(_styled(sheet, kind.notes.get(column.name, column.note), _NOTE_FONT))
    for column in computed:
        heads.append(_styled(sheet, column.label, Font(bold=True)))
        notes.append(_styled(sheet, "系统计算，导入时忽略", _NOTE_FONT))
    spreadsheet.append(sheet, heads)
    spreadsheet.append(sheet, notes)
    return workbook, sheet, columns


def _add_validations(validations, columns: list[Column], last_row: int) -> None:
    """Drop-down lists on the choice columns, added to `validations` (a sheet's
    data_validations)."""
    for index, column in enumerate(columns, start=1):
        labels = [label for _, label in column.choices]
        if (
            not labels
            and column.field is not None
            and column.field.get_internal_type() == ("BooleanField")
        ):
            labels = ["是", "否"]
        if not labels:
            continue
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(labels) + '"',
            allow_blank=not column.required,
            showErrorMessage=True,
            errorTitle="输入有误",
            error="请从下拉列表中选择。",
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
        validations.append(validation)


def _to_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_bytes(kind: LedgerKind) -> bytes:
    workbook, sheet, columns = _sheet(kind)
    _add_validations(sheet.data_validations, columns, FIRST_DATA_ROW + 10_000)
    return _to_bytes(workbook)


def export_bytes(kind: LedgerKind, records, *, unmasked_ids: set | None = None) -> bytes:
    """The records in the template's layout, plus the kind's computed columns at the end (for
    reading; an import ignores them). Personal fields are masked except for `unmasked_ids`
    (None: a system export with everything, e.g. from the command line)."""
    out = io.BytesIO()
    write_export(kind, records, out, unmasked_for=lambda chunk: unmasked_ids)
    return out.getvalue()


# Records read (and their personal data revealed) per database round trip of an export.
EXPORT_CHUNK = 2_000


def write_export(kind: LedgerKind, records, target, *, unmasked_for, on_progress=None) -> int:
    """Write the export of `records` to `target` (a path or a binary file) and return the rows
    written. Memory stays bounded whatever the number of rows: a write-only workbook (rows go
    to a temporary file as they come) fed from the database EXPORT_CHUNK records at a time.
    `unmasked_for(chunk)`: the ids of the chunk's records shown unmasked (None: all), where the
    caller logs the showing (fazhi.ledgers.personal.reveal). `on_progress`: .start(total) and
    .advance(n=...) (fazhi.core.progress's protocol; a background job's)."""
    computed = kind.computed_columns
    workbook, sheet, columns = _sheet(kind, computed)
    dates = {
        index
        for index, column in enumerate(columns)
        if column.field is not None and column.field.get_internal_type() == "DateField"
    }
    bar = on_progress or NO_PROGRESS
    records = records.select_related("organisation").prefetch_related(*kind.related)
    bar.start(records.count() if on_progress else None)
    written = 0
    for chunk in _chunks(records.iterator(chunk_size=EXPORT_CHUNK), EXPORT_CHUNK):
        unmasked_ids = unmasked_for(chunk)
        for record in chunk:
            unmasked = unmasked_ids is None or record.pk in unmasked_ids
            values = [record.organisation.name]
            values += [
                to_cell(column, shown_value(kind, record, column.name, unmasked))
                for column in columns[1:]
            ]
            values += [column.value(record) or None for column in computed]
            for index in dates:
                if values[index] is not None:
                    values[index] = _styled(sheet, values[index], number_format="yyyy-mm-dd")
            spreadsheet.append(sheet, values)
        written += len(chunk)
        bar.advance(n=len(chunk))
    validations = sheet.data_validations  # write-only sheets write them at the end
    _add_validations(validations, columns, max(FIRST_DATA_ROW + written, FIRST_DATA_ROW + 1000))
    workbook.save(target)
    return written


_NOTE_FONT = Font(italic=True, color="808080")


def _styled(sheet, value, font=None, fill=None, number_format=None):
    cell = spreadsheet.put(WriteOnlyCell(sheet), value)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if number_format is not None:
        cell.number_format = number_format
    return cell


def _chunks(iterable, size: int):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def count_rows(data: bytes) -> int:
    """About how many data rows a workbook holds (its first sheet's recorded size; counted when
    the file records none), to tell a large import from a small one before reading it."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True)
    except Exception:  # not a workbook: the import itself says so
        return 0
    try:
        sheet = workbook.worksheets[0]
        last = sheet.max_row
        if last is None:
            last = sum(1 for _ in sheet.iter_rows(values_only=True))
        return max(0, last - FIRST_DATA_ROW + 1)
    finally:
        workbook.close()


def _read_rows(data: bytes, columns: list[Column], result: ImportResult):
    """Read cells, not cached values: a formula cell is refused rather than read as the value
    Excel last cached for it, which another program may not have written (read as empty) or
    which may not be what the person saw. Text that merely starts with "=" is a text cell and
    is read as the text (an export imports back unchanged)."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a non-xlsx file
        raise ValidationError("无法读取该文件：请上传由本系统模板填写的 .xlsx 文件。") from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows()
    headers = [str(c.value).strip() if c.value is not None else "" for c in next(rows, ())]
    positions = {}
    for column in columns:
        if column.header in headers:
            positions[column.name] = headers.index(column.header)
        elif column.required:
            result.add_error(1, column.header, "缺少该列，请使用本系统下载的模板")
    if not result.ok:
        raise ImportFailed(result)
    next(rows, None)  # the notes row
    for number, row in enumerate(rows, start=FIRST_DATA_ROW):
        if number - FIRST_DATA_ROW >= MAX_IMPORT_ROWS:
            raise ValidationError(f"一次最多导入 {MAX_IMPORT_ROWS} 行，请拆分文件。")
        cells = {
            name: _cell_content(row[position]) if position < len(row) else None
            for name, position in positions.items()
        }
        if all(value is None or str(value).strip() == "" for value in cells.values()):
            continue
        yield number, cells
    workbook.close()


# Other imports of the same layout (fazhi.people) read their rows the same way.
read_rows = _read_rows


def _organisation_lookup(user, kind: LedgerKind) -> dict[str, Organisation]:
    editable = scope_queryset(
        Organisation.objects.current().filter(level=kind.org_level),
        user,
        org_field="",
        capabilities=kind.edit_capabilities,
    )
    lookup = {}
    for org in editable:
        lookup[org.code] = org
        lookup.setdefault(org.name, org)
    return lookup


def _natural_key(kind: LedgerKind, values: dict) -> tuple:
    return tuple(
        values["organisation"].pk if name == "organisation" else values.get(name)
        for name in kind.natural_key
    )


def _existing_records(kind: LedgerKind, parsed) -> dict[tuple, object]:
    org_ids = {values["organisation"].pk for _, values in parsed}
    records = kind.model.objects.filter(organisation_id__in=org_ids).select_related("organisation")
    return {
        _natural_key(kind, {name: getattr(record, name) for name in kind.natural_key}): record
        for record in records
    }


def _stamp(record) -> tuple | None:
    """What tells whether a stored record changed since it was read."""
    return None if record is None else (record.pk, record.updated_at, record.archived_at)


def _still_current(kind: LedgerKind, plan: list, existing: dict):
    """A check, run inside the write transaction, that every record the plan was made from is
    still as it was read, and no record has since taken a new row's key (a double submit, or a
    form saved meanwhile): otherwise the import would duplicate or overwrite unseen."""
    org_ids = {row.values["organisation"].pk for row in plan}
    keys = {_natural_key(kind, row.values) for row in plan}
    names = [kind.model._meta.get_field(name).attname for name in kind.natural_key]

    def check() -> bool:
        stored = kind.model.objects.filter(organisation_id__in=org_ids).values_list(
            "pk", "updated_at", "archived_at", *names
        )
        now = {}
        for pk, updated_at, archived_at, *values in stored:
            key = tuple(values)
            if key in keys:
                now[key] = (pk, updated_at, archived_at)
        return all(now.get(key) == _stamp(existing.get(key)) for key in keys)

    return check


def import_rows(*, actor, kind: LedgerKind, data: bytes, on_progress=None) -> ImportResult:
    """Validate every row; save all of them only if none has an error. Raises ImportFailed, or
    ValidationError for a file beyond the upload limits (checked before openpyxl reads it).

    Reading and checking take no lock; the rows are then written in one short transaction
    (services.records_bulk_save). Should another user change the same records in between, the
    rows are checked again from what is stored then. `on_progress` (a background job's) is told
    each row read."""
    check_upload_bytes(data)
    parsed_result = ImportResult()
    columns = columns_for(kind)
    parsed = _parse_rows(actor, kind, columns, data, parsed_result, on_progress or NO_PROGRESS)
    if kind.rules is not None and len(parsed) > MAX_RULE_CHECKED_ROWS:
        raise ValidationError(
            f"{kind.label}的每一行都要与其他记录相互核对，一次最多导入 {MAX_RULE_CHECKED_ROWS} 行，"
            "请拆分文件。"
        )
    for _ in range(PLAN_ATTEMPTS):
        result = copy.deepcopy(parsed_result)
        existing = _existing_records(kind, parsed)
        plan = _check_rows(kind, columns, parsed, existing, result)
        if not result.ok:
            raise ImportFailed(result)
        try:
            _save_rows(actor, kind, plan, existing, result)
        except services.StaleWrite:
            continue
        except PermissionDenied as exc:
            raise ValidationError(str(exc)) from exc
        if not result.ok:
            raise ImportFailed(result)
        return result
    raise ValidationError(
        "导入期间其他人正在修改相同的记录，本次导入未保存任何数据，请稍后重新导入。"
    )


def _parse_rows(actor, kind, columns, data, result: ImportResult, bar) -> list[tuple[int, dict]]:
    """Cells to field values; rows with conversion errors are reported and left out, so the
    remaining rows still get every record rule checked and the user sees all errors at once."""
    organisations = _organisation_lookup(actor, kind)
    form_fields = {c.name: c.field.formfield() for c in columns if c.field is not None}
    parsed = []
    for number, cells in _read_rows(data, columns, result):
        bar.advance()
        values, row_ok = {}, True
        for column in columns:
            try:
                values[column.name] = _cell_value(
                    column, cells.get(column.name), organisations, form_fields
                )
            except ValueError as error:
                result.add_error(number, column.header, str(error))
                row_ok = False
            except ValidationError as error:
                label = kind.field_label(column.name) if column.field else column.header
                plain = ValidationError(plain_list(error, label, form_fields.get(column.name)))
                result.add_error(number, column.header, "；".join(plain.messages))
                row_ok = False
        if row_ok:
            parsed.append((number, values))
    return parsed


def _cell_value(column: Column, raw, organisations, form_fields):
    if raw is FORMULA:
        raise ValueError(FORMULA_MESSAGE)
    if column.name == "organisation":
        key = str(raw).strip() if raw is not None else ""
        if not key:
            raise ValueError("必填")
        if key not in organisations:
            raise ValueError(f"“{key}”不是您可以录入的单位")
        return organisations[key]
    value = from_cell(column, raw)
    if value is None and column.required:
        raise ValueError("必填")
    formfield = form_fields[column.name]
    return formfield.clean(value) if formfield else value


@dataclass
class PlannedRow:
    number: int
    record: object
    values: dict
    state: str  # "new", "changed" or "unchanged"


def _check_rows(kind, columns, parsed, existing, result: ImportResult) -> list[PlannedRow]:
    """Duplicates inside the file, then every record rule, before anything is written."""
    header_of = {c.name: c.header for c in columns}
    seen: dict[tuple, int] = {}
    plan = []
    for number, values in parsed:
        key = _natural_key(kind, values)
        if key in seen:
            result.add_error(number, "", f"与第 {seen[key]} 行是同一条记录（重复）")
            continue
        seen[key] = number
        current = existing.get(key)
        if current is not None and current.is_archived:
            result.add_error(number, "", "与一条已归档的记录相同，请管理员先恢复该记录")
            continue
        if current is not None:
            values = unmask_restored(kind, current, values)
        if current is not None and all(getattr(current, n) == v for n, v in values.items()):
            plan.append(PlannedRow(number, current, values, "unchanged"))
            continue
        # An existing record is checked as it would be after the update (so it is not its own
        # duplicate); a new one as a fresh instance.
        record = copy.copy(current) if current is not None else kind.model()
        for name, value in values.items():
            setattr(record, name, value)
        try:
            services.validate_record(kind, record)
        except ValidationError as error:
            _report(result, number, error, header_of)
            continue
        plan.append(PlannedRow(number, record, values, "new" if current is None else "changed"))
    return plan


def _report(result: ImportResult, number: int, error: ValidationError, header_of: dict) -> None:
    if not hasattr(error, "error_dict"):
        result.add_error(number, "", "；".join(error.messages))
        return
    for field_name, messages in error.message_dict.items():
        result.add_error(number, header_of.get(field_name, ""), "；".join(messages))


def _save_rows(actor, kind, plan: list[PlannedRow], existing: dict, result: ImportResult):
    """Write the planned rows at once. Rows of a kind with cross-record rules were each checked
    against the stored records; rows that clash once written together are named the way saving
    them one by one in file order would (the later row of a clash)."""
    new = [row.record for row in plan if row.state == "new"]
    changed = [row.record for row in plan if row.state == "changed"]
    try:
        services.records_bulk_save(
            actor=actor,
            kind=kind,
            new=new,
            changed=changed,
            still_current=_still_current(kind, plan, existing),
        )
    except services.RulesBroken as broken:
        clashing = {id(record) for record in broken.records}
        for record in new:
            record.pk = None  # the ids reserved for the rolled-back write
        _rehearse(actor, kind, [row for row in plan if id(row.record) in clashing], result)
        if result.ok:
            raise services.StaleWrite from broken  # no clash one by one: stored rows changed
        return
    result.unchanged = sum(1 for row in plan if row.state == "unchanged")
    result.created = len(new)
    result.updated = len(changed)


def _rehearse(actor, kind, rows: list[PlannedRow], result: ImportResult) -> None:
    """Save the clashing rows one by one through the services, in file order, and report each
    refusal; then roll everything back."""
    header_of = {c.name: c.header for c in columns_for(kind)}
    with transaction.atomic():
        for row in rows:
            try:
                if row.state == "new":
                    data = {k: v for k, v in row.values.items() if k != "organisation"}
                    organisation = row.values["organisation"]
                    services.record_create(
                        actor=actor, kind=kind, organisation=organisation, data=data
                    )
                else:
                    current = kind.model.objects.get(pk=row.record.pk)
                    services.record_update(actor=actor, kind=kind, record=current, data=row.values)
            except ValidationError as error:
                _report(result, row.number, error, header_of)
        transaction.set_rollback(True)
