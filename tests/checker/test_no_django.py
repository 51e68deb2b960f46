"""The checker and the catalogue (and fazhi.spreadsheet, which the checker uses) are plain
Python: importing and running them loads no Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import fazhi.catalogue
import fazhi.checker
import fazhi.lawbook

SCRIPT = """
import sys
import fazhi.checker, fazhi.catalogue, fazhi.lawbook
from fazhi.checker import check_text
from fazhi.lawbook.cli import main as laws_main
assert fazhi.lawbook.find("行政处罚法")
from fazhi.checker.cli import main
from fazhi.checker.workbook import write_workbook
result = check_text("青山镇2024年度法治政府建设情况报告\\n一、主要举措和成效\\n开展宣传12次。")
assert result["facts"][0]["indicator"]
loaded = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
print("DJANGO:", loaded)
"""


def test_importing_and_checking_loads_no_django():
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    assert "DJANGO: []" in completed.stdout


def test_no_source_file_mentions_django_imports():
    roots = [
        Path(fazhi.checker.__file__).parent,
        Path(fazhi.catalogue.__file__).parent,
        Path(fazhi.lawbook.__file__).parent,
    ]
    # The checker writes its workbook's cells through fazhi.spreadsheet.
    spreadsheet = Path(fazhi.checker.__file__).parents[1] / "spreadsheet.py"
    for path in [spreadsheet, *(path for root in roots for path in root.rglob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, path
