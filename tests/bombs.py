"""Hostile files for the upload limits, written in chunks so building them costs no memory, and
a measure of how much memory refusing them takes (plain Python: the checker's tests use it too).
"""

from __future__ import annotations

import gc
import io
import re
import tracemalloc
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
CHUNK = b" " * MB


def _copy_members(source: bytes, target: zipfile.ZipFile, skip: str) -> bytes:
    """Copy every member of `source` but `skip` into `target`; returns the skipped one."""
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        for info in archive.infolist():
            if info.filename != skip:
                target.writestr(info.filename, archive.read(info))
        return archive.read(skip)


def docx_bomb(path: Path, unpacked_mb: int = 200) -> Path:
    """A real .docx (python-docx's blank document) whose word/styles.xml is `unpacked_mb` MB of
    well-formed XML: a few hundred KB on disk."""
    import docx

    blank = io.BytesIO()
    docx.Document().save(blank)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        styles = _copy_members(blank.getvalue(), target, "word/styles.xml")
        head, tail = styles.split(b"?>", 1)
        with target.open("word/styles.xml", "w", force_zip64=True) as member:
            member.write(head + b"?>")
            for _ in range(unpacked_mb):
                member.write(CHUNK)
            member.write(tail)
    return path


def xlsx_bomb(path: Path, base: bytes, unpacked_mb: int = 200) -> Path:
    """The workbook `base` with one more row whose second cell holds `unpacked_mb` MB of text."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        sheet = _copy_members(base, target, "xl/worksheets/sheet1.xml").decode()
        rows = [int(n) for n in re.findall(r'<row r="(\d+)"', sheet)]
        number = max(rows, default=0) + 1
        sheet = sheet.replace("<sheetData/>", "<sheetData></sheetData>")
        head, tail = sheet.split("</sheetData>", 1)
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(f'{head}<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>'.encode())
            for _ in range(unpacked_mb):
                member.write(b"A" * MB)
            member.write(f"</t></is></c></row></sheetData>{tail}".encode())
    return path


def big_plain_file(path: Path, megabytes: int = 60) -> Path:
    line = "全年开展普法宣传活动40余次，发放宣传资料3000余份。\n".encode()
    block = line * (MB // len(line) + 1)
    with path.open("wb") as handle:
        for _ in range(megabytes):
            handle.write(block[:MB])
    return path


@dataclass
class Growth:
    python: int = 0  # peak of Python's own allocations (tracemalloc)
    resident: int | None = None  # peak resident set growth, C libraries included (Linux)

    @property
    def peak(self) -> int:
        return max(self.python, self.resident or 0)

    def __str__(self) -> str:
        resident = "n/a" if self.resident is None else f"{self.resident / MB:.1f} MB"
        return f"python {self.python / MB:.1f} MB, resident {resident}"


def _resident() -> tuple[int, int] | None:
    """(current, peak) resident set in bytes, from /proc (Linux)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
    if len(values) < 2:
        return None
    return int(values["VmRSS"]) * 1024, int(values["VmHWM"]) * 1024


def _reset_resident_peak() -> int | None:
    # Writing 5 to clear_refs resets VmHWM to the current resident set (Linux 4.0+).
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return None
    now = _resident()
    return now[1] if now else None


@contextmanager
def peak_memory_growth():
    """How far this process's memory rose inside the block: Python's allocations and, where Linux
    lets the peak be reset, the resident set (which also sees lxml's and zlib's C buffers)."""
    gc.collect()
    baseline = _reset_resident_peak()
    growth = Growth()
    tracemalloc.start()
    try:
        yield growth
    finally:
        growth.python = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        after = _resident()
        if baseline is not None and after is not None:
            growth.resident = after[1] - baseline
