"""A ledger list counts only as far as it must ("1000+ 条") and runs the same queries on page 1,
a deep page, a search, a filter and a sort."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.ledgers import views
from fazhi.ledgers.registry import get_kind

ACTIVITIES = get_kind("publicity-activities")


@pytest.fixture
def activities(world):
    start = date(2025, 1, 1)
    ACTIVITIES.model.objects.bulk_create(
        ACTIVITIES.model(
            organisation=world.orgs["A1" if n % 3 else "A2"],
            occurred_on=start + timedelta(days=n),
            year=2025,
            title=f"宪法宣传第{n}场" if n % 2 else f"民法典讲座第{n}场",
            form="lecture",
            target="villages",
            audience=n,
        )
        for n in range(130)
    )


def queries_of(client, url, data) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(queries), response


def test_a_long_list_shows_a_bounded_total_and_the_same_queries_on_every_page(
    client, world, activities, monkeypatch
):
    monkeypatch.setattr(views, "COUNT_CAP", 60)
    client.force_login(world.users["inspector"])
    url = reverse("ledgers:list", args=[ACTIVITIES.slug])
    first, response = queries_of(client, url, {})
    assert "共 60+ 条" in response.content.decode()
    assert "第 1 / 2+ 页" in response.content.decode()
    deep, response = queries_of(client, url, {"page": 2})
    assert response.context["page"].number == 2 and "共 101+ 条" in response.content.decode()
    last, response = queries_of(client, url, {"page": 9})
    page = response.context["page"]
    assert (page.number, page.paginator.count, page.paginator.exact) == (3, 130, True)
    assert len(page.object_list) == 30 and "共 130 条" in response.content.decode()
    assert first == deep == last
    for data in (
        {"q": "宪法"},
        {"year": 2025, "month": 2},
        {"sort": "-title"},
        {"form": "lecture"},
    ):
        assert queries_of(client, url, data)[0] >= first  # a search adds its candidate check
    searched, response = queries_of(client, url, {"q": "宪法", "page": 2})
    assert searched == queries_of(client, url, {"q": "宪法"})[0]
    assert response.context["page"].paginator.count == 65


def test_year_and_month_filters_give_the_records_of_those_dates(client, world, activities):
    client.force_login(world.users["inspector"])
    url = reverse("ledgers:list", args=[ACTIVITIES.slug])
    february = client.get(url, {"year": 2025, "month": 2}).context["page"]
    assert february.paginator.count == 28
    assert {r.occurred_on.month for r in february} == {2}
    assert client.get(url, {"month": 2}).context["page"].paginator.count == 28
    assert client.get(url, {"year": 2024}).context["page"].paginator.count == 0
    assert client.get(url, {"year": 2025}).context["page"].paginator.count == 130


def test_a_sort_is_total_and_reversible(client, world, activities):
    client.force_login(world.users["inspector"])
    url = reverse("ledgers:list", args=[ACTIVITIES.slug])
    ascending = [
        r.pk
        for p in (1, 2, 3)
        for r in client.get(url, {"sort": "form", "page": p}).context["page"]
    ]
    descending = [
        r.pk
        for p in (1, 2, 3)
        for r in client.get(url, {"sort": "-form", "page": p}).context["page"]
    ]
    assert len(set(ascending)) == 130  # ties (every form is the same) never repeat a record
    assert descending == ascending[::-1]
