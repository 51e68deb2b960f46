"""The official holiday table of a year the built-in data does not cover (a hypothetical 2027):
the engine uses it, estimates disappear, computed deadlines are recomputed, bad tables change
nothing, and the calendar page names its source."""

import io
from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from openpyxl import Workbook

from fazhi.audit.models import AdminAction
from fazhi.core import versions
from fazhi.deadlines import official
from fazhi.deadlines.calendar import add_working_days, is_working_day
from fazhi.deadlines.holiday_rows import rows_from_text
from fazhi.deadlines.models import Deadline, HolidayDay, HolidayYear
from fazhi.deadlines.services import holiday_year_save
from tests.deadlines.helpers import complaint

# Hypothetical 2027: 元旦 Fri 1 – Sun 3 Jan; 春节 Sat 6 – Fri 12 Feb, made up on Sat 13 Feb.
TABLE_2027 = """日期\t类型\t名称
2027-01-01\t放假\t元旦
2027-01-02\t放假\t元旦
2027-01-03\t放假\t元旦
2027-02-06\t放假\t春节
2027-02-07\t放假\t春节
2027-02-08\t放假\t春节
2027-02-09\t放假\t春节
2027-02-10\t放假\t春节
2027-02-11\t放假\t春节
2027-02-12\t放假\t春节
2027-02-13\t调休上班\t春节
"""
NOTICE = "国办发明电〔2026〕99号"


def save_2027(actor=None, text=TABLE_2027, **overrides):
    rows, errors = rows_from_text(text)
    assert errors == []
    values = {
        "actor": actor,
        "year": 2027,
        "notice_number": NOTICE,
        "notice_date": date(2026, 11, 10),
        "rows": rows,
    }
    return holiday_year_save(**{**values, **overrides})


def answer_deadline(record):
    return Deadline.objects.get(record_id=record.pk, code="complaint.answer")


def test_engine_uses_the_stored_table_and_drops_the_estimate(db):
    # Before: 2027 is outside chinese-calendar's data, Monday–Friday is a guess.
    assert is_working_day(date(2027, 2, 9)) == (True, True)
    assert add_working_days(date(2027, 2, 5), 2).day == date(2027, 2, 9)
    assert add_working_days(date(2027, 2, 5), 2).estimated
    save_2027()
    assert is_working_day(date(2027, 2, 9)) == (False, False)  # a weekday holiday
    assert is_working_day(date(2027, 2, 13)) == (True, False)  # the make-up Saturday
    assert is_working_day(date(2027, 2, 20)) == (False, False)  # an ordinary Saturday
    # Fri 5 Feb + 2 working days: Sat 13 Feb (make-up) is the 1st, Mon 15 Feb the 2nd.
    due = add_working_days(date(2027, 2, 5), 2)
    assert (due.day, due.estimated) == (date(2027, 2, 15), False)
    # 2028 has no table: still an estimate.
    assert add_working_days(date(2027, 12, 30), 3).estimated


def test_stored_table_wins_over_builtin_data_for_its_year(db):
    # 1 Oct 2026 is a holiday in chinese-calendar; a stored 2026 table without it decides.
    assert is_working_day(date(2026, 10, 1)) == (False, False)
    holiday_year_save(
        actor=None,
        year=2026,
        notice_number="国办发明电〔2025〕7号",
        notice_date=date(2025, 11, 4),
        rows=rows_from_text("2026-01-01 放假 元旦")[0],
    )
    assert is_working_day(date(2026, 10, 1)) == (True, False)


def test_saving_recomputes_deadlines_already_computed(world):
    clerk, admin = world.users["clerk"], world.users["county_admin"]
    township = world.orgs["A1"]
    # Mon 25 Jan + 15 days = Tue 9 Feb: a weekday, guessed working.
    into_holiday = answer_deadline(complaint(township, date(2027, 1, 25)))
    assert (into_holiday.due_on, into_holiday.estimated) == (date(2027, 2, 9), True)
    # Fri 25 Dec 2026 + 15 = Sat 9 Jan 2027 → Mon 11 Jan, estimated.
    across_years = answer_deadline(complaint(township, date(2026, 12, 25)))
    assert (across_years.due_on, across_years.estimated) == (date(2027, 1, 11), True)
    untouched = answer_deadline(complaint(township, date(2026, 6, 1)))
    untouched_history = untouched.history.count()
    assert clerk  # the clerk made the records; the county admin enters the table

    table, changed = save_2027(actor=admin)

    into_holiday.refresh_from_db()
    across_years.refresh_from_db()
    # 9 Feb is a holiday now: the period ends on the next working day, the make-up Saturday.
    assert (into_holiday.due_on, into_holiday.estimated) == (date(2027, 2, 13), False)
    assert (across_years.due_on, across_years.estimated) == (date(2027, 1, 11), False)
    assert changed == 2
    assert untouched.history.count() == untouched_history
    assert into_holiday.history.first().history_user == admin
    assert HolidayDay.objects.filter(table=table).count() == 11
    action = AdminAction.objects.get(verb="calendar.save")
    assert (
        action.actor == admin and NOTICE in action.summary and "重新计算期限 2 项" in action.summary
    )
    assert action.scope_name == world.orgs["A"].name
    # A new record after the save is computed from the table at once.
    fresh = answer_deadline(complaint(township, date(2027, 1, 26)))  # + 15 = Wed 10 Feb
    assert (fresh.due_on, fresh.estimated) == (date(2027, 2, 13), False)


