"""Acceptance: the dashboards run as many SQL queries for 1,000 records as for 10, and for ten
townships as for one (grouped queries, nothing per row in views or templates)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.deadlines.models import Deadline
from fazhi.disputes.models import MediationCase
from fazhi.enforcement.models import Officer
from fazhi.governance.models import Budget, Meeting, Task
from fazhi.legal_services.models import LegalService
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level
from fazhi.orgs.services import organisation_create
from fazhi.publicity.models import Activity
from fazhi.publicity.theme_days import THEME_DAYS
from fazhi.study.models import StudySession
from tests.indicators.helpers import budget, deadline, meeting, row, task, today

pytestmark = pytest.mark.django_db

FORMS = [choice for choice, _ in Activity.Form.choices]
RESULTS = ["success", "failed", "terminated", ""]
SESSION_TYPES = [choice for choice, _ in StudySession.Type.choices]


def populate(township: Organisation, count: int, *, start: int = 0) -> None:
    """`count` records of every kind the dashboards read, over this year and last, in the
    township and its villages, with deadlines (overdue and upcoming) on two kinds of record."""
    day = today()
    villages = list(Organisation.objects.filter(parent=township).order_by("code"))
    serial = f"{township.code}-{start}"

    def when(i):
        return date(day.year - (i % 2), 1 + i % 12, 1 + i % 28)

    Meeting.objects.bulk_create([meeting(township, when(i)) for i in range(count)])
    Budget.objects.bulk_create([budget(township, when(i), str(100 + i)) for i in range(count)])
    Activity.objects.bulk_create(
        [
            row(
                Activity,
                township,
                when(i),
                form=FORMS[i % len(FORMS)],
                theme_day=THEME_DAYS[i % len(THEME_DAYS)].key if i % 3 == 0 else "",
                materials=i,
            )
            for i in range(count)
        ]
    )
    MediationCase.objects.bulk_create(
        [row(MediationCase, township, when(i), result=RESULTS[i % 4]) for i in range(count)]
    )
    StudySession.objects.bulk_create(
        [
            row(
                StudySession,
                township,
                when(i),
                session_type=SESSION_TYPES[i % len(SESSION_TYPES)],
                attendees=10,
                hours=2,
            )
            for i in range(count)
        ]
    )
    Officer.objects.bulk_create(
        [
            row(
                Officer,
                township,
                day - timedelta(days=1000),
                name=f"执法人员{i}",
                certificate_number=f"{serial}-{i}",
                valid_until=day + timedelta(days=(i % 200) - 100),
            )
            for i in range(count)
        ]
    )
    services = LegalService.objects.bulk_create(
        [
            row(
                LegalService,
                villages[i % len(villages)],
                day - timedelta(days=i % 150),
                service_type="consultation",
                people_served=1,
            )
            for i in range(count)
        ]
    )
    tasks = Task.objects.bulk_create(
        [task(township, when(i), day + timedelta(days=(i * 7) % 30 - 15)) for i in range(count)]
    )
    Deadline.objects.bulk_create(
        [deadline(t, day + timedelta(days=(i * 7) % 30 - 15)) for i, t in enumerate(tasks)]
        + [deadline(s, day + timedelta(days=(i * 7) % 30 - 15)) for i, s in enumerate(services)]
    )


def add_township(county: Organisation, number: int) -> Organisation:
    township = organisation_create(
        actor=None,
        code=f"{county.code}{number:03d}",
        name=f"测试镇{number}",
        level=Level.TOWNSHIP,
        parent=county,
    )
    for village in (1, 2):
        organisation_create(
            actor=None,
            code=f"{township.code}{village:03d}",
            name=f"测试镇{number}村{village}",
            level=Level.VILLAGE,
            parent=township,
        )
    return township


def queries(client, url) -> int:
    client.get(url)  # warm the caches (content types, catalogue) before counting
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(captured.captured_queries)


def test_township_dashboard_queries_do_not_grow_with_records(client, world):
    a1 = world.orgs["A1"]
    url = reverse("dashboards:township", kwargs={"code": a1.code})
    client.force_login(world.users["clerk"])
    populate(a1, 10)
    few = queries(client, url)
    populate(a1, 990, start=10)
    assert Meeting.objects.filter(organisation=a1).count() == 1000
    many = queries(client, url)
    assert many == few, f"{few} queries for 10 records, {many} for 1000"


def test_county_dashboard_queries_do_not_grow_with_records(client, world):
    url = reverse("dashboards:county") + "?codes=all"
    client.force_login(world.users["inspector"])
    populate(world.orgs["A1"], 10)
    few = queries(client, url)
    populate(world.orgs["A1"], 990, start=10)
    populate(world.orgs["A2"], 500)
    many = queries(client, url)
    assert many == few, f"{few} queries for 10 records, {many} for 1500"


@pytest.mark.parametrize("name", ["dashboards:county", "dashboards:county_export"])
def test_county_dashboard_queries_do_not_grow_with_townships(client, world, name):
    county = organisation_create(actor=None, code="300001", name="测试县", level=Level.COUNTY)
    from django.contrib.auth import get_user_model

    from fazhi.orgs.services import membership_grant

    inspector = get_user_model().objects.create_user(username="test-inspector")
    membership_grant(actor=None, user=inspector, organisation=county, role="inspector")
    client.force_login(inspector)
    url = reverse(name) + "?codes=all"
    populate(add_township(county, 1), 10)
    one = queries(client, url)
    for number in range(2, 11):
        populate(add_township(county, number), 10)
    assert Organisation.objects.filter(parent=county).count() == 10
    ten = queries(client, url)
    assert ten == one, f"{one} queries for 1 township, {ten} for 10"


def test_township_dashboard_queries_do_not_grow_with_townships(client, world):
    """An inspector opening one township while the county has many more."""
    a1 = world.orgs["A1"]
    url = reverse("dashboards:township", kwargs={"code": a1.code})
    client.force_login(world.users["inspector"])
    populate(a1, 10)
    one = queries(client, url)
    for number in range(3, 12):
        populate(add_township(world.orgs["A"], number), 10)
    ten = queries(client, url)
    assert ten == one
