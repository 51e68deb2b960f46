"""Acceptance 1 and 4: the labelled sample reports (../shared/seeds with labels.json)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from fazhi.checker import check_file, load_schema
from fazhi.checker.evaluation import evaluate
from tests.checker.conftest import seeds_dir


def test_labelled_seeds_meet_the_acceptance_bars():
    score, _ = evaluate(seeds_dir())
    assert score.parts_total and score.facts_total and score.findings_total
    detail = "\n".join(score.misses)
    assert score.parts == 1.0, f"part statuses outside the accepted lists:\n{detail}"
    assert score.headings == 1.0, f"labelled headings not found:\n{detail}"
    assert score.facts >= 0.90, f"facts found {score.facts:.0%} < 90%:\n{detail}"
    assert score.findings == 1.0, f"labelled finding codes not raised:\n{detail}"


def test_org_year_and_signature_of_seeds_match_labels():
    seeds = seeds_dir()
    labels = json.loads((seeds / "labels.json").read_text(encoding="utf-8"))["reports"]
    for name, expected in labels.items():
        result = check_file(seeds / name)
        assert result["org"] == expected["org"], name
        assert result["year"] == expected["year"], name
        assert result["signed_on"] == expected["signed"], name


def test_json_of_every_seed_validates_against_the_shipped_schema():
    seeds = seeds_dir()
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    files = sorted(seeds.glob("*.txt")) + sorted(seeds.glob("*.md"))
    assert files
    for path in files:
        result = json.loads(json.dumps(check_file(path), ensure_ascii=False))
        jsonschema.validate(result, schema)


def test_missing_seeds_skip_locally_but_fail_on_ci(monkeypatch, tmp_path):
    from tests.checker import conftest

    monkeypatch.setattr(conftest, "SEEDS", tmp_path / "no-seeds")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        conftest.seeds_dir()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        conftest.seeds_dir()
