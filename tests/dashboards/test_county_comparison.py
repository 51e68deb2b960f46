"""The county comparison by domain (issue 17, acceptance 6): domain tabs with each domain's key
figures, the county's row under the townships, the bar chart and rank heat map drawn from the
table's own cells, scoping, and the county inspector's home panel."""

import io
import itertools
import json
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.catalogue import load_catalogue
from fazhi.core import home
from fazhi.dashboards import domains
from fazhi.dashboards.cells import DOMAINS
from fazhi.dashboards.panels import ORDER, county_panel
from fazhi.deadlines import selectors as deadline_selectors
from fazhi.deadlines.models import Deadline
from fazhi.governance.models import Budget, Meeting, Task
from fazhi.indicators import engine
from fazhi.orgs.models import Organisation
from tests.dashboards.test_query_counts import add_township, populate
from tests.indicators.helpers import budget, deadline, meeting, parse, task, today

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
GOVERNANCE = ["governance.leading_group_meetings", "governance.budget"]


@pytest.fixture
def county_world(world):
    """A2 holds more meetings and budget than A1; county A holds one meeting of its own; A1 has
    two overdue deadlines and A2 one."""
    a, a1, a2 = world.orgs["A"], world.orgs["A1"], world.orgs["A2"]
    Meeting.objects.bulk_create(
        [meeting(a1, date(YEAR, 1, 10 + i)) for i in range(3)]
        + [meeting(a2, date(YEAR, 2, 1 + i)) for i in range(5)]
        + [meeting(a2, date(YEAR - 1, 2, 1))]
        + [meeting(a, date(YEAR, 1, 3))]
    )
    Budget.objects.bulk_create(
        [budget(a1, date(YEAR, 1, 2), "12500"), budget(a2, date(YEAR, 3, 2), "30000")]
    )
    day = today()
    late = day - timedelta(days=3)
    tasks = Task.objects.bulk_create([task(a1, day, day), task(a1, day, day), task(a2, day, day)])
    Deadline.objects.bulk_create([deadline(t, late) for t in tasks])
    return world


def url(name="dashboards:county", **query):
    return reverse(name) + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def columns(document) -> list[str]:
    return document.xpath('//table[@data-testid="county-table"]//th/@data-column')


def charts(document) -> dict:
    return json.loads(document.xpath('//script[@id="dashboard-charts"]')[0].text)


def value(text: str):
    return None if text == "" else Decimal(text)


def number(x):
    return None if x is None else Decimal(str(x))


# --- domains ---------------------------------------------------------------------------------


def test_every_indicator_belongs_to_one_domain_in_catalogue_order():
    catalogue = load_catalogue()
    found = [code for domain in domains.domains() for code in domain.codes]
    assert found == [item.code for item in catalogue.indicators]
    assert [d.label for d in domains.domains()] == list(DOMAINS.values())
    for domain in domains.domains():
        assert set(domain.key_codes) <= set(domain.codes)
        assert all(code.startswith(domain.slug + ".") for code in domain.codes)
    publicity = domains.domain_named("publicity")
    assert publicity.label == "普法"
    assert publicity.key_codes == tuple(c for c in catalogue.key_codes if c.startswith("publ"))
    # 期限 has no key figure of its own: its tab shows all of it.
    assert domains.domain_named("deadlines").key_codes == ("deadlines.overdue",)
    headline = domains.headline_codes()
    assert len({code.split(".")[0] for code in headline}) == len(headline) == 9


