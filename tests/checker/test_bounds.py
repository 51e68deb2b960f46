"""Odd inputs under the size limit finish: each runs in a child process that must end in time.

This guards against hangs (quadratic regular expressions, quadratic joins); it is not a speed
test, which is bench/checker_throughput.py's job."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fazhi.checker.reading import MAX_TEXT_CHARS

ODD_TEXTS = {
    "digits": "'1' * LIMIT",
    "numerals": "'一二三四五六七八九十' * (LIMIT // 10)",
    "dense_facts": "('调解12起成功11起成功率92%，' * LIMIT)[:LIMIT]",
    "one_line": "'法治建设' * (LIMIT // 4)",
    "broken_lines": "('开展普法宣传活动' * 7 + '\\n\\n') * (LIMIT // 58)",
    "headings": "('一、存在的不足和原因\\n' * LIMIT)[:LIMIT]",
    "places": "('彭堡镇大张楼镇城关镇' * LIMIT)[:LIMIT]",
}  # fmt: skip
SCRIPT = """
from fazhi.checker import CheckerInputError, check_text
LIMIT = {limit}
text = {expression}
try:
    check_text(text[:LIMIT])
except CheckerInputError:
    pass
print("done")
"""


@pytest.mark.parametrize("name", sorted(ODD_TEXTS))
def test_odd_text_at_the_size_limit_does_not_hang(name):
    script = SCRIPT.format(limit=MAX_TEXT_CHARS - 1, expression=ODD_TEXTS[name])
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert completed.stdout.strip() == "done"
