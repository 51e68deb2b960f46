"""The township and county dashboards: figures equal the engine's, every figure links to its
records, coverage gaps and deadlines, charts, county ranks, sorting and the Excel export."""

import io
import json
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.catalogue import load_catalogue
from fazhi.dashboards.county import ranks
from fazhi.dashboards.domains import headline_codes
from fazhi.deadlines.models import Deadline
from fazhi.disputes.models import MediationCase
from fazhi.enforcement.models import Officer
from fazhi.governance.models import Budget, Meeting, Task
from fazhi.indicators import engine, formatting
from fazhi.indicators.registry import catalogue_codes
from fazhi.legal_services.models import LegalService
from fazhi.publicity.models import Activity
from fazhi.publicity.theme_days import THEME_DAYS
from fazhi.study.models import StudySession
from tests.indicators.helpers import budget, deadline, figures, meeting, parse, row, task, today

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def township_url(organisation, **query):
    url = reverse("dashboards:township", kwargs={"code": organisation.code})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def figures_world(world):
    """Meetings and budgets in A1 and A2 over two years, one archived meeting in A1."""
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    Meeting.objects.bulk_create(
        [meeting(a1, date(YEAR, 1, 10 + i)) for i in range(3)]
        + [meeting(a1, date(YEAR - 1, 3, 1 + i)) for i in range(2)]
        + [meeting(a2, date(YEAR, 2, 1 + i)) for i in range(5)]
        + [meeting(a2, date(YEAR - 1, 2, 1))]
        + [meeting(a1, date(YEAR, 1, 5), archived_at=timezone.now())]
    )
    Budget.objects.bulk_create(
        [
            budget(a1, date(YEAR, 1, 2), "10000"),
            budget(a1, date(YEAR, 3, 2), "2500.50"),
            budget(a1, date(YEAR - 1, 3, 2), "8000"),
            budget(a2, date(YEAR, 3, 2), "30000"),
        ]
    )
    return world


def _engine_values(organisation, year):
    codes = catalogue_codes()
    return codes, engine.evaluate(codes, [organisation], [year - 1, year])


def _as_value(text: str):
    return None if text == "" else Decimal(text)


def test_township_figures_equal_engine_values_and_link_to_their_records(client, figures_world):
    a1 = figures_world.orgs["A1"]
    client.force_login(figures_world.users["clerk"])
    document = parse(client.get(township_url(a1)))
    codes, table = _engine_values(a1, YEAR)
    assert "governance.leading_group_meetings" in codes  # the example app's codes at least
    for year in (YEAR, YEAR - 1):
        shown = figures(document, year=year)
        for code in codes:
            assert code in shown, (code, year)
            expected = table.value(code, a1, year)
            for element in shown[code]:
                assert _as_value(element.get("data-value")) == expected, (code, year)
                assert element.text_content().strip() == formatting.format_value(code, expected)
                href = reverse("indicators:records", kwargs={"code": a1.code, "indicator": code})
                assert element.get("href") == f"{href}?year={year}"
    # Independent of the engine: what the constructed rows say.
    current = figures(document, year=YEAR)
    assert current["governance.leading_group_meetings"][0].get("data-value") == "3"
    assert Decimal(current["governance.budget"][0].get("data-value")) == Decimal("1.25")
    row_element = document.xpath('//tr[@data-row="governance.leading_group_meetings"]')[0]
    assert "+1次" in row_element.text_content()


def test_every_catalogue_indicator_is_listed_under_its_domain(client, figures_world):
    client.force_login(figures_world.users["leader"])
    document = parse(client.get(township_url(figures_world.orgs["A1"])))
    table = document.xpath('//section[@data-testid="all-figures"]//table')[0]
    listed = {}
    for body in table.xpath("./tbody"):
        heading = body.xpath("./tr/th")[0].text_content().strip()
        for code in body.xpath("./tr/@data-row"):
            listed[code] = heading
    assert list(listed) == catalogue_codes()
    assert listed["governance.budget"] == "组织领导"
    assert listed["publicity.materials"] == "普法"
    assert listed["disputes.mediation_success_rate"] == "矛盾纠纷"
    for code in catalogue_codes():
        cells = document.xpath(f'//tr[@data-row="{code}"]//*[@data-indicator="{code}"]')
        assert [cell.get("data-year") for cell in cells] == [str(YEAR), str(YEAR - 1)], code


