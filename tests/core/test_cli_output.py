"""Issue 18, acceptance 10: output cut short ends quietly; progress only on a terminal."""

import io
import os
import subprocess
import sys
from pathlib import Path

from fazhi import cli
from fazhi.core.progress import progress

SRC = Path(__file__).resolve().parents[2] / "src"
# A pure command (no database) that prints far more than a pipe holds, run as `fazhi flood`.
FLOOD = """
import sys
from fazhi import cli

def flood(argv):
    for number in range(200_000):
        print(f"第 {number} 行：青山镇")
    return 0

cli.PURE_COMMANDS["flood"] = ("__main__:flood", "")
sys.exit(cli.main(["flood"]))
"""


def test_output_cut_short_ends_quietly_without_a_traceback():
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    process = subprocess.Popen(
        [sys.executable, "-c", FLOOD], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert process.stdout.readline().decode().startswith("第 0 行")
    process.stdout.close()  # what `| head -1` does
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == cli.SIGPIPE_EXIT
    assert stderr == ""


class _ClosedPipe(io.StringIO):
    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")


def test_main_returns_the_sigpipe_status_when_stdout_is_closed(monkeypatch):
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    monkeypatch.setitem(cli.PURE_COMMANDS, "say", (f"{__name__}:_say", ""))
    assert cli.main(["say"]) == cli.SIGPIPE_EXIT


def _say(argv):
    print("青山镇")
    return 0


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_drawn_on_a_terminal_only_and_never_with_quiet():
    for stream, quiet, drawn in (
        (_Terminal(), False, True),
        (_Terminal(), True, False),
        (io.StringIO(), False, False),  # a pipe or a log file
    ):
        with progress("载入演示数据", 3, quiet=quiet, stream=stream) as bar:
            for name in ("组织机构", "学法", "普法"):
                bar.advance(name)
        assert bool(stream.getvalue()) is drawn, (quiet, stream)
        if drawn:
            assert "载入演示数据" in stream.getvalue()
