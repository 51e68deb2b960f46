"""The deadline page at scale: a summary per township and state, then 50 a page (issue 21)."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from fazhi.deadlines import selectors
from fazhi.deadlines.models import Deadline
from tests.deadlines.helpers import complaint

URL = reverse("deadlines:list")


def _many(world, org: str, overdue: int, upcoming: int) -> None:
    """`overdue` + `upcoming` deadlines on one complaint of `org` (distinct codes), in bulk;
    the complaint brings its own overdue answer deadline (one more overdue)."""
    today = timezone.localdate()
    record = complaint(world.orgs[org], today - timedelta(days=400), matter=f"{org}批量事项")
    record_type = ContentType.objects.get_for_model(type(record))
    rows = []
    for i in range(overdue + upcoming):
        due = today - timedelta(days=1 + i) if i < overdue else today + timedelta(days=i % 10)
        rows.append(
            Deadline(
                organisation=world.orgs[org],
                record_type=record_type,
                record_id=record.pk,
                code=f"bench.{i}",
                name=f"测试期限{i}",
                days=15,
                unit="calendar",
                triggered_on=due - timedelta(days=15),
                due_on=due,
            )
        )
    Deadline.objects.bulk_create(rows)


def _rows(document, section: str) -> int:
    return len(document.xpath(f'//section[@data-testid="{section}"]//tbody/tr'))


def _get(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def county(world):
    _many(world, "A1", overdue=130, upcoming=7)
    _many(world, "A2", overdue=3, upcoming=2)
    return world


def test_overview_shows_each_states_first_ten_then_fifty_a_page(client, county):
    client.force_login(county.users["inspector"])
    html = _get(client)
    document = lxml_html.fromstring(html)
    assert _rows(document, "overdue") == 10 and _rows(document, "upcoming") == 9
    more = document.xpath('//*[@data-testid="overdue-more"]/a')[0]
    assert more.text_content() == "查看全部 135 项（每页 50 项）"
    assert not document.xpath('//*[@data-testid="upcoming-more"]')  # all 9 shown
    listed = lxml_html.fromstring(_get(client, more.get("href")))
    assert _rows(listed, "overdue") == 50 and not listed.xpath('//*[@data-testid="upcoming"]')
    assert "第 1 / 3 页（每页 50 项）" in listed.text_content()
    small = len(html)
    # Four times the deadlines: the same page, the same size (within a few names and digits).
    _many(county, "A1", overdue=400, upcoming=0)
    html = _get(client)
    assert abs(len(html) - small) < 2_000 and len(html) < 60_000
    last = lxml_html.fromstring(_get(client, "?state=overdue&page=11"))
    # (130 + 1 + 400 + 1) in 甲镇, (3 + 1) in 乙镇: 536 overdue, 11 pages.
    assert _rows(last, "overdue") == 536 - 500 and not last.xpath('//*[@data-testid="upcoming"]')


def test_overview_lists_the_most_pressing_first(client, county):
    today = timezone.localdate()
    client.force_login(county.users["inspector"])
    document = lxml_html.fromstring(_get(client))
    due = [
        row.xpath('td[@data-label="截止日期"]')[0].text_content()[:10]
        for row in document.xpath('//section[@data-testid="overdue"]//tbody/tr')
    ]
    oldest = selectors.overdue_deadlines(today=today, user=county.users["inspector"])[:10]
    assert due == [f"{d.due_on:%Y-%m-%d}" for d in oldest]


def test_query_count_is_the_same_on_every_page(client, county):
    client.force_login(county.users["inspector"])
    _get(client)  # warm the content-type cache
    counts = []
    for query in ("?state=overdue", "?state=overdue&page=3", "?township=%s&state=overdue&page=2"):
        with CaptureQueriesContext(connection) as queries:
            _get(client, query % county.orgs["A1"].code if "%s" in query else query)
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts


def test_summary_counts_are_the_selectors_figures(client, county):
    today = timezone.localdate()
    client.force_login(county.users["inspector"])
    document = lxml_html.fromstring(_get(client))
    cells = {
        (element.get("data-figure"), element.get("data-org")): int(element.text_content())
        for element in document.xpath('//table[@data-testid="summary"]//*[@data-figure]')
    }
    a1, a2 = county.orgs["A1"], county.orgs["A2"]
    expected = {}
    for township in (a1, a2):
        for name, figure in (
            ("deadlines.overdue", selectors.overdue_deadlines),
            ("deadlines.upcoming", selectors.upcoming_deadlines),
        ):
            expected[(name, township.code)] = figure(today=today, organisation=township).count()
    assert cells == expected
    assert expected[("deadlines.overdue", a1.code)] == 131
    assert expected[("deadlines.upcoming", a2.code)] == 2
    summary = selectors.deadline_summary(county.users["inspector"], today)
    assert [(r.township.code, r.overdue, r.upcoming) for r in summary.rows] == [
        (a1.code, 131, 7),
        (a2.code, 4, 2),
    ]
    # The totals are the scope's figures (the county's own deadlines included).
    inspector = county.users["inspector"]
    assert summary.totals == {
        "overdue": selectors.overdue_deadlines(today=today, user=inspector).count(),
        "upcoming": selectors.upcoming_deadlines(today=today, user=inspector).count(),
    }
    # Each count links to its filtered list, whose badge is that same count.
    link = document.xpath(f'//a[@data-figure="deadlines.overdue" and @data-org="{a2.code}"]')
    filtered = lxml_html.fromstring(_get(client, link[0].get("href")))
    badge = filtered.xpath('//section[@data-testid="overdue"]//h2/span')[0]
    assert badge.get("data-org") == a2.code and badge.text_content() == "4"
    assert _rows(filtered, "overdue") == 4


def test_clerk_sees_only_their_township(client, county):
    client.force_login(county.users["clerk"])
    document = lxml_html.fromstring(_get(client))
    orgs = {e.get("data-org") for e in document.xpath("//*[@data-figure]")}
    assert orgs == {county.orgs["A1"].code}
    assert "A2批量事项" not in document.text_content()
    assert client.get(URL + f"?township={county.orgs['A2'].code}").status_code == 404
    # An unknown state is no filter: both sections, as without one.
    document = lxml_html.fromstring(_get(client, "?state=nonsense"))
    assert _rows(document, "overdue") == 10 and _rows(document, "upcoming") == 7
