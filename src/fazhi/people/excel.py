"""Many people at once from Excel: the template and the import.

The import is all-or-nothing (one transaction: any row's error rolls every row back, and every
error is listed with its row and column, as the ledger imports do) and idempotent on 登录名:
a login name already here updates that person (name, unit, phone, an added role); nobody's
password changes. New accounts get one-time passwords, shown once to the administrator.
"""

import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi import spreadsheet
from fazhi.core.uploads import check_upload_bytes
from fazhi.ledgers.excel import (
    FIRST_DATA_ROW,
    FORMULA,
    FORMULA_MESSAGE,
    ImportFailed,
    ImportResult,
    read_rows,
)
from fazhi.orgs.models import Membership
from fazhi.orgs.roles import Role
from fazhi.people import services
from fazhi.people.permissions import may_manage, person_of
from fazhi.people.selectors import units_by_key


@dataclass(frozen=True)
class Column:
    """A template column (the shape fazhi.ledgers.excel.read_rows reads)."""

    name: str
    header: str
    required: bool
    note: str


COLUMNS = [
    Column("display_name", "姓名", True, "必填"),
    Column("organisation", "单位", True, "必填：单位名称或统一代码（名称重复时填代码）"),
    Column("phone", "手机号", False, "选填：11 位手机号"),
    Column("username", "登录名", True, "必填：字母、数字或 . _ - @；已存在的登录名将更新该人员"),
    Column("role", "角色", False, "选填：" + "、".join(Role.labels)),
]
ROLE_BY_LABEL = {label: value for value, label in Role.choices}


@dataclass
class PeopleImportResult(ImportResult):
    passwords: list[tuple[str, str, str]] = field(default_factory=list)  # name, login, password


def template_bytes() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "人员"
    fill = PatternFill("solid", fgColor="F2DCDB")
    for index, column in enumerate(COLUMNS, start=1):
        head = spreadsheet.write(sheet, 1, index, column.header)
        head.font, head.fill = Font(bold=True), fill
        spreadsheet.write(sheet, 2, index, column.note).font = Font(italic=True, color="808080")
        sheet.column_dimensions[get_column_letter(index)].width = 18
    roles = DataValidation(
        type="list",
        formula1='"' + ",".join(Role.labels) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="输入有误",
        error="请从下拉列表中选择。",
    )
    letter = get_column_letter(len(COLUMNS))
    roles.add(f"{letter}{FIRST_DATA_ROW}:{letter}{FIRST_DATA_ROW + 2000}")
    sheet.add_data_validation(roles)
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone typed as a number
    return str(value).strip()


def _parse(actor, data: bytes, result: PeopleImportResult) -> list[tuple[int, dict]]:
    units = units_by_key(actor)
    rows, seen = [], {}
    for number, cells in read_rows(data, COLUMNS, result):
        values, ok = {}, True
        for column in COLUMNS:
            raw = cells.get(column.name)
            if raw is FORMULA:
                result.add_error(number, column.header, FORMULA_MESSAGE)
                ok = False
                continue
            text = _text(raw)
            if column.required and not text:
                result.add_error(number, column.header, "必填")
                ok = False
            values[column.name] = text
        if not ok:
            continue
        matches = units.get(values["organisation"], [])
        if not matches:
            result.add_error(number, "单位", f"“{values['organisation']}”不是您管理的单位")
            continue
        if len(matches) > 1:
            result.add_error(
                number, "单位", f"有多个单位名为“{values['organisation']}”，请填写统一代码"
            )
            continue
        values["organisation"] = matches[0]
        role = values["role"]
        if role and role not in ROLE_BY_LABEL and role not in Role.values:
            result.add_error(number, "角色", f"“{role}”不是系统中的角色")
            continue
        values["role"] = ROLE_BY_LABEL.get(role, role)
        if values["username"] in seen:
            result.add_error(number, "登录名", f"与第 {seen[values['username']]} 行的登录名重复")
            continue
        seen[values["username"]] = number
        rows.append((number, values))
    return rows


HEADERS = {
    "display_name": "姓名",
    "username": "登录名",
    "phone": "手机号",
    "organisation": "单位",
    "role": "角色",
}


def _report(result, number: int, error) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            result.add_error(number, HEADERS.get(name, ""), "；".join(messages))
    elif isinstance(error, ValidationError):
        result.add_error(number, "", "；".join(error.messages))
    else:
        result.add_error(number, "", str(error))


def _save_row(actor, values: dict, result: PeopleImportResult) -> None:
    User = get_user_model()
    user = User.objects.filter(username=values["username"]).first()
    if user is None:
        user, password = services.person_create(actor=actor, **values)
        result.created += 1
        result.passwords.append((user.display_name, user.username, password))
        return
    if not may_manage(actor, user):
        raise ValidationError({"username": "该登录名已被您管理范围以外的人员使用"})
    person = person_of(user)
    changed = services.person_update(
        actor=actor,
        user=user,
        display_name=values["display_name"],
        organisation=values["organisation"],
        phone=values["phone"] or (person.phone if person else ""),
    )
    role, unit = values["role"], values["organisation"]
    if role and not Membership.objects.filter(user=user, organisation=unit, role=role).exists():
        services.role_grant(actor=actor, user=user, organisation=unit, role=role)
        changed = True
    if changed:
        result.updated += 1
    else:
        result.unchanged += 1


def import_people(*, actor, data: bytes) -> PeopleImportResult:
    """Raises ImportFailed (every row and column error; nothing saved) or ValidationError (a file
    beyond the upload limits or not a workbook)."""
    check_upload_bytes(data)
    result = PeopleImportResult()
    rows = _parse(actor, data, result)
    if result.ok and not rows:
        raise ValidationError("文件中没有人员数据：请从第 3 行起每行填写一人。")
    with transaction.atomic():
        for number, values in rows:
            try:
                with transaction.atomic():
                    _save_row(actor, values, result)
            except (ValidationError, PermissionDenied) as error:
                _report(result, number, error)
        if not result.ok:
            transaction.set_rollback(True)
        else:
            services.record_import(actor=actor, result=result)
    if not result.ok:
        result.passwords = []
        raise ImportFailed(result)
    return result
