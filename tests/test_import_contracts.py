"""Layers point one way and no package imports in a cycle: the import contracts of pyproject.toml
([tool.importlinter]), checked by import-linter. It reads the source (function-level imports
count), so a lower layer importing a higher one, or a new cycle, fails here with its message."""

from pathlib import Path

import pytest

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_the_import_contracts_hold(capsys):
    import importlinter.api  # noqa: F401  (configures import-linter)
    from importlinter.application.use_cases import lint_imports

    kept = lint_imports(config_filename=str(PYPROJECT), cache_dir=None, no_logo=True)
    output = capsys.readouterr().out
    if not kept:
        pytest.fail(f"import contracts broken:\n{output}", pytrace=False)
    assert "0 broken" in output