def test_key_figures_show_last_year_and_the_change(client, figures_world):
    a1 = figures_world.orgs["A1"]
    client.force_login(figures_world.users["clerk"])
    document = parse(client.get(township_url(a1)))
    section = document.xpath('//section[@data-testid="key-figures"]')[0]
    shown = section.xpath(".//*[@data-indicator]/@data-indicator")
    assert list(dict.fromkeys(shown)) == load_catalogue().key_codes
    codes, table = _engine_values(a1, YEAR)
    for code in set(codes) & set(load_catalogue().key_codes):
        change = section.xpath(f'.//*[@data-change="{code}"]')[0].text_content().strip()
        expected = formatting.format_change(
            code, table.value(code, a1, YEAR), table.value(code, a1, YEAR - 1)
        )
        assert change == expected
    budget_change = section.xpath('.//*[@data-change="governance.budget"]')[0]
    assert budget_change.text_content().strip() == "+0.45万元"


def test_a_figure_link_opens_the_records_it_counts(client, figures_world):
    a1 = figures_world.orgs["A1"]
    client.force_login(figures_world.users["clerk"])
    document = parse(client.get(township_url(a1)))
    link = figures(document, year=YEAR)["governance.leading_group_meetings"][0].get("href")
    page = parse(client.get(link))
    records = page.xpath('//section[@data-testid="records-governance.leading_group_meetings"]')
    assert len(records[0].xpath(".//tbody/tr")) == 3


def test_deadlines_due_within_14_days_and_overdue(client, world):
    a1, a2, village = world.orgs["A1"], world.orgs["A2"], world.orgs["A1V1"]
    day = today()
    tasks = Task.objects.bulk_create([task(a1, day, day) for _ in range(5)] + [task(a2, day, day)])
    service = LegalService.objects.bulk_create(
        [row(LegalService, village, day, service_type="consultation", people_served=1)]
    )[0]
    from fazhi.deadlines.models import Deadline

    Deadline.objects.bulk_create(
        [
            deadline(tasks[0], day + timedelta(days=14)),  # upcoming: the 14th day counts
            deadline(tasks[1], day + timedelta(days=15)),  # too far ahead
            deadline(tasks[2], day - timedelta(days=1)),  # overdue
            deadline(tasks[3], day - timedelta(days=3), met_on=day - timedelta(days=4)),  # met
            deadline(tasks[4], day),  # due today: upcoming, not overdue
            deadline(service, day - timedelta(days=2)),  # a village's, overdue
            deadline(tasks[5], day - timedelta(days=1)),  # another township's
        ]
    )
    client.force_login(world.users["reviewer"])
    document = parse(client.get(township_url(a1)))
    overdue = document.xpath('//*[@data-testid="overdue"]//tbody/tr')
    upcoming = document.xpath('//*[@data-testid="upcoming"]//tbody/tr')
    assert document.xpath('string(//*[@data-testid="overdue-count"])') == "2"
    assert document.xpath('string(//*[@data-testid="upcoming-count"])') == "2"
    due_dates = [r.xpath("string(./td[5])").strip()[:10] for r in overdue]
    assert due_dates == [str(day - timedelta(days=2)), str(day - timedelta(days=1))]
    due_dates = [r.xpath("string(./td[5])").strip()[:10] for r in upcoming]
    assert due_dates == [str(day), str(day + timedelta(days=14))]
    assert "乙镇" not in document.text_content()