def test_a_domain_tab_shows_its_key_figures_under_its_name(client, county_world):
    client.force_login(county_world.users["inspector"])
    document = parse(client.get(url(domain="publicity")))
    key = list(domains.domain_named("publicity").key_codes)
    assert columns(document) == key
    groups = document.xpath("//th[@data-group]")
    assert [(g.get("data-group"), g.get("colspan"), g.text_content()) for g in groups] == [
        ("publicity", str(len(key)), "普法")
    ]
    active = document.xpath('//*[@data-testid="domain-tabs"]//a[contains(@class, "active")]')
    assert [a.get("data-domain") for a in active] == ["publicity"]
    # All of the domain on demand, through a link that keeps the domain.
    more = document.xpath('//a[@data-scope="all"]/@href')[0]
    assert parse_qs(urlsplit(more).query) == {
        "year": [str(YEAR)],
        "domain": ["publicity"],
        "codes": ["all"],
    }
    everything = parse(client.get(url(domain="publicity", codes="all")))
    assert columns(everything) == list(domains.domain_named("publicity").codes)


def test_the_overview_groups_one_headline_figure_per_domain(client, county_world):
    client.force_login(county_world.users["inspector"])
    document = parse(client.get(url()))
    assert columns(document) == domains.headline_codes()
    groups = [g.get("data-group") for g in document.xpath("//th[@data-group]")]
    assert groups == [code.split(".")[0] for code in domains.headline_codes()]
    tabs = document.xpath('//*[@data-testid="domain-tabs"]//a')
    assert [a.text_content() for a in tabs] == ["概览", *DOMAINS.values()]
    for tab in tabs[1:]:
        assert parse_qs(urlsplit(tab.get("href")).query)["domain"] == [tab.get("data-domain")]
    # An unknown domain is the overview; chosen codes of several domains stand by domain.
    assert columns(parse(client.get(url(domain="nonsense")))) == domains.headline_codes()
    mixed = parse(client.get(url(codes="study.sessions,governance.budget,study.lectures")))
    assert columns(mixed) == ["governance.budget", "study.sessions", "study.lectures"]
    assert [g.get("colspan") for g in mixed.xpath("//th[@data-group]")] == ["1", "2"]


def test_links_on_a_domain_tab_keep_the_domain(client, county_world):
    client.force_login(county_world.users["inspector"])
    document = parse(client.get(url(domain="governance")))
    for link in document.xpath('//table[@data-testid="county-table"]//a[@data-sort]/@href'):
        assert parse_qs(urlsplit(link).query)["domain"] == ["governance"]
    export = document.xpath('//a[@data-testid="export"]/@href')[0]
    assert parse_qs(urlsplit(export).query)["domain"] == ["governance"]


# --- the county row --------------------------------------------------------------------------


def test_the_county_row_is_the_county_figure_from_the_indicators(client, county_world):
    county = county_world.orgs["A"]
    client.force_login(county_world.users["inspector"])
    codes = list(domains.domain_named("governance").key_codes)
    assert codes == GOVERNANCE
    document = parse(client.get(url(domain="governance")))
    total = document.xpath('//tr[@data-testid="county-total"]')[0]
    assert total.get("data-org") == county.code
    table = engine.evaluate(codes, [county], [YEAR - 1, YEAR])
    shown = {
        a.get("data-indicator"): value(a.get("data-value"))
        for a in total.xpath(f'.//a[@data-indicator and @data-year="{YEAR}" and @data-org]')
    }
    assert shown == {code: table.value(code, county, YEAR) for code in codes}
    # The county's own meeting counts too: 3 + 5 + 1; budgets 1.25 + 3 万元.
    assert shown == {GOVERNANCE[0]: 9, GOVERNANCE[1]: Decimal("4.25")}
    assert not total.xpath(".//@data-rank")
    # Overdue deadlines across the townships: the rows' counts summed (2 + 1).
    rows = document.xpath('//table[@data-testid="county-table"]/tbody/tr//@data-overdue')
    assert rows == ["2", "1"]
    assert total.xpath(".//@data-overdue-total") == ["3"]


def test_a_ratio_county_row_is_the_county_rate(client, county_world):
    county = county_world.orgs["A"]
    client.force_login(county_world.users["inspector"])
    document = parse(client.get(url(domain="study")))
    code = "study.exam_pass_rate"
    cell = document.xpath(f'//tr[@data-testid="county-total"]//a[@data-indicator="{code}"]')[0]
    assert value(cell.get("data-value")) == engine.evaluate([code], [county], [YEAR]).value(
        code, county, YEAR
    )


