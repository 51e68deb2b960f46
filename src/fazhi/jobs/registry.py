"""The kinds of background job. Each app registers its own in AppConfig.ready (module `jobs.py`
of the app), so this low layer never imports the apps whose work it runs.

A kind's `check(user, params)` raises PermissionDenied or ValidationError (Chinese) when the
person may not start the job, or no longer may fetch its file; it runs when the job starts and
again at download. `work(job, progress, workdir)` does the work: it reports through `progress`
(.start(total), .advance(description, n)), writes any file into `workdir` and returns an
Outcome; an exception fails the job (its message, when Chinese, is the reason shown).
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Outcome:
    message: str  # what the person reads when it is done: "已导出 60,000 行。"
    file: Path | None = None  # inside workdir; moved to the job's folder
    filename: str = ""  # the download's name


@dataclass(frozen=True)
class JobKind:
    code: str  # "ledgers.export"
    check: Callable  # (user, params) -> None, raises when not permitted
    work: Callable  # (job, progress, workdir) -> Outcome
    unit: str = "行"  # what progress counts: 行, 个乡镇, 份报告


_KINDS: dict[str, JobKind] = {}


def register(kind: JobKind) -> JobKind:
    _KINDS[kind.code] = kind
    return kind


def get(code: str) -> JobKind:
    try:
        return _KINDS[code]
    except KeyError as missing:
        raise LookupError(f"unknown job kind {code!r}") from missing


def codes() -> list[str]:
    return sorted(_KINDS)
