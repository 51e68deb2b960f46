"""KeysFirstPaginator gives the same pages as Django's Paginator (order, edges, orphans), reading
the page's keys first: one query more per page, the same number for any page."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.paging import BoundedCountPaginator, KeysFirstPaginator
from fazhi.orgs.models import Organisation


@pytest.fixture
def organisations(db):
    parent = Organisation.objects.create(code="990001", name="甲县", level="county")
    for n in range(23):
        Organisation.objects.create(
            code=f"990001{n:03d}", name=f"第{n}乡", level="township", parent=parent
        )
    return Organisation.objects.filter(parent=parent).order_by("-name", "-pk")


@pytest.mark.parametrize("per_page,orphans", [(5, 0), (5, 2), (23, 0), (50, 0)])
def test_pages_match_djangos_paginator(organisations, per_page, orphans):
    ours = KeysFirstPaginator(organisations, per_page, orphans=orphans)
    django = Paginator(organisations, per_page, orphans=orphans)
    assert ours.num_pages == django.num_pages and ours.count == 23
    for number in ours.page_range:
        assert list(ours.page(number).object_list) == list(django.page(number).object_list)
    assert [o.pk for o in ours.get_page(999).object_list] == [
        o.pk for o in django.get_page(999).object_list
    ]


def test_query_count_is_the_same_for_every_page(organisations):
    paginator = KeysFirstPaginator(organisations, 5)
    assert paginator.count == 23  # the count is one query, once
    counts = []
    for number in (1, 3, 5):
        with CaptureQueriesContext(connection) as queries:
            list(paginator.page(number).object_list)
        counts.append(len(queries))
    assert counts == [2, 2, 2]


# BoundedCountPaginator: counts up to a cap (or the page asked for), exact below it.


def bounded(organisations, number, cap=5, per_page=2):
    paginator = BoundedCountPaginator(organisations, per_page, number=number, cap=cap)
    return paginator, paginator.get_page(number)


def test_a_bounded_count_stops_at_the_cap_and_says_so(organisations):
    paginator, page = bounded(organisations, 1)
    assert (paginator.count, paginator.exact, paginator.num_pages) == (5, False, 3)
    assert list(page.object_list) == list(Paginator(organisations, 2).page(1).object_list)
    assert page.has_next()


def test_a_deep_page_counts_past_itself_and_matches_djangos(organisations):
    paginator, page = bounded(organisations, 4)
    assert (paginator.count, paginator.exact) == (9, False)
    assert page.number == 4 and page.has_next()
    assert list(page.object_list) == list(Paginator(organisations, 2).page(4).object_list)


@pytest.mark.parametrize("number", [12, 30, 0, -3])
def test_a_page_at_or_past_the_end_is_the_last_page_with_the_exact_total(organisations, number):
    paginator, page = bounded(organisations, number)
    django = Paginator(organisations, 2).get_page(number)
    assert (paginator.count, paginator.exact, paginator.num_pages) == (23, True, 12)
    assert page.number == 12 and not page.has_next()
    assert list(page.object_list) == list(django.object_list)


@pytest.mark.parametrize("number", [None, "", "abc"])
def test_no_page_or_a_wrong_one_is_page_one(organisations, number):
    paginator, page = bounded(organisations, number)
    assert page.number == 1 and paginator.count == 5


def test_under_the_cap_the_total_is_exact(organisations):
    paginator, page = bounded(organisations, 1, cap=1000, per_page=5)
    assert (paginator.count, paginator.exact, paginator.num_pages) == (23, True, 5)
    empty = BoundedCountPaginator(organisations.none(), 5, number=1)
    assert (empty.count, empty.exact, empty.get_page(1).number) == (0, True, 1)


def test_a_bounded_paginator_runs_the_same_queries_for_every_page(organisations):
    counts = []
    for number in (1, 4, 8):
        with CaptureQueriesContext(connection) as queries:
            _, page = bounded(organisations, number)
            list(page.object_list)
        counts.append(len(queries))
    assert counts == [3, 3, 3]  # the bounded count, the page's keys, its rows
