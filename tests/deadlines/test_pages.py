"""The pages and the daily digest command."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from fazhi.deadlines.models import Deadline, PeriodSetting
from fazhi.deadlines.services import deadline_meet, deadline_set
from tests.deadlines.helpers import complaint

CODE = "complaint.answer"


def _deadline(world, org, received, matter):
    record = complaint(world.orgs[org], received, matter=matter)
    deadline_set(record=record, code=CODE, triggered_on=received)
    return record


def test_township_page_lists_its_overdue_and_upcoming_items_only(client, world):
    today = timezone.localdate()
    _deadline(world, "A1", today - timedelta(days=40), "甲镇逾期事项")
    _deadline(world, "A1", today - timedelta(days=3), "甲镇近期事项")
    _deadline(world, "A2", today - timedelta(days=40), "乙镇逾期事项")
    client.force_login(world.users["clerk"])
    html = client.get(reverse("deadlines:list")).content.decode()
    assert "甲镇逾期事项" in html and "甲镇近期事项" in html
    assert "乙镇逾期事项" not in html
    assert "已逾期" in html and "未来 14 天内到期" in html
    assert "《信访工作条例》" in html or "投诉" in html


def test_estimated_due_dates_are_marked_with_an_explanation(client, world):
    record = complaint(world.orgs["A1"], date(2026, 12, 20), matter="跨年事项")
    deadline = deadline_set(record=record, code=CODE, triggered_on=date(2030, 3, 1))
    assert deadline.estimated
    client.force_login(world.users["clerk"])
    url = reverse("deadlines:record", kwargs={"kind": "complaints", "pk": record.pk})
    html = client.get(url).content.decode()
    assert "（估算）" in html and "按周一至周五为工作日估算" in html


def test_record_page_of_another_township_is_404(client, world):
    record = _deadline(world, "A2", date(2024, 11, 5), "乙镇事项")
    client.force_login(world.users["clerk"])
    url = reverse("deadlines:record", kwargs={"kind": "complaints", "pk": record.pk})
    response = client.get(url)
    assert response.status_code == 404
    assert "乙镇事项" not in response.content.decode()


def test_record_page_shows_state_source_and_history(client, world):
    record = _deadline(world, "A1", date(2024, 9, 16), "国庆事项")
    deadline_meet(record=record, code=CODE, met_on=date(2024, 10, 9))
    client.force_login(world.users["leader"])
    url = reverse("deadlines:record", kwargs={"kind": "complaints", "pk": record.pk})
    html = client.get(url).content.decode()
    assert "2024-10-08" in html and "逾期完成" in html and "依据" in html


def test_county_page_counts_each_township(client, world):
    today = timezone.localdate()
    _deadline(world, "A1", today - timedelta(days=40), "甲镇逾期事项")
    _deadline(world, "A2", today - timedelta(days=40), "乙镇逾期事项")
    client.force_login(world.users["inspector"])
    html = client.get(reverse("deadlines:county")).content.decode()
    assert "逾期未完成事项共 2 项" in lxml_html.fromstring(html).text_content()
    # The items themselves are on the deadline page, a township's page at a time.
    link = f"{reverse('deadlines:list')}?township={world.orgs['A1'].code}&amp;state=overdue"
    assert link in html
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert "甲镇逾期事项" in listed and "乙镇逾期事项" not in listed
    client.force_login(world.users["clerk"])
    assert client.get(reverse("deadlines:county")).status_code == 403


def test_periods_page_shows_sources_marks_and_the_countys_value(client, world):
    PeriodSetting.objects.create(county=world.orgs["A"], code="normative.filing", days=3)
    client.force_login(world.users["clerk"])
    html = client.get(reverse("deadlines:periods")).content.decode()
    assert "《中华人民共和国行政处罚法》第六十条" in html and "以本地规定为准" in html
    assert "【" not in html and "normative.filing" not in lxml_html.fromstring(html).text_content()
    assert "本县设置" in html and "修改期限设置" not in html
    client.force_login(world.users["county_admin"])
    html = client.get(reverse("deadlines:periods")).content.decode()
    assert "修改期限设置" in html


def test_county_admin_edits_a_period_and_errors_are_shown_in_chinese(client, world):
    client.force_login(world.users["county_admin"])
    url = reverse("deadlines:period_edit", kwargs={"code": world.orgs["A"].code})
    response = client.post(url, {"code": "petition.handling", "days": "90"})
    assert response.status_code == 200 and "没有这个期限" in response.content.decode()
    response = client.post(url, {"code": "normative.filing", "days": "0"})
    assert "天数须为 1 至 365 之间的整数" in response.content.decode()
    assert not PeriodSetting.objects.exists()
    response = client.post(url, {"code": "normative.filing", "days": "5", "reason": "本县规定"})
    assert response.status_code == 302
    assert PeriodSetting.objects.get().days == 5


@pytest.mark.django_db
def test_cli_lists_the_demo_townships_overdue_and_upcoming_items():
    from fazhi.deadlines import demo as deadline_demo
    from fazhi.deadlines.demo import PENDING_COMPLAINT
    from fazhi.ledgers import demo as ledger_demo
    from fazhi.orgs import demo as org_demo

    today = date(2026, 11, 22)
    org_demo.load()
    ledger_demo.load(today)
    deadline_demo.load(today)
    deadlines = Deadline.objects.count()
    deadline_demo.load(today)  # idempotent: nothing added the second time
    assert Deadline.objects.count() == deadlines
    out = StringIO()
    call_command("deadlines", org="999901101", today="2026-11-22", stdout=out)
    text = out.getvalue()
    assert text.startswith("青山镇期限提醒（统计日期 2026-11-22）")
    overdue = int(text.split("已逾期：")[1].split(" 项")[0])
    upcoming = int(text.split("天内到期：")[1].split(" 项")[0])
    assert overdue > 0 and upcoming > 0
    assert "投诉答复期限" in text and "已逾期" in text and "还剩" in text
    # The ledger loader gives every record its deadlines (petitions, cases, complaints); a
    # township still without anything upcoming gets one pending complaint.
    assert text.count(PENDING_COMPLAINT["matter"]) <= 1


def test_cli_refuses_an_unknown_organisation(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有统一代码为"):
        call_command("deadlines", org="000", stdout=StringIO())
