"""Records made straight in the database for the dashboard tests (bulk_create: thousands of rows
in a second). `year` is set from the date, as the services would."""

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from lxml import html

from fazhi.deadlines.models import Deadline
from fazhi.governance.models import Budget, Meeting, Task


def row(model, organisation, day: date, **fields):
    return model(organisation=organisation, occurred_on=day, year=day.year, **fields)


def meeting(organisation, day: date, **fields):
    values = {
        "meeting_type": Meeting.Type.LEADING_GROUP,
        "title": "法治建设领导小组会议",
        "presider_position": "secretary",
        "attendees": 9,
    }
    return row(Meeting, organisation, day, **{**values, **fields})


def budget(organisation, day: date, amount: str):
    return row(Budget, organisation, day, purpose="general", amount=Decimal(amount))


def task(organisation, day: date, due_on: date):
    return row(Task, organisation, day, task="任务", due_on=due_on, status="in_progress")


def deadline(record, due_on: date, *, code: str = "test.deadline", met_on=None):
    return Deadline(
        organisation=record.organisation,
        record_type=ContentType.objects.get_for_model(type(record)),
        record_id=record.pk,
        code=code,
        name="测试期限",
        days=15,
        unit="calendar",
        triggered_on=due_on,
        due_on=due_on,
        met_on=met_on,
    )


def today() -> date:
    return timezone.localdate()


def parse(response):
    return html.fromstring(response.content.decode())


def figures(document, *, year: int) -> dict[str, list]:
    """{code: [element, ...]} of the value links of one year (data-year)."""
    found: dict[str, list] = {}
    for element in document.xpath(f'//a[@data-indicator and @data-year="{year}"]'):
        found.setdefault(element.get("data-indicator"), []).append(element)
    return found
