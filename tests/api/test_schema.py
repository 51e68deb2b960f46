"""The committed OpenAPI schema (src/fazhi/api/openapi.yaml) is what the code generates, and
the generator has nothing to warn about. After changing the API: `make api-schema`."""

from pathlib import Path

import pytest
from django.core.management import call_command

import fazhi.api

COMMITTED = Path(fazhi.api.__file__).parent / "openapi.yaml"
# The same generator, options and language as the Makefile's api-schema target.
OPTIONS = ("--validate", "--fail-on-warn", "--lang", "zh-hans")


def test_the_committed_schema_is_what_the_code_generates_without_warnings(tmp_path):
    generated = tmp_path / "openapi.yaml"
    # The generator starts with no warnings; any it meets, or an invalid schema, raise here.
    call_command("spectacular", *OPTIONS, "--file", str(generated))
    assert generated.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8"), (
        "src/fazhi/api/openapi.yaml differs from the code: run `make api-schema` and commit it"
    )


def test_a_view_the_generator_cannot_describe_fails_the_check(tmp_path):
    """The check is not vacuous: one unannotated view makes the same command fail."""
    from drf_spectacular.management.commands.spectacular import SchemaGenerationError

    with pytest.raises(SchemaGenerationError):
        call_command(
            "spectacular",
            *OPTIONS,
            "--urlconf",
            "tests.api.unannotated_urls",
            "--file",
            str(tmp_path / "x.yaml"),
        )


def test_the_served_schema_is_built_once_and_is_the_committed_one(client, world, monkeypatch):
    """/api/schema/ answers every person with the committed schema, generated on the first
    request only (it describes the code, not the person)."""
    import yaml
    from drf_spectacular.generators import SchemaGenerator

    from fazhi.api.views import SchemaView

    monkeypatch.setattr(SchemaView, "_generated", {})
    calls = []
    original = SchemaGenerator.get_schema

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counting)
    answers = []
    for role in ("clerk", "inspector"):
        client.force_login(world.users[role])
        response = client.get("/api/schema/?lang=zh-hans")
        assert response.status_code == 200
        answers.append(yaml.safe_load(response.content))
    assert len(calls) == 1
    assert answers[0] == answers[1] == yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
