"""The county's long report work as background jobs (fazhi.jobs), started from the collection
board (县级报告收取): every township's annual report drafted from its ledgers into one zip of
Word files, and the checker run on every submitted report that has no verdict yet."""

import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fazhi.jobs import registry, services
from fazhi.jobs.registry import JobKind, Outcome
from fazhi.reports import collection
from fazhi.reports import services as report_services

FIRST_YEAR = 2000


def _county(user, params: dict):
    county = collection.inspected_counties(user).filter(code=params.get("county", "")).first()
    if county is None:
        raise PermissionDenied("只有该县（区）的督察人员可以执行此操作。")
    return county


def _year(params: dict) -> int:
    year = params.get("year")
    if not isinstance(year, int) or not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ValidationError("报告年度不正确。")
    return year


def _check(user, params: dict) -> None:
    _county(user, params)
    _year(params)


def _drafts(job, progress, workdir) -> Outcome:
    from fazhi.reports.docx import render_docx
    from fazhi.reports.drafting import draft_document

    county, year = _county(job.user, job.params), _year(job.params)
    townships = list(collection.townships_of(county))
    progress.start(len(townships))
    path = workdir / "drafts.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for township in townships:
            document = draft_document(township, year)
            archive.writestr(f"{document.title}（草稿）.docx", render_docx(document))
            progress.advance(township.name)
    return Outcome(
        f"已按台账生成 {len(townships)} 个乡镇（街道）的{year}年度报告草稿（Word）。",
        path,
        f"{county.name}{year}年度报告草稿.zip",
    )


def _check_submitted(job, progress, workdir) -> Outcome:
    county = _county(job.user, job.params)
    count = report_services.check_unchecked_versions(
        on_progress=progress, townships=collection.townships_of(county)
    )
    return Outcome(f"已对 {count} 份尚无审查结果的已报送报告补做审查。")


DRAFTS = registry.register(JobKind("reports.county_drafts", _check, _drafts, unit="个乡镇"))
CHECKS = registry.register(JobKind("reports.check_submitted", _check, _check_submitted, unit="份"))


def _start(user, kind: JobKind, county, year: int, title: str):
    return services.start(
        user, kind.code, {"county": county.code, "year": year}, title=title, organisation=county
    )


def start_drafts(user, county, year: int):
    return _start(user, DRAFTS, county, year, f"生成{county.name}{year}年度各乡镇报告草稿")


def start_checks(user, county, year: int):
    return _start(user, CHECKS, county, year, f"审查{county.name}尚无审查结果的已报送报告")