def test_the_export_ends_with_the_county_row(client, county_world):
    county = county_world.orgs["A"]
    client.force_login(county_world.users["inspector"])
    response = client.get(url("dashboards:county_export", domain="governance"))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[-1][:2] == ("全县", county.code)
    assert rows[-1][2] == 9 and Decimal(str(rows[-1][6])) == Decimal("4.25")
    assert rows[-1][3] is None  # no rank
    assert rows[-1][-1] == 3


# --- charts ----------------------------------------------------------------------------------


def test_the_bar_chart_shows_the_tables_column(client, county_world):
    a1, a2 = county_world.orgs["A1"], county_world.orgs["A2"]
    client.force_login(county_world.users["inspector"])
    for query, code in [
        ({"domain": "governance"}, GOVERNANCE[0]),  # the first column by default
        ({"domain": "governance", "chart": GOVERNANCE[1]}, GOVERNANCE[1]),
        ({"domain": "governance", "sort": GOVERNANCE[1], "order": "desc"}, GOVERNANCE[1]),
        ({"domain": "governance", "chart": "nonsense"}, GOVERNANCE[0]),
    ]:
        document = parse(client.get(url(**query)))
        assert document.xpath('//*[@data-chart="bar"]/@data-code') == [code], query
        bars = charts(document)["bar"]["option"]["series"][0]["data"]
        rows = document.xpath('//table[@data-testid="county-table"]/tbody/tr')
        table = [
            (r.get("data-township"), r.xpath(f'.//a[@data-indicator="{code}"]')[0]) for r in rows
        ]
        assert [(b["org"], b["raw"], str(b["rank"])) for b in bars] == [
            (org, a.get("data-value"), a.xpath("../span/@data-rank")[0]) for org, a in table
        ]
        assert [number(b["value"]) for b in bars] == [value(a.get("data-value")) for _, a in table]
    names = charts(document)["bar"]["option"]["xAxis"]["data"]
    assert names == [a1.name, a2.name]


def test_the_heat_map_holds_every_cell_by_rank(client, county_world):
    client.force_login(county_world.users["inspector"])
    document = parse(client.get(url(domain="governance", sort="name", order="desc")))
    option = charts(document)["ranks"]["option"]
    codes = columns(document)
    rows = document.xpath('//table[@data-testid="county-table"]/tbody/tr')
    assert option["xAxis"]["data"] == [load_catalogue()[c].name for c in codes]
    assert option["yAxis"]["data"] == [r.xpath("./th")[0].text_content() for r in rows]
    shown = {
        (r.get("data-township"), a.get("data-indicator")): a.xpath("../span/@data-rank")[0]
        for r in rows
        for a in r.xpath("./td/a[@data-indicator]")
    }
    found = {(d["org"], d["code"]): str(d["value"][3]) for d in option["series"][0]["data"]}
    assert found == shown
    # A2 leads both figures (score 1), A1 trails (score 0).
    scores = {(d["org"], d["code"]): d["value"][2] for d in option["series"][0]["data"]}
    a1, a2 = county_world.orgs["A1"].code, county_world.orgs["A2"].code
    assert {scores[(a2, c)] for c in GOVERNANCE} == {1.0}
    assert {scores[(a1, c)] for c in GOVERNANCE} == {0.0}


# --- scoping ---------------------------------------------------------------------------------


def test_scoping(client, county_world):
    client.force_login(county_world.users["clerk"])  # a township's clerk
    assert client.get(url(domain="publicity")).status_code == 403
    assert client.get(url("dashboards:county_export", domain="publicity")).status_code == 403
    client.force_login(county_world.users["inspector"])
    assert client.get(url(county=county_world.orgs["B"].code)).status_code == 404
    document = parse(client.get(url(domain="governance")))
    assert "丙镇" not in document.text_content()
    assert "丙镇" not in json.dumps(charts(document), ensure_ascii=False)


