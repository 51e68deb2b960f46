"""The shipped JSON Schema accepts real results and rejects malformed ones."""

from __future__ import annotations

import copy

import jsonschema
import pytest

from fazhi.checker import SCHEMA_ID, SCHEMA_PATH, check_text, load_schema
from fazhi.checker.batch import unreadable_result
from tests.checker.conftest import CLEAN_REPORT


def test_schema_file_ships_inside_the_package():
    assert SCHEMA_PATH.name == "check-1.json"
    assert "fazhi/checker/schema" in SCHEMA_PATH.as_posix()
    assert load_schema()["$id"] == SCHEMA_ID


def test_made_up_report_and_error_object_validate():
    schema = load_schema()
    jsonschema.validate(check_text(CLEAN_REPORT, source="a.txt"), schema)
    jsonschema.validate(unreadable_result("b.pdf", "PDF 文件已加密"), schema)


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: r.pop("parts"),
        lambda r: r["parts"]["measures"].update(status="present-ish"),
        lambda r: r["facts"].append({"value": "forty", "unit": "次"}),
        lambda r: r.update(schema="fazhi.check/2"),
        lambda r: r["findings"].append(
            {"code": "x", "severity": "fatal", "message": "坏", "line": None}
        ),
    ],
)
def test_schema_rejects_malformed_results(damage):
    result = copy.deepcopy(check_text(CLEAN_REPORT, source="a.txt"))
    damage(result)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(result, load_schema())
