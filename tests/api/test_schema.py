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