def test_editing_the_table_moves_dates_again_and_keeps_history(world):
    admin = world.users["county_admin"]
    deadline = answer_deadline(complaint(world.orgs["A1"], date(2027, 1, 25)))
    table, _ = save_2027(actor=admin)
    seen = versions.current_version(table)
    # The notice is corrected: 春节 only Sat 6 – Mon 8 Feb, no make-up day.
    shorter = "\n".join(TABLE_2027.splitlines()[:7])
    table, changed = save_2027(actor=admin, text=shorter, seen_version=seen)
    deadline.refresh_from_db()
    assert (deadline.due_on, deadline.estimated) == (date(2027, 2, 9), False)
    assert changed == 1
    assert table.history.count() == 2
    assert not HolidayDay.objects.filter(day=date(2027, 2, 13)).exists()
    assert HolidayDay.history.filter(day=date(2027, 2, 13), history_type="-").exists()
    # A save over a version another person has since replaced is refused.
    with pytest.raises(versions.StaleEdit):
        save_2027(actor=admin, seen_version=seen)


BAD_TABLE = """2027-01-01 放假 元旦
2027-01-04 调休上班 元旦
2027-02-06 放假 春节
2027-02-06 调休上班 春节
2028-01-01 放假 元旦
2027-02-20 调休上班 国庆节
"""


def test_validation_errors_change_nothing(world):
    admin = world.users["county_admin"]
    deadline = answer_deadline(complaint(world.orgs["A1"], date(2027, 1, 25)))
    rows, row_errors = rows_from_text(BAD_TABLE + "2027-13-01 放假 元旦\n2027-03-01 休假 元旦\n")
    with pytest.raises(ValidationError) as raised:
        holiday_year_save(
            actor=admin,
            year=2027,
            notice_number=NOTICE,
            notice_date=date(2025, 3, 1),
            rows=rows,
            row_errors=row_errors,
        )
    messages = raised.value.messages
    assert messages == [
        "第 7 行“日期”列：“2027-13-01”不是日期，请写成 2027-01-01 的形式",
        "第 8 行“类型”列：“休假”不是有效类型，请填写“放假”或“调休上班”",
        "通知日期应在 2026 年或 2027 年内（放假安排一般于上一年年底发布）。",
        "第 2 行“日期”列：调休上班日应为周六或周日，2027-01-04 是星期一（工作日本来就上班）。",
        "第 4 行“日期”列：2027-02-06 与第 3 行既是放假日又是调休上班日，每天只能填写一次。",
        "第 5 行“日期”列：2028-01-01 不在 2027 年内。",
        "第 6 行“名称”列：调休上班日的名称“国庆节”在本表的放假日中没有，请填写它所调休的节日名称。",
    ]
    assert HolidayYear.objects.count() == HolidayDay.objects.count() == 0
    assert not AdminAction.objects.filter(verb="calendar.save").exists()
    deadline.refresh_from_db()
    assert (deadline.due_on, deadline.estimated) == (date(2027, 2, 9), True)


def test_only_a_superuser_or_a_county_admin_saves_a_table(world):
    for role in ("clerk", "admin", "inspector"):
        with pytest.raises(PermissionDenied):
            save_2027(actor=world.users[role])
    assert not HolidayYear.objects.exists()
    superuser = get_user_model().objects.create_superuser("root", password="Root-pass-2026!")
    table, _ = save_2027(actor=superuser)
    assert table.history.first().history_user == superuser
    # National data: a superuser's entry belongs to no unit.
    assert AdminAction.objects.get(verb="calendar.save").scope_path == ""


def test_cache_follows_commits_and_rollbacks(db):
    assert 2027 not in official.stored_tables()
    with pytest.raises(RuntimeError), transaction.atomic():
        save_2027()
        assert date(2027, 2, 9) in official.stored_tables()[2027].holidays
        raise RuntimeError("roll back")
    assert 2027 not in official.stored_tables()
    assert is_working_day(date(2027, 2, 9)) == (True, True)


def page(client, year):
    return client.get("/deadlines/calendar/", {"year": year})


