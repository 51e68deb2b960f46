"""Check many reports on all cores, then look for passages copied between organisations."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from fazhi.checker.copying import Sentence, find_shared_passages, split_sentences
from fazhi.checker.errors import CheckerInputError
from fazhi.checker.limits import FileLimits
from fazhi.checker.places import load_gazetteer, load_villages
from fazhi.checker.reading import read_path
from fazhi.checker.report import INTERNAL_ERROR, SCHEMA_ID, analyse_text
from fazhi.checker.vocabulary import build_vocabulary

PARALLEL_FROM = 8  # fewer files are checked in-process: starting workers costs more
CHUNK = 8


@dataclass
class BatchResult:
    results: list[dict] = field(default_factory=list)  # in input order; unreadable -> error object
    copies: list[dict] = field(default_factory=list)  # passages shared between organisations

    @property
    def unreadable(self) -> list[dict]:
        return [result for result in self.results if "error" in result]

    @property
    def reports(self) -> list[dict]:
        return [result for result in self.results if "error" not in result]


def unreadable_result(source: str, message: str) -> dict:
    return {"schema": SCHEMA_ID, "source": source, "error": message}


def _check_one(path: str, limits: FileLimits | None = None) -> tuple[dict, list[Sentence]]:
    name = Path(path).name
    try:
        analysis = analyse_text(read_path(path, limits), name)
    except CheckerInputError as error:
        return unreadable_result(name, error.message), []
    except Exception:  # a bug must not stop a county's batch; report the file as unreadable
        return unreadable_result(name, INTERNAL_ERROR), []
    paragraphs = [(p.line, p.text) for p in analysis.layout.paragraphs]
    return analysis.as_dict(), split_sentences(paragraphs)


def _warm_up() -> None:
    # Load the shared tables once in the parent so forked workers inherit them.
    load_gazetteer()
    build_vocabulary()


def check_files(
    paths: Iterable[str | os.PathLike],
    workers: int | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    detect_copies: bool = True,
    limits: FileLimits | None = None,
) -> BatchResult:
    """Check files (on all cores for large batches); on_progress(done, total, source). Files
    beyond `limits` (default: fazhi.checker.limits.DEFAULT_LIMITS) are reported unreadable."""
    check_one = partial(_check_one, limits=limits)
    paths = [str(path) for path in paths]
    total = len(paths)
    workers = workers or os.cpu_count() or 1
    outcomes: list[tuple[dict, list[Sentence]]] = []
    _warm_up()
    if workers <= 1 or total < PARALLEL_FROM:
        for path in paths:
            outcomes.append(check_one(path))
            if on_progress:
                on_progress(len(outcomes), total, outcomes[-1][0]["source"])
    else:
        import multiprocessing  # only here: a single report does not pay for the pool
        from concurrent.futures import ProcessPoolExecutor

        load_villages()  # once here rather than in every worker

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for outcome in pool.map(check_one, paths, chunksize=CHUNK):
                outcomes.append(outcome)
                if on_progress:
                    on_progress(len(outcomes), total, outcome[0]["source"])
    batch = BatchResult(results=[result for result, _ in outcomes])
    if detect_copies and total > 1:
        readable = [
            {"source": result["source"], "org": result.get("org"), "sentences": sentences}
            for result, sentences in outcomes
            if "error" not in result
        ]
        batch.copies = find_shared_passages(readable)
        _attach_passages(batch)
    return batch


def _attach_passages(batch: BatchResult) -> None:
    """Each report lists the passages it shares with other organisations' reports, so the JSON
    of a batch carries the copy detection too (an optional "shared_passages" key)."""
    by_source = {result["source"]: result for result in batch.reports}
    for passage in batch.copies:
        for mine, other in ((passage["a"], passage["b"]), (passage["b"], passage["a"])):
            result = by_source.get(mine["source"])
            if result is None:
                continue
            result.setdefault("shared_passages", []).append(
                {
                    "line": mine["line"],
                    "text": mine["text"],
                    "chars": passage["chars"],
                    "similarity": passage["similarity"],
                    "other": {
                        "source": other["source"],
                        "org": other["org"],
                        "line": other["line"],
                    },
                }
            )
