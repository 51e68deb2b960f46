"""KeysFirstPaginator gives the same pages as Django's Paginator (order, edges, orphans), reading
the page's keys first: one query more per page, the same number for any page."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.paging import KeysFirstPaginator
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