def test_queries_do_not_grow_with_townships_on_a_domain_tab(client, world):
    from tests.dashboards.test_query_counts import queries

    client.force_login(world.users["inspector"])
    numbers = itertools.count(3)
    for query in ("?domain=publicity", "?domain=governance&codes=all", ""):
        before = queries(client, reverse("dashboards:county") + query)
        for _ in range(4):
            populate(add_township(world.orgs["A"], next(numbers)), 5)
        after = queries(client, reverse("dashboards:county") + query)
        assert after == before, (query, before, after)


# --- home panel ------------------------------------------------------------------------------


def _request(user):
    return SimpleNamespace(user=user)


def test_the_home_panel_gives_the_comparisons_headline(client, county_world):
    a1 = county_world.orgs["A1"]
    inspector = county_world.users["inspector"]
    panel = county_panel(_request(inspector))
    assert panel.order == ORDER == 40
    assert panel.link == reverse("dashboards:county") + f"?year={YEAR}"
    context = panel.context
    assert len(context["dashboard"].rows) == 2
    townships = list(Organisation.objects.filter(parent=county_world.orgs["A"]))
    counts = deadline_selectors.overdue_counts(
        townships,
        today=today(),
        organisation=county_world.orgs["A"],
        user=inspector,
        capabilities=deadline_selectors.COUNTY_VIEW,
    )
    assert context["dashboard"].overdue_total == sum(counts.values()) == 3
    # A1 trails A2 on both governance key figures; A1 has no budget to spare: 1.25 vs 3 万元.
    weakest = [(weak.cell.organisation, weak.cell.code) for weak, _ in context["weakest"]]
    assert (a1, GOVERNANCE[1]) in weakest and (a1, GOVERNANCE[0]) in weakest
    assert len(weakest) <= 3
    weak, link = next(w for w in context["weakest"] if w[0].cell.code == GOVERNANCE[0])
    assert (weak.cell.rank, weak.ranked, weak.best.value) == (2, 2, 5)
    assert parse_qs(urlsplit(link).query) == {
        "year": [str(YEAR)],
        "domain": ["governance"],
        "sort": [GOVERNANCE[0]],
        "order": ["desc"],
        "chart": [GOVERNANCE[0]],
    }

    client.force_login(inspector)
    document = parse(client.get(reverse("home")))
    shown = document.xpath('//*[@data-testid="county-panel"]')[0]
    assert shown.xpath('.//*[@data-testid="panel-townships"]')[0].text_content() == "2"
    assert shown.xpath('.//*[@data-testid="panel-overdue"]/@data-overdue-total') == ["3"]
    assert shown.xpath('.//li[@data-org="100001101"]')
    assert "丙镇" not in shown.text_content()


def test_township_people_get_no_county_panel(client, county_world):
    for role in ("clerk", "leader", "advisor"):
        assert county_panel(_request(county_world.users[role])) is None
        client.force_login(county_world.users[role])
        assert not parse(client.get(reverse("home"))).xpath('//*[@data-testid="county-panel"]')
    assert county_panel(_request(SimpleNamespace(is_authenticated=False))) is None
    assert county_panel in home._PANELS  # registered by DashboardsConfig.ready


def test_the_panel_queries_do_not_grow_with_townships(world):
    inspector = world.users["inspector"]
    county_panel(_request(inspector))  # warm the caches

    def count():
        with CaptureQueriesContext(connection) as captured:
            county_panel(_request(inspector))
        return len(captured.captured_queries)

    before = count()
    for number in range(3, 9):
        populate(add_township(world.orgs["A"], number), 5)
    county_panel(_request(inspector))  # the new townships' stored figures are computed once
    assert count() == before
