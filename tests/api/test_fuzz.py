"""Contract fuzzing: every operation of the published schema (whatever it holds when the test
runs; no endpoint is named here) is called with data schemathesis generates from the schema,
valid and invalid (NUL bytes, huge integers, overlong strings included), as a township clerk and
as a county inspector with their personal tokens. No answer may be a server error, every answer
must match the schema (a documented status, a valid body), and a 400 speaks Chinese.

Each request runs in a savepoint that is rolled back, so writes never outlive their example
(nor the test's transaction); Hypothesis keeps no example database and is derandomized, so a
run is repeatable and writes nothing into the repository."""

import re
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from fazhi.api import services

pytestmark = pytest.mark.django_db

# Examples Hypothesis draws per operation (valid and invalid together), besides the two hostile
# cases per role below. 61 operations took 47 s on SQLite on two busy cores (load 5).
MAX_EXAMPLES = 12
ROLES = ("clerk", "inspector")  # a township's clerk and a county's inspector (tests/world.py)
SCHEMA_URL = "/api/schema/?format=json"
# Not held: a schema cannot say every rule of a service (a deadline after its start, a township's
# own organisation), so input the schema allows may still be refused, with a Chinese 400.
# Everything else schemathesis checks is held (no 5xx, documented status, content type and
# body, invalid input refused, authentication not ignored).
NOT_HELD = [positive_data_acceptance]
CHINESE = re.compile(r"[\u4e00-\u9fff]")

FUZZ_SETTINGS = hypothesis_settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    # Shrinking a found failure is worth its time; the explain phase is not.
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
    report_multiple_bugs=False,
)


@pytest.fixture(autouse=True)
def hypothesis_home(tmp_path):
    """Hypothesis keeps caches (the constants it found in the source, Unicode tables) in
    ./.hypothesis even with no example database: here they go to a temporary folder."""
    set_hypothesis_home_dir(tmp_path / "hypothesis")
    yield
    set_hypothesis_home_dir(None)


@contextmanager
def in_process_requests():
    """Requests served by the WSGI handler in this thread, on the test's own connection: Django
    would otherwise close that connection (and with it the test's transaction) at the start
    and end of every request, as its test client avoids too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def load_schema(app, key):
    config = schemathesis.Config()
    config.projects.default.generation.update(
        max_examples=MAX_EXAMPLES,
        # NUL bytes and any Unicode are allowed in generated strings (the defaults, stated).
        allow_x00=True,
        codec="utf-8",
        # Authentication is ours (real tokens); a generated Authorization header would only
        # ever reach the 401 branch.
        with_security_parameters=False,
    )
    return schemathesis.openapi.from_wsgi(
        SCHEMA_URL, app, config=config, headers={"Authorization": f"Token {key}"}
    )


def messages(body):
    """Every message string in a DRF error body ({"field": ["…"]}, {"detail": "…"}, nested)."""
    if isinstance(body, str):
        yield body
    elif isinstance(body, list):
        for item in body:
            yield from messages(item)
    elif isinstance(body, dict):
        for value in body.values():
            yield from messages(value)


def check_chinese_400(response):
    if response.status_code != 400:
        return
    found = list(messages(response.json()))
    assert found, f"400 without a message: {response.text[:300]}"
    for message in found:
        assert CHINESE.search(message), f"400 message not in Chinese: {message!r}"


# Besides what Hypothesis draws (which may or may not hit them in a few examples), every
# operation gets these two inputs for certain: each string parameter or body field a NUL byte,
# then every integer huge and every string overlong.
HOSTILE = {
    # Numbers a plain 1, so the NUL reaches the database (page=0 would be refused before).
    "nul": {"string": "甲\x00乙", "integer": 1, "number": 1},
    "huge": {"string": "长" * 20_000, "integer": 10**30, "number": 1e308},
}


def _resolve(raw_schema, node):
    while isinstance(node, dict) and "$ref" in node:
        for part in node["$ref"].removeprefix("#/").split("/"):
            raw_schema = raw_schema[part]
        node = raw_schema
    return node or {}


def _hostile(raw_schema, node, values):
    node = _resolve(raw_schema, node)
    return values.get(node.get("type", "string"), values["string"])


def hostile_cases(operation):
    """The operation's two hostile cases (JSON bodies only; other media are left to Hypothesis)."""
    raw = operation.schema.raw_schema
    definition = operation.definition.raw
    for values in HOSTILE.values():
        params = {"path": {}, "query": {}}
        for param in definition.get("parameters", []):
            param = _resolve(raw, param)
            if param.get("in") in params:
                params[param["in"]][param["name"]] = _hostile(raw, param.get("schema"), values)
        kwargs = {"path_parameters": params["path"], "query": params["query"]}
        content = definition.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            body = _resolve(raw, content["application/json"].get("schema"))
            kwargs["body"] = {
                name: _hostile(raw, field, values)
                for name, field in body.get("properties", {}).items()
            }
            kwargs["media_type"] = "application/json"
        elif content:
            continue
        yield operation.Case(**kwargs)


def call(case, key):
    cache.clear()  # no request is throttled for the ones before it
    with transaction.atomic():
        response = case.call_and_validate(
            headers={"Authorization": f"Token {key}"}, excluded_checks=NOT_HELD
        )
        check_chinese_400(response)
        transaction.set_rollback(True)


def fuzz_operation(operation, keys):
    for case in hostile_cases(operation):
        for key in keys.values():
            call(case, key)

    strategies = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        try:
            strategies.append(operation.as_strategy(generation_mode=mode))
        except Exception:  # noqa: BLE001  (an operation with nothing to make invalid)
            continue

    @FUZZ_SETTINGS
    @given(case=st.one_of(strategies), role=st.sampled_from(ROLES))
    def run(case, role):
        call(case, keys[role])

    run()


def test_every_operation_of_the_schema_holds_its_contract(world, settings):
    # A server error fails with its own traceback rather than as a bare 500.
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    keys = {
        role: services.token_create(user=world.users[role], name="契约测试", days=1)[1]
        for role in ROLES
    }
    failures = []
    with in_process_requests() as app:
        schema = load_schema(app, keys["clerk"])
        operations = [result.ok() for result in schema.get_all_operations()]
        assert operations, "the schema lists no operation"
        for operation in operations:
            try:
                fuzz_operation(operation, keys)
            # Collected (schemathesis raises a group), so one run reports every operation.
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001
                failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
