"""The result pages: who sees what, every score explained (rule → figure → records → history),
the county table and chart, the re-scoring action, constant queries per page."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import html

from fazhi.assessment.models import ItemScore, ReviewState, Scheme
from fazhi.assessment.scoring import refresh_scores
from fazhi.audit.models import AdminAction
from fazhi.orgs.roles import Level
from fazhi.orgs.services import organisation_create
from tests.assessment.scoring_world import simple_scheme
from tests.assessment.test_scoring import sessions

pytestmark = pytest.mark.django_db
YEAR = 2025
TODAY = date(2026, 12, 6)
COUNTY = reverse("assessment_results:county")


def township_url(org, year=YEAR):
    return reverse("assessment_results:township", kwargs={"code": org.code}) + f"?year={year}"


@pytest.fixture
def scored(world):
    scheme = simple_scheme(world.orgs["A"], YEAR)
    sessions(world.orgs["A1"], 3)
    refresh_scores(scheme, today=TODAY)
    ItemScore.objects.filter(assessment__organisation=world.orgs["A1"], item__code="3.1").update(
        self_score=Decimal("60")
    )
    return scheme


def page(client, user, url, status=200):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == status, response.status_code
    return html.fromstring(response.content.decode()) if status == 200 else response


def test_inspector_sees_the_county_table_and_chart(client, world, scored):
    document = page(client, world.users["inspector"], COUNTY + f"?year={YEAR}")
    rows = document.xpath("//tr[@data-township]")
    assert [r.get("data-township") for r in rows] == [world.orgs["A1"].code, world.orgs["A2"].code]
    first = rows[0]
    assert first.xpath(".//td[@data-testid='rank']")[0].text == "1"
    assert first.xpath(".//td[@data-testid='total']")[0].text.strip() == "75.00"  # 15 + 0 + 60
    assert first.xpath(".//td[@data-testid='grade']")[0].text == "合格"
    assert rows[1].xpath(".//td[@data-testid='total']")[0].text.strip() == "0.00"
    charts = json.loads(document.get_element_by_id("dashboard-charts").text)
    assert [d["value"] for d in charts["totals"]["option"]["series"][0]["data"]] == [75.0, 0.0]
    assert charts["totals"]["option"]["yAxis"]["data"] == ["甲镇", "乙镇"]
    heat = charts["categories"]["option"]["series"][0]["data"]
    assert heat[0]["value"] == [0, 0, 75.0]  # 甲镇's 学法用法: 15 of 20
    assert document.xpath("//div[@data-chart='totals']")
    assert "丙镇" not in html.tostring(document, encoding="unicode")


def test_county_page_without_a_scheme(client, world):
    document = page(client, world.users["inspector"], COUNTY + "?year=2020")
    assert document.xpath("//*[@data-testid='no-scheme']")


def test_township_roles_cannot_open_the_county_page(client, world, scored):
    for role in ("clerk", "leader", "advisor"):
        page(client, world.users[role], COUNTY, status=403)


def test_township_page_explains_every_score(client, world, scored):
    document = page(client, world.users["clerk"], township_url(world.orgs["A1"]))
    assert document.xpath("//*[@data-testid='total']")[0].text == "75.00"
    assert document.xpath("//*[@data-testid='rank']")[0].text == "第 1 名"
    study = document.xpath("//tr[@data-item='1.1']")[0]
    assert study.xpath(".//td[@data-testid='item-score']")[0].text == "15.00"
    basis = document.xpath("//details[@data-testid='basis']")[0]
    text = basis.text_content()
    assert "满分 20 分；达到 4 次得满分，每缺一次扣 5 分" in text
    assert "3，目标 4，缺 1 × 5 分，得 15 分" in text
    link = basis.xpath(".//a[@data-testid='figure-link']")[0]
    assert link.text == "3次"
    assert link.get("href") == (
        reverse(
            "indicators:records",
            kwargs={"code": world.orgs["A1"].code, "indicator": "study.sessions"},
        )
        + f"?year={YEAR}"
    )
    assert "系统计分" in basis.xpath(".//table[@data-testid='history']")[0].text_content()
    # The figure link opens the records behind it.
    records = page(client, world.users["clerk"], link.get("href"))
    assert "学习0" in html.tostring(records, encoding="unicode")


def test_history_shows_who_changed_a_score_and_why(client, world, scored):
    score = ItemScore.objects.get(assessment__organisation=world.orgs["A1"], item__code="3.1")
    score.review, score.final, score.reason = ReviewState.ADJUSTED, Decimal("55"), "资料不全"
    score.changed_by = world.users["inspector"]
    score._history_user = world.users["inspector"]
    score.save()
    document = page(client, world.users["clerk"], township_url(world.orgs["A1"]))
    manual = document.xpath("//details[@data-testid='basis']")[2]
    first = manual.xpath(".//table[@data-testid='history']/tbody/tr")[0]
    cells = [td.text_content().strip() for td in first.xpath("td")]
    assert cells[1] == "inspector"
    assert cells[4:6] == ["调整", "55.00"]
    assert cells[6] == "资料不全"
    assert document.xpath("//*[@data-testid='total']")[0].text == "70.00"


def test_townships_see_only_their_own_result(client, world, scored):
    page(client, world.users["clerk"], township_url(world.orgs["A2"]), status=404)
    page(client, world.users["inspector"], township_url(world.orgs["B1"]), status=404)
    document = page(client, world.users["inspector"], township_url(world.orgs["A2"]))
    assert document.xpath("//*[@data-testid='rank']")[0].text == "第 2 名"
    assert "乙镇" in html.tostring(document, encoding="unicode")
    # A township's page names no other township, though it gives its rank among them.
    own = page(client, world.users["clerk"], township_url(world.orgs["A1"]))
    assert "乙镇" not in html.tostring(own, encoding="unicode")


def test_refresh_rescores_and_is_recorded(client, world, scored):
    sessions(world.orgs["A2"], 4)
    client.force_login(world.users["inspector"])
    response = client.post(reverse("assessment_results:refresh"), {"year": YEAR})
    assert response.status_code == 302
    score = ItemScore.objects.get(assessment__organisation=world.orgs["A2"], item__code="1.1")
    assert score.computed == Decimal("20.00")
    action = AdminAction.objects.get(verb="assessment.score")
    assert action.actor == world.users["inspector"]
    # The county administrator sees results but does not score.
    client.force_login(world.users["county_admin"])
    assert client.post(reverse("assessment_results:refresh"), {"year": YEAR}).status_code == 403
    assert client.get(reverse("assessment_results:refresh")).status_code == 405


def test_refresh_of_a_year_without_scheme_is_not_found(client, world):
    client.force_login(world.users["inspector"])
    response = client.post(reverse("assessment_results:refresh"), {"year": 2019})
    assert response.status_code == 404
    assert not Scheme.objects.exists()


def _add_townships(world, count):
    for n in range(count):
        organisation_create(
            actor=None,
            code=f"10000113{n}",
            name=f"加镇{n}",
            level=Level.TOWNSHIP,
            parent=world.orgs["A"],
        )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_page_queries_do_not_grow_with_townships(client, world, scored):
    client.force_login(world.users["inspector"])
    county_url, own_url = COUNTY + f"?year={YEAR}", township_url(world.orgs["A1"])
    before = (_count(client, county_url), _count(client, own_url))
    _add_townships(world, 3)
    refresh_scores(scored, today=TODAY)
    assert (_count(client, county_url), _count(client, own_url)) == before