def test_calendar_page_shows_its_source(world):
    client = Client()
    client.force_login(world.users["clerk"])
    body = page(client, 2027).content.decode()
    assert 'data-source="estimated"' in body and "估算" in body
    assert 'data-day="2027-02-09"' in body and 'class="cal-day" data-day="2027-02-09"' in body
    builtin = page(client, 2025).content.decode()
    assert 'data-source="builtin"' in builtin and "chinese-calendar 数据" in builtin
    # National Day 2025: a holiday; Sun 28 Sept 2025 a make-up working day.
    assert 'class="cal-day cal-holiday" data-day="2025-10-01"' in builtin
    assert 'class="cal-day cal-workday" data-day="2025-09-28"' in builtin
    assert "录入2027年放假安排" not in body  # a clerk may not enter it

    save_2027()
    body = page(client, 2027).content.decode()
    assert 'data-source="official"' in body and NOTICE in body and "2026年11月10日" in body
    assert 'class="cal-day cal-holiday" data-day="2027-02-09"' in body
    assert 'class="cal-day cal-workday" data-day="2027-02-13"' in body
    assert 'class="cal-day cal-weekend" data-day="2027-02-20"' in body
    assert body.count("<caption") == 12


def xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["日期", "类型", "名称"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def post_table(client, **data):
    values = {"year": "2027", "notice_number": NOTICE, "notice_date": "2026-11-10", "rows": ""}
    return client.post("/deadlines/calendar/edit/", {**values, **data})


def test_county_admin_imports_an_excel_sheet_on_the_page(world):
    client = Client()
    client.force_login(world.users["county_admin"])
    assert client.get("/deadlines/calendar/edit/", {"year": 2027}).status_code == 200
    good = [[datetime(2027, 2, day), "放假", "春节"] for day in range(6, 13)] + [
        [datetime(2027, 2, 13), "调休上班", "春节"],
        ["2027-01-01", "放假", "元旦"],
    ]
    upload = SimpleUploadedFile("2027.xlsx", xlsx(good))
    response = post_table(client, file=upload)
    assert response.status_code == 302 and response["Location"].endswith("?year=2027")
    assert HolidayDay.objects.filter(day__year=2027).count() == 9
    assert is_working_day(date(2027, 2, 13)) == (True, False)


def test_a_bad_sheet_shows_chinese_errors_and_saves_nothing(world):
    client = Client()
    client.force_login(world.users["county_admin"])
    bad = [[datetime(2027, 2, 6), "放假", "春节"], [datetime(2027, 2, 8), "上课", "春节"]]
    response = post_table(client, file=SimpleUploadedFile("bad.xlsx", xlsx(bad)))
    body = response.content.decode()
    assert response.status_code == 200
    assert "第 3 行“类型”列：“上课”不是有效类型" in body
    assert not HolidayYear.objects.exists()
    response = post_table(client, file=SimpleUploadedFile("x.xlsx", b"not a workbook"))
    assert "无法读取该文件" in response.content.decode()
    assert not HolidayYear.objects.exists()


def test_a_township_admin_may_not_enter_the_national_table(world):
    client = Client()
    client.force_login(world.users["admin"])
    assert post_table(client, rows=TABLE_2027).status_code == 403
    assert not HolidayYear.objects.exists()


def test_sheet_rows_are_read_with_their_row_numbers():
    from fazhi.deadlines.holiday_rows import rows_from_xlsx

    data = xlsx(
        [
            [datetime(2027, 1, 1), "放假", "元旦"],
            ["=A2+1", "放假", "元旦"],
            ["2027年1月3日", "休", "元旦"],
            [None, None, None],
            ["2027/2/13", "班", ""],
        ]
    )
    rows, errors = rows_from_xlsx(data)
    assert [(r.number, r.day, r.kind) for r in rows] == [
        (2, date(2027, 1, 1), "holiday"),
        (4, date(2027, 1, 3), "holiday"),
    ]
    assert [str(e) for e in errors] == [
        "第 3 行“日期”列：该单元格是公式，请改为直接填写内容",
        "第 6 行“名称”列：请填写节日名称，如“春节”",
    ]
    missing = Workbook()
    missing.active.append(["日期", "名称"])
    out = io.BytesIO()
    missing.save(out)
    assert [str(e) for e in rows_from_xlsx(out.getvalue())[1]] == [
        "第 1 行“类型”列：缺少该列（表头应为 日期、类型、名称）"
    ]


@pytest.mark.parametrize("year", range(2004, 2027))
def test_every_real_year_of_the_builtin_data_passes_the_rules(year):
    """The rules must accept what the State Council actually published (chinese-calendar's
    2004–2026 data): make-up days on weekends, each named after a holiday of its table."""
    from fazhi.deadlines.calendar import builtin_days
    from fazhi.deadlines.holiday_rows import HolidayRow
    from fazhi.deadlines.services import _table_errors

    rows = [
        HolidayRow(number, day, "workday" if workday else "holiday", name)
        for number, (day, workday, name) in enumerate(builtin_days(year), start=1)
    ]
    assert len(rows) > 10
    assert _table_errors(year, "国办发明电", date(year - 1, 12, 1), rows) == []
