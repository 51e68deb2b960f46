"""Many people from Excel: all-or-nothing, idempotent on 登录名, errors by row and column."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.audit.models import AdminAction
from fazhi.ledgers.excel import ImportFailed
from fazhi.orgs.roles import Role
from fazhi.people.excel import import_people, template_bytes

HEADERS = ["姓名", "单位", "手机号", "登录名", "角色"]
ROWS = [
    ["张三", "甲镇", "13800000001", "zhang.san", "录入员"],
    ["李四", "100001101", 13800000002, "li.si", "领导"],
    ["王五", "甲一村", None, "wang.wu", "法律顾问"],
]


def _workbook(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append(["必填"] * len(HEADERS))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _logins():
    return set(
        get_user_model().objects.filter(username__contains=".").values_list("username", flat=True)
    )


def test_template_has_the_columns_and_an_empty_one_is_refused(world):
    sheet = load_workbook(io.BytesIO(template_bytes())).active
    assert [cell.value for cell in sheet[1]] == HEADERS
    with pytest.raises(ValidationError, match="文件中没有人员数据"):
        import_people(actor=world.users["admin"], data=template_bytes())
    assert not AdminAction.objects.exists()


def test_import_creates_people_with_one_time_passwords_and_roles(world):
    result = import_people(actor=world.users["admin"], data=_workbook(ROWS))
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert _logins() == {"zhang.san", "li.si", "wang.wu"}
    li = get_user_model().objects.get(username="li.si")
    assert li.display_name == "李四" and li.person.phone == "13800000002"
    assert li.must_change_password
    assert list(li.memberships.values_list("role", flat=True)) == [Role.LEADER]
    passwords = {login: password for _, login, password in result.passwords}
    assert li.check_password(passwords["li.si"])
    wang = get_user_model().objects.get(username="wang.wu")
    assert wang.memberships.get().organisation == world.orgs["A1V1"]
    verbs = list(AdminAction.objects.values_list("verb", flat=True))
    assert verbs.count("person.create") == 3 and verbs.count("person.import") == 1


def test_import_is_idempotent_on_the_login_name(world):
    import_people(actor=world.users["admin"], data=_workbook(ROWS))
    first = get_user_model().objects.get(username="zhang.san").password
    again = import_people(actor=world.users["admin"], data=_workbook(ROWS))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert again.passwords == []
    assert get_user_model().objects.get(username="zhang.san").password == first  # untouched
    changed = [["张三丰", "甲镇", "13800000009", "zhang.san", "领导"], *ROWS[1:]]
    third = import_people(actor=world.users["admin"], data=_workbook(changed))
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    zhang = get_user_model().objects.get(username="zhang.san")
    assert zhang.display_name == "张三丰" and zhang.person.phone == "13800000009"
    assert set(zhang.memberships.values_list("role", flat=True)) == {Role.CLERK, Role.LEADER}


def test_one_bad_row_imports_nothing_and_every_error_is_named(world):
    rows = [
        *ROWS,
        ["", "甲镇", None, "no.name", None],
        ["赵六", "乙镇", None, "zhao.liu", None],
        ["钱七", "甲镇", "12345", "qian.qi", None],
        ["孙八", "甲镇", None, "sun.ba", "督察"],
        ["周九", "甲镇", None, "zhang.san", None],
        ["吴十", "甲镇", None, "wu.shi", "县长"],
        ["郑一", "甲镇", None, "county_admin", None],
    ]
    with pytest.raises(ImportFailed) as failure:
        import_people(actor=world.users["admin"], data=_workbook(rows))
    errors = {(e.row, e.column): e.message for e in failure.value.result.errors}
    assert errors[(6, "姓名")] == "必填"
    assert errors[(7, "单位")] == "“乙镇”不是您管理的单位"
    assert "手机号应为 11 位数字" in errors[(8, "手机号")]
    assert "督察只能设在县（区）" in errors[(9, "角色")]
    assert errors[(10, "登录名")] == "与第 3 行的登录名重复"
    assert errors[(11, "角色")] == "“县长”不是系统中的角色"
    assert errors[(12, "登录名")] == "该登录名已被您管理范围以外的人员使用"
    assert _logins() == set()
    assert not AdminAction.objects.exists()
    assert (
        not get_user_model().objects.filter(username="county_admin", display_name="郑一").exists()
    )


def test_a_formula_cell_is_refused(world):
    rows = [["=1+1", "甲镇", None, "f.x", None]]
    with pytest.raises(ImportFailed) as failure:
        import_people(actor=world.users["admin"], data=_workbook(rows))
    assert failure.value.result.errors[0].column == "姓名"
    assert "公式" in failure.value.result.errors[0].message


def test_import_page_shows_passwords_once_and_errors(client, world):
    client.force_login(world.users["admin"])
    upload = io.BytesIO(_workbook(ROWS))
    upload.name = "people.xlsx"
    html = client.post(reverse("people:import"), {"file": upload}).content.decode()
    assert "导入完成：新增 3 人" in html and 'data-testid="import-passwords"' in html
    bad = io.BytesIO(_workbook([["赵六", "乙镇", None, "zhao.liu", None]]))
    bad.name = "people.xlsx"
    html = client.post(reverse("people:import"), {"file": bad}).content.decode()
    assert "发现 1 处错误，未导入任何人员" in html and "“乙镇”不是您管理的单位" in html
    junk = io.BytesIO(b"not a workbook")
    junk.name = "people.xlsx"
    html = client.post(reverse("people:import"), {"file": junk}).content.decode()
    assert "无法读取该文件" in html


def test_template_download(client, world):
    client.force_login(world.users["county_admin"])
    response = client.get(reverse("people:template"))
    assert response.status_code == 200
    assert [c.value for c in load_workbook(io.BytesIO(response.content)).active[1]] == HEADERS
