"""Benchmark: import a 10,000-row ledger workbook, then import it again (idempotent).

Run: .venv/bin/python bench/ledger_import.py [--rows 10000]
Prints seconds for the first import and the re-import, and their ratio to the bar: an import of
10,000 rows must finish inside one request, held here to 30 s (a common proxy timeout).
"""

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

BAR_SECONDS = 30.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="fazhi-bench-")
    os.environ.update(
        {"FAZHI_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "fazhi.settings", "DEBUG": "0"}
    )
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from openpyxl import Workbook

    from fazhi.ledgers.columns import columns_for, to_cell
    from fazhi.ledgers.excel import FIRST_DATA_ROW, import_rows
    from fazhi.ledgers.registry import get_kind
    from fazhi.orgs.roles import Level, Role
    from fazhi.orgs.services import membership_grant, organisation_create

    call_command("migrate", verbosity=0)
    county = organisation_create(actor=None, code="B1", name="基准县", level=Level.COUNTY)
    township = organisation_create(
        actor=None, code="B11", name="基准镇", level=Level.TOWNSHIP, parent=county
    )
    clerk = get_user_model().objects.create_user(username="bench", password="x")
    membership_grant(actor=None, user=clerk, organisation=township, role=Role.CLERK)

    kind = get_kind("study-sessions")
    columns = columns_for(kind)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([c.header for c in columns])
    sheet.append([c.note for c in columns])
    types = [value for value, _ in columns[2].choices]
    for index in range(args.rows):
        values = {
            "occurred_on": date(2025, 1, 1) + timedelta(days=index % 365),
            "session_type": types[index % len(types)],
            "topic": f"第{index + 1}次学法：民法典",
            "laws": "民法典、宪法",
            "presenter": "司法所所长",
            "led_by": "",
            "attendees": 20 + index % 50,
            "hours": 2,
        }
        sheet.append(["基准镇", *(to_cell(c, values.get(c.name)) for c in columns[1:])])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    assert sheet.max_row == FIRST_DATA_ROW - 1 + args.rows

    started, cpu_started = time.perf_counter(), time.process_time()
    first = import_rows(actor=clerk, kind=kind, data=data)
    first_seconds = time.perf_counter() - started
    first_cpu = time.process_time() - cpu_started
    started, cpu_started = time.perf_counter(), time.process_time()
    again = import_rows(actor=clerk, kind=kind, data=data)
    again_seconds = time.perf_counter() - started
    again_cpu = time.process_time() - cpu_started

    assert first.created == args.rows, first
    assert again.created == 0 and again.unchanged == args.rows, again
    print(f"rows: {args.rows}  file: {len(data) / 1024:.0f} KiB")
    print(
        f"first import: {first_seconds:.1f} s wall, {first_cpu:.1f} s CPU"
        f"  ({args.rows / first_seconds:.0f} rows/s)"
    )
    print(f"re-import (no change): {again_seconds:.1f} s wall, {again_cpu:.1f} s CPU")
    worst = max(first_seconds, again_seconds)
    ratio = worst / BAR_SECONDS
    print(f"ratio of wall time to the {BAR_SECONDS:.0f} s bar: {ratio:.2f} (must be ≤ 1)")
    return 0 if worst <= BAR_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
