"""Progress on stderr for command-line work that takes more than a second (rich is a dependency).

Nothing is drawn when stderr is not a terminal (cron, a pipe, a log file) or with --quiet, so
scripts see only the command's own output."""

import sys
from contextlib import contextmanager


class _Silent:
    def start(self, total: int | None) -> None:
        pass

    def advance(self, description: str = "", n: int = 1) -> None:
        pass


# What a service given no bar reports to (the web, tests): `bar = on_progress or NO_PROGRESS`.
NO_PROGRESS = _Silent()


class _Bar:
    def __init__(self, bar, task):
        self.bar, self.task = bar, task

    def start(self, total: int | None) -> None:
        self.bar.update(self.task, total=total)

    def advance(self, description: str = "", n: int = 1) -> None:
        self.bar.update(self.task, advance=n, description=description)


def shown(quiet: bool = False, stream=None) -> bool:
    stream = stream or sys.stderr
    return not quiet and hasattr(stream, "isatty") and stream.isatty()


@contextmanager
def progress(label: str, total: int | None = None, *, quiet: bool = False, stream=None):
    """A bar labelled `label`: call .advance(description) per step (.start(total) when the total
    is known only later). Removed from the terminal when done."""
    stream = stream or sys.stderr
    if not shown(quiet, stream):
        yield _Silent()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    console = Console(file=stream, force_terminal=True)
    with Progress(*columns, console=console, transient=True) as bar:
        yield _Bar(bar, bar.add_task("", total=total))
