"""A write made with a token is in the record's history as the token's person: through the
service's actor, and through the history middleware for a save that names nobody."""

import pytest
from django.test import Client, override_settings

from fazhi.api import services
from fazhi.ledgers.registry import get_kind

pytestmark = pytest.mark.django_db


@override_settings(ROOT_URLCONF="tests.api.token_write_urls")
def test_a_write_with_a_token_is_in_history_as_the_tokens_person(world):
    clerk = world.users["clerk"]
    _token, key = services.token_create(user=clerk, name="台账脚本", days=30)
    response = Client().post(
        "/api-test/write/",
        {"code": world.orgs["A1"].code},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 201, response.content
    assert response.json()["user"] == clerk.username
    record = get_kind("complaints").model.objects.get(pk=response.json()["pk"])
    history = list(record.history.order_by("history_id"))
    assert [(row.history_type, row.matter) for row in history] == [
        ("+", "接口写入的投诉"),
        ("~", "接口再次修改的投诉"),
    ]
    assert [row.history_user for row in history] == [clerk, clerk]
    assert record.created_by == clerk


@override_settings(ROOT_URLCONF="tests.api.token_write_urls")
def test_a_token_write_the_person_may_not_make_is_refused_and_writes_nothing(world):
    leader = world.users["leader"]  # a leader reads ledgers but does not enter records
    _token, key = services.token_create(user=leader, name="脚本", days=30)
    response = Client().post(
        "/api-test/write/",
        {"code": world.orgs["A1"].code},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 403
    assert not get_kind("complaints").model.objects.exists()
