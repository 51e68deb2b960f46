"""What the fuzzer (tests/api/test_fuzz.py) pinned down, each as its own test: odd token headers
are a Chinese 401 (never a 500), Django's own refusals under /api/ are JSON, an unparseable
body is a Chinese 400, and the schema documents the error answers the server really gives."""

import pytest
from django.test import Client
from rest_framework import exceptions

from fazhi.api import errors, services

pytestmark = pytest.mark.django_db


def _me(authorization):
    return Client().get("/api/me/", HTTP_AUTHORIZATION=authorization)


@pytest.mark.parametrize(
    "authorization",
    [
        "Token fz_\x00",  # a NUL byte
        "Token \x00\x00\x00",
        "Token fz_\xe9t\xe9",  # a byte outside ASCII, as a WSGI server passes it (Latin-1)
        "Token " + "9" * 100_000,  # overlong
        "Token a b",  # three parts
        "Token",  # no key
    ],
)
def test_an_odd_token_header_is_a_chinese_401(world, authorization):
    response = _me(authorization)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "令牌" in response.json()["detail"]


def test_a_nul_byte_beside_a_real_key_does_not_log_in(world):
    _, key = services.token_create(user=world.users["clerk"], name="脚本", days=1)
    assert _me(f"Token {key}").status_code == 200
    assert _me(f"Token {key}\x00").status_code == 401


def test_an_unknown_api_path_is_json_not_a_page(world):
    client = Client()
    client.force_login(world.users["clerk"])
    response = client.get("/api/no-such-thing/-1e-82/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": errors.NOT_FOUND}
    # The site's own pages stay pages.
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_an_api_server_error_is_json_in_chinese(rf):
    from fazhi.site.errors import server_error

    response = server_error(rf.get("/api/me/"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "出错" in response.content.decode()


def test_an_unparseable_body_is_refused_in_chinese():
    response = errors.exception_handler(
        exceptions.ParseError("JSON parse error - Expecting value"), {}
    )
    assert response.status_code == 400
    assert response.data == {"detail": errors.UNPARSEABLE}


def test_the_schema_documents_the_error_answers(world):
    client = Client()
    client.force_login(world.users["clerk"])
    schema = client.get("/api/schema/?format=json").json()
    me = schema["paths"]["/api/me/"]["get"]["responses"]
    # /api/me/ takes no input: it can refuse a caller, never an input.
    assert set(me) == {"200", "401", "403", "429"}
    assert me["401"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_error_codes_follow_what_an_operation_takes():
    secured = {"security": [{"tokenAuth": []}]}
    assert errors_of({**secured, "parameters": [{"in": "path"}]}) == [
        "400",
        "401",
        "403",
        "429",
        "404",
    ]
    assert errors_of({**secured, "requestBody": {}}) == ["400", "401", "403", "429", "415"]
    assert errors_of({"security": [{}]}) == []  # anonymous allowed: nothing to refuse


def errors_of(operation):
    from fazhi.api.schema import _error_codes

    return _error_codes(operation)