def test_coverage_gaps(client, world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    v1, v2, other_village = world.orgs["A1V1"], world.orgs["A1V2"], world.orgs["A2V1"]
    day = today()
    LegalService.objects.bulk_create(
        [
            # Within the 90 days: today and the 89 days before.
            row(LegalService, v1, day - timedelta(days=89), people_served=1),
            row(LegalService, v2, day - timedelta(days=90), people_served=1),
            row(
                LegalService,
                v2,
                day - timedelta(days=5),
                people_served=1,
                archived_at=timezone.now(),
            ),
        ]
    )
    Officer.objects.bulk_create(
        [
            row(
                Officer,
                a1,
                day - timedelta(days=1000),
                name="已过期",
                certificate_number="C0",
                valid_until=day - timedelta(days=1),
            ),
            row(
                Officer,
                a1,
                day - timedelta(days=1000),
                name="三十天",
                certificate_number="C1",
                valid_until=day + timedelta(days=30),
            ),
            row(
                Officer,
                a1,
                day - timedelta(days=1000),
                name="三十一天",
                certificate_number="C2",
                valid_until=day + timedelta(days=31),
            ),
            row(
                Officer,
                a1,
                day - timedelta(days=1000),
                name="已归档",
                certificate_number="C3",
                valid_until=day - timedelta(days=5),
                archived_at=timezone.now(),
            ),
            row(
                Officer,
                a2,
                day - timedelta(days=1000),
                name="乙镇人员",
                certificate_number="C4",
                valid_until=day,
            ),
        ]
    )
    # Last year: every theme day is past. Covered: an A1 activity inside the window.
    last_year = day.year - 1
    themes = list(THEME_DAYS)
    activities = []
    for index, theme in enumerate(themes):
        start, end = theme.window(last_year)
        if index == 1:  # tagged, but held after the window
            activities.append(row(Activity, a1, end + timedelta(days=1), theme_day=theme.key))
        elif index == 2:  # held by another township only
            activities.append(row(Activity, a2, start, theme_day=theme.key))
        elif index == 3:  # archived
            activities.append(
                row(Activity, a1, start, theme_day=theme.key, archived_at=timezone.now())
            )
        elif index == 4:  # in the window, but not tagged with the theme
            activities.append(row(Activity, a1, start, theme_day=""))
        else:
            activities.append(row(Activity, a1, end, theme_day=theme.key))
    Activity.objects.bulk_create(activities)

    client.force_login(world.users["clerk"])
    document = parse(client.get(township_url(a1, year=last_year)))
    villages = document.xpath('//*[@data-testid="villages-without-service"]/li/@data-org')
    assert villages == [v2.code]
    assert other_village.code not in villages
    gaps = document.xpath('//*[@data-testid="theme-gaps"]/li/@data-theme')
    expected = [themes[i].key for i in (1, 2, 3, 4)]
    assert sorted(gaps) == sorted(expected)
    officers = document.xpath('//*[@data-testid="expiring-officers"]/li')
    assert [o.text_content().split("（")[0] for o in officers] == ["已过期", "三十天"]

    # This year: only the theme days whose window has ended are judged.
    document = parse(client.get(township_url(a1)))
    past = [t for t in THEME_DAYS if t.window(day.year)[1] < day]
    assert sorted(document.xpath('//*[@data-testid="theme-gaps"]/li/@data-theme')) == sorted(
        t.key for t in past
    )


def test_charts_count_the_year_by_month_form_result_and_type(client, world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    Activity.objects.bulk_create(
        [row(Activity, a1, date(YEAR, 3, 2), form="lecture") for _ in range(2)]
        + [row(Activity, a1, date(YEAR, 5, 9), form="lecture")]
        + [row(Activity, a1, date(YEAR, 5, 9), form="campaign")]
        + [row(Activity, a1, date(YEAR - 1, 5, 9), form="campaign")]
        + [row(Activity, a2, date(YEAR, 5, 9), form="campaign")]
    )
    MediationCase.objects.bulk_create(
        [row(MediationCase, a1, date(YEAR, 2, 1), result="success") for _ in range(3)]
        + [row(MediationCase, a1, date(YEAR, 2, 1), result="failed")]
        + [row(MediationCase, a1, date(YEAR, 2, 1), result="")]
    )
    StudySession.objects.bulk_create(
        [row(StudySession, a1, date(YEAR, 4, 1), session_type="lecture", attendees=5, hours=1)]
        + [row(StudySession, a1, date(YEAR, 4, 1), session_type="collective", attendees=5, hours=1)]
        * 1
    )
    client.force_login(world.users["clerk"])
    response = client.get(township_url(a1))
    document = parse(response)
    charts = json.loads(document.xpath('//script[@id="dashboard-charts"]')[0].text)
    publicity = charts["publicity"]
    assert publicity["total"] == 4
    series = {s["name"]: [d["value"] for d in s["data"]] for s in publicity["option"]["series"]}
    lecture = Activity.Form("lecture").label
    campaign = Activity.Form("campaign").label
    assert series[lecture][2] == 2 and series[lecture][4] == 1
    assert series[campaign] == [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    march = publicity["option"]["series"][0]["data"][2]["url"]  # lectures in March: 2
    parts = urlsplit(march)
    assert parts.path == reverse("ledgers:list", kwargs={"kind": "publicity-activities"})
    assert parse_qs(parts.query) == {
        "year": [str(YEAR)],
        "organisation": [str(a1.pk)],
        "form": ["lecture"],
        "month": ["3"],
    }
    listing = parse(client.get(march))
    assert len(listing.xpath("//table//tbody/tr")) == 2
    may = publicity["option"]["series"][0]["data"][4]["url"]
    assert len(parse(client.get(may)).xpath("//table//tbody/tr")) == 1

    mediation = {d["name"]: d["value"] for d in charts["mediation"]["option"]["series"][0]["data"]}
    assert mediation == {"成功": 3, "失败": 1, "调解中": 1}
    study = charts["study"]["option"]
    by_type = dict(
        zip(study["yAxis"]["data"], [d["value"] for d in study["series"][0]["data"]], strict=True)
    )
    assert by_type[StudySession.Type("lecture").label] == 1
    assert by_type[StudySession.Type("collective").label] == 1
    assert by_type[StudySession.Type("central_group").label] == 0
    html = response.content.decode()
    assert "vendor/echarts/echarts.min.js" in html
    assert "dashboards/dashboard.js" in html
    assert len(document.xpath('//*[@data-chart="publicity"]')) == 1


def test_township_dashboard_scope(client, world):
    client.force_login(world.users["clerk"])
    assert client.get(township_url(world.orgs["A2"])).status_code == 404
    assert client.get(township_url(world.orgs["A1V1"])).status_code == 404  # not a township
    client.force_login(world.users["inspector"])
    assert client.get(township_url(world.orgs["A2"])).status_code == 200
    assert client.get(township_url(world.orgs["B1"])).status_code == 404
    client.force_login(world.users["advisor"])
    assert client.get(township_url(world.orgs["A1"])).status_code == 403


def test_home_sends_each_role_to_its_dashboard(client, world):
    home = reverse("dashboards:home")
    client.force_login(world.users["clerk"])
    assert client.get(home)["Location"] == township_url(world.orgs["A1"])
    client.force_login(world.users["county_admin"])
    assert client.get(home)["Location"] == reverse("dashboards:county")
    client.force_login(world.users["advisor"])
    assert client.get(home).status_code == 403


# --- county dashboard --------------------------------------------------------------------------


def county_url(name="dashboards:county", **query):
    return reverse(name) + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _rows(document):
    return document.xpath('//table[@data-testid="county-table"]/tbody/tr')


def test_county_table_values_ranks_changes_and_links(client, figures_world):
    a1, a2 = figures_world.orgs["A1"], figures_world.orgs["A2"]
    client.force_login(figures_world.users["inspector"])
    codes = ["governance.leading_group_meetings", "governance.budget"]
    document = parse(client.get(county_url(codes=",".join(codes))))
    assert document.xpath('//table[@data-testid="county-table"]//th/@data-column') == codes
    rows = _rows(document)
    assert [r.get("data-township") for r in rows] == [a1.code, a2.code]
    assert "丙镇" not in document.text_content()
    table = engine.evaluate(codes, [a1, a2], [YEAR - 1, YEAR])
    for township, element in zip((a1, a2), rows, strict=True):
        for code in codes:
            link = element.xpath(f'.//a[@data-indicator="{code}" and @data-year="{YEAR}"]')[0]
            assert _as_value(link.get("data-value")) == table.value(code, township, YEAR)
            href = reverse("indicators:records", kwargs={"code": township.code, "indicator": code})
            assert link.get("href") == f"{href}?year={YEAR}"
    # A2 held 5 meetings and A1 3: A2 ranks first; A1's budget (1.25 万元) trails A2's (3).
    ranks = {
        (r.get("data-township"), cell.xpath("./a/@data-indicator")[0]): cell.xpath(".//@data-rank")[
            0
        ]
        for r in rows
        for cell in r.xpath("./td[a/@data-indicator]")
    }
    assert ranks[(a2.code, codes[0])] == "1" and ranks[(a1.code, codes[0])] == "2"
    assert ranks[(a2.code, codes[1])] == "1" and ranks[(a1.code, codes[1])] == "2"
    assert "同比 +1次" in rows[0].text_content()  # A1: 3 this year, 2 last year
    assert "同比 +4次" in rows[1].text_content()


def test_ranks_share_a_place_on_ties():
    assert ranks({1: 5, 2: 7, 3: 5, 4: None, 5: 1}) == {1: 2, 2: 1, 3: 2, 5: 4}


def test_fewest_overdue_items_rank_first():
    values = {1: 5, 2: 7, 3: 0, 4: None}
    assert ranks(values, lower_is_better=True) == {1: 2, 2: 3, 3: 1}


def test_county_sorting_by_any_column(client, figures_world):
    a1, a2 = figures_world.orgs["A1"], figures_world.orgs["A2"]
    code = "governance.leading_group_meetings"
    client.force_login(figures_world.users["county_admin"])

    def order(**query):
        return [r.get("data-township") for r in _rows(parse(client.get(county_url(**query))))]

    assert order(sort=code, order="desc") == [a2.code, a1.code]
    assert order(sort=code, order="asc") == [a1.code, a2.code]
    assert order(sort="name", order="desc") == [a2.code, a1.code]
    assert order(sort="nonsense") == [a1.code, a2.code]
    document = parse(client.get(county_url(sort=code, order="desc")))
    link = document.xpath(f'//a[@data-sort="{code}"]/@href')[0]
    assert f"sort={code}" in link and "order=asc" in link  # a second click turns the order


def test_county_overdue_counts_per_township(client, world):
    a1, a2, b1 = world.orgs["A1"], world.orgs["A2"], world.orgs["B1"]
    village = world.orgs["A1V1"]
    day = today()
    tasks = Task.objects.bulk_create(
        [task(a1, day, day), task(a1, day, day), task(a2, day, day), task(b1, day, day)]
    )
    service = LegalService.objects.bulk_create([row(LegalService, village, day, people_served=1)])
    from fazhi.deadlines.models import Deadline

    late = day - timedelta(days=3)
    Deadline.objects.bulk_create(
        [
            deadline(tasks[0], late),
            deadline(tasks[1], late, met_on=late),
            deadline(service[0], late),
            deadline(tasks[2], day + timedelta(days=2)),
            deadline(tasks[3], late),
        ]
    )
    client.force_login(world.users["inspector"])
    document = parse(client.get(county_url(sort="overdue", order="desc")))
    counts = {r.get("data-township"): r.xpath(".//@data-overdue")[0] for r in _rows(document)}
    assert counts == {a1.code: "2", a2.code: "0"}
    assert [r.get("data-township") for r in _rows(document)] == [a1.code, a2.code]


def test_county_codes_parameter(client, figures_world):
    client.force_login(figures_world.users["inspector"])

    def columns(**query):
        document = parse(client.get(county_url(**query)))
        return document.xpath('//table[@data-testid="county-table"]//th/@data-column')

    assert columns() == headline_codes()  # the overview: one key figure per domain
    assert columns(codes="all") == catalogue_codes()
    assert columns(codes="bogus,governance.budget") == ["governance.budget"]
    response = client.get(
        reverse("dashboards:county") + "?codes=governance.tasks&codes=governance.budget"
    )
    assert parse(response).xpath("//th/@data-column") == ["governance.tasks", "governance.budget"]


def test_county_choice_and_refusals(client, world):
    client.force_login(world.users["inspector"])
    assert client.get(county_url(county=world.orgs["A"].code)).status_code == 200
    assert client.get(county_url(county=world.orgs["B"].code)).status_code == 404
    client.force_login(world.users["clerk"])
    assert client.get(county_url()).status_code == 403
    assert client.get(county_url("dashboards:county_export")).status_code == 403


def test_excel_export_holds_the_same_table(client, figures_world):
    a1, a2 = figures_world.orgs["A1"], figures_world.orgs["A2"]
    code = "governance.leading_group_meetings"
    client.force_login(figures_world.users["inspector"])
    query = {"codes": f"{code},governance.budget", "sort": code, "order": "desc"}
    page = parse(client.get(county_url(**query)))
    response = client.get(county_url("dashboards:county_export", **query))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[1]
    assert header[0] == "乡镇（街道）"
    assert header[2].startswith("法治建设领导小组")
    assert header[-1].startswith("逾期期限")
    body, county_row = rows[2:-1], rows[-1]
    assert county_row[:2] == ("全县", figures_world.orgs["A"].code)
    assert [r[1] for r in body] == [r.get("data-township") for r in _rows(page)]
    assert [r[1] for r in body] == [a2.code, a1.code]
    table = engine.evaluate([code, "governance.budget"], [a1, a2], [YEAR - 1, YEAR])
    by_code = {r[1]: r for r in body}
    for township in (a1, a2):
        values = by_code[township.code]
        assert values[0] == township.name
        assert values[2] == table.value(code, township, YEAR)
        assert values[4] == table.value(code, township, YEAR - 1)
        assert values[5] == table.value(code, township, YEAR) - table.value(
            code, township, YEAR - 1
        )
        assert Decimal(str(values[6])) == table.value("governance.budget", township, YEAR)
    assert by_code[a2.code][3] == 1 and by_code[a1.code][3] == 2  # ranks
    assert by_code[a1.code][-1] == 0  # no overdue deadlines


def test_subtree_rows_are_read_by_organisation_ids(client, world):
    """Ledger rows and deadlines are filtered on the subtree's organisation ids (the
    (organisation, year) and (organisation, due_on) indexes), never through a join on the
    organisation's path, which read every row of the county; the scoping is unchanged."""
    a1, a2, v2 = world.orgs["A1"], world.orgs["A2"], world.orgs["A1V2"]
    day = today()
    long_ago = day - timedelta(days=400)
    LegalService.objects.bulk_create([row(LegalService, v2, long_ago, people_served=1)])
    Task.objects.bulk_create([task(a1, day, day), task(a2, day, day)])
    Deadline.objects.bulk_create([deadline(t, day - timedelta(days=3)) for t in Task.objects.all()])
    readers = [
        ("clerk", township_url(a1)),
        ("inspector", reverse("dashboards:county")),
    ]
    for role, url in readers:
        client.force_login(world.users[role])
        with CaptureQueriesContext(connection) as captured:
            document = parse(client.get(url))
        for query in captured.captured_queries:
            sql = query["sql"].lower()
            if any(
                table in sql
                for table in (
                    '"publicity_activity"',
                    '"legal_services_legalservice"',
                    '"enforcement_officer"',
                    '"deadlines_deadline"',
                )
            ):
                assert '"orgs_organisation"."path" like' not in sql, sql
        if role == "clerk":
            # The village's last service, long before the 90 days, is still shown.
            gap = document.xpath(
                f'//*[@data-testid="villages-without-service"]/li[@data-org="{v2.code}"]'
            )
            assert long_ago.strftime("%Y-%m-%d") in gap[0].text_content()
            count = document.xpath('//*[@data-testid="overdue-count"]')[0].text_content()
            assert count.strip() == "1"  # A1's deadline only, not A2's
