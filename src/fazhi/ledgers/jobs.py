"""The ledgers' background jobs: a large export, a large import (fazhi.jobs runs them).

Below the thresholds the pages do the work inside the request as before; above them they start
a job and send the person to its progress page.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, QueryDict
from django.utils import timezone

from fazhi.jobs import registry, services
from fazhi.jobs.registry import JobKind, Outcome
from fazhi.ledgers import excel, personal, selectors
from fazhi.ledgers.forms import record_filterset_class
from fazhi.ledgers.registry import get_kind

# An export of more rows than this runs as a job (a few seconds' work inside a request).
EXPORT_JOB_ROWS = 2_000
# An import of more rows than this runs as a job.
IMPORT_JOB_ROWS = 1_000
IMPORT_INPUT = "import.xlsx"


def _kind(params: dict):
    try:
        return get_kind(params.get("kind", ""))
    except Http404 as missing:
        raise ValidationError("没有该台账。") from missing


def exported_records(user, kind, query):
    """The records an export of `kind` with the list's filters (`query`: the request's GET, or
    a dict of lists) holds: the user's own scope, as the list shows them."""
    if not isinstance(query, QueryDict):
        data = QueryDict(mutable=True)
        for name, values in (query or {}).items():
            data.setlist(name, values)
        query = data
    records = selectors.records_for(user, kind)
    return record_filterset_class(kind)(query or None, records, user=user).qs


def export_filename(kind) -> str:
    return f"{kind.label}_{timezone.localdate():%Y%m%d}.xlsx"


def _check_view(user, params: dict) -> None:
    kind = _kind(params)
    if not selectors.may_view_kind(user, kind):
        raise PermissionDenied("您的角色无权查看该台账。")


def _export(job, progress, workdir) -> Outcome:
    kind = _kind(job.params)
    records = exported_records(job.user, kind, job.params.get("query"))
    path = workdir / "export.xlsx"
    written = excel.write_export(
        kind,
        records,
        path,
        unmasked_for=lambda chunk: personal.reveal(
            user=job.user, kind=kind, records=chunk, context="export"
        ),
        on_progress=progress,
    )
    return Outcome(f"已导出 {written:,} 行{kind.label}。", path, export_filename(kind))


def _check_edit(user, params: dict) -> None:
    kind = _kind(params)
    if not (selectors.may_view_kind(user, kind) and selectors.may_edit_kind(user, kind)):
        raise PermissionDenied("您的角色无权录入该台账。")


def _import(job, progress, workdir) -> Outcome:
    kind = _kind(job.params)
    data = services.input_path(job, IMPORT_INPUT).read_bytes()
    progress.start(job.params.get("rows"))
    result = excel.import_rows(actor=job.user, kind=kind, data=data, on_progress=progress)
    return Outcome(
        f"导入完成：新增 {result.created} 条，更新 {result.updated} 条，"
        f"未变化 {result.unchanged} 条。"
    )


EXPORT = registry.register(JobKind("ledgers.export", _check_view, _export))
IMPORT = registry.register(JobKind("ledgers.import", _check_edit, _import))


def start_export(user, kind, query) -> object:
    return services.start(
        user,
        EXPORT.code,
        {"kind": kind.slug, "query": dict(query.lists())},
        title=f"导出{kind.label}",
    )


def start_import(user, kind, data: bytes, rows: int) -> object:
    return services.start(
        user,
        IMPORT.code,
        {"kind": kind.slug, "rows": rows},
        title=f"导入{kind.label}（约 {rows:,} 行）",
        inputs={IMPORT_INPUT: data},
    )
