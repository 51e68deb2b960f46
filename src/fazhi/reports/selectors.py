"""Reads of the annual reports: what a user may see, the deadlines in force, a version as a
document (live or frozen figures) and the comparison of two versions."""

import difflib
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404

from fazhi.deadlines.resolve import county_id_of
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import get_for_user_or_404, has_any_capability, has_capability
from fazhi.reports.composing import Content, SuggestionText, compose, ordered
from fazhi.reports.document import ReportDocument
from fazhi.reports.models import (
    DEFAULT_PUBLICATION,
    DEFAULT_SUBMISSION,
    PART_LABELS,
    SUBMITTED_STATES,
    CountyReportSetting,
    Report,
    ReportVersion,
    State,
    SuggestionState,
)
from fazhi.reports.references import FigureValues

WRITERS = (Capability.REPORT_DRAFT, Capability.REPORT_APPROVE)
READERS = (*WRITERS, Capability.INSPECT)


# --- county settings ------------------------------------------------------------------------


def county_setting(organisation: Organisation) -> CountyReportSetting | None:
    return CountyReportSetting.objects.filter(county_id=county_id_of(organisation)).first()


def part_order_for(organisation: Organisation) -> tuple[str, ...]:
    setting = county_setting(organisation)
    return ordered(setting.part_order if setting else None)


def _due(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:  # 2月29日 in a common year: the last day of February
        return date(year, month, 28)


def submission_due(organisation: Organisation, year: int) -> date:
    """报送截止日: 3月1日 of the year after the report year, unless the county set another."""
    setting = county_setting(organisation)
    month, day = (
        (setting.submission_month, setting.submission_day) if setting else DEFAULT_SUBMISSION
    )
    return _due(year + 1, month, day)


def publication_due(organisation: Organisation, year: int) -> date:
    """公开截止日: 4月1日 of the year after the report year, unless the county set another."""
    setting = county_setting(organisation)
    month, day = (
        (setting.publication_month, setting.publication_day) if setting else DEFAULT_PUBLICATION
    )
    return _due(year + 1, month, day)


# --- who sees what ----------------------------------------------------------------------------


def require_reader(user) -> None:
    from fazhi.orgs.scoping import user_capabilities

    if not user_capabilities(user) & set(READERS):
        raise PermissionDenied("您的角色无权查看年度报告。")


def may_write(user, organisation) -> bool:
    return has_any_capability(user, WRITERS, organisation)


def may_draft(user, organisation) -> bool:
    return has_capability(user, Capability.REPORT_DRAFT, organisation)


def may_approve(user, organisation) -> bool:
    return has_capability(user, Capability.REPORT_APPROVE, organisation)


def visible_versions(user):
    """Versions the user may read: every version of a township where the user drafts or
    approves; only submitted and published ones where the user only inspects."""
    from django.db.models import Q

    writable = ReportVersion.objects.for_user(user, WRITERS)
    inspected = ReportVersion.objects.for_user(user, [Capability.INSPECT]).filter(
        state__in=SUBMITTED_STATES
    )
    ids = Q(pk__in=writable.values("pk")) | Q(pk__in=inspected.values("pk"))
    return ReportVersion.objects.filter(ids)


def visible_reports(user):
    return (
        Report.objects.filter(pk__in=visible_versions(user).values("report_id"))
        .select_related("organisation")
        .order_by("-year", "organisation__path")
    )


@dataclass(frozen=True)
class ReportRow:
    report: Report
    latest: ReportVersion


def report_rows(user) -> list[ReportRow]:
    versions = visible_versions(user).select_related("report__organisation")
    latest: dict[int, ReportVersion] = {}
    for version in versions.order_by("report_id", "number"):
        latest[version.report_id] = version
    return [
        ReportRow(v.report, v)
        for v in sorted(latest.values(), key=lambda v: (-v.report.year, v.report.organisation.path))
    ]


def township_or_404(user, code: str) -> Organisation:
    """A township whose reports the user may read (403 for roles that never read reports)."""
    require_reader(user)
    organisation = get_for_user_or_404(Organisation.objects.all(), user, READERS, code=code)
    if organisation.level != Level.TOWNSHIP:
        raise Http404("只有乡镇（街道）有年度报告。")
    return organisation


def versions_of(user, organisation: Organisation, year: int):
    return (
        visible_versions(user)
        .filter(report__organisation=organisation, report__year=year)
        .select_related("report__organisation")
        .order_by("number")
    )


def years_of(user, organisation: Organisation) -> list[int]:
    return sorted(
        set(
            visible_versions(user)
            .filter(report__organisation=organisation)
            .values_list("report__year", flat=True)
        ),
        reverse=True,
    )


def version_or_404(user, organisation, year: int | None, number: int | None) -> ReportVersion:
    """The asked version (or the latest visible one of the year, or of the latest year)."""
    if year is None:
        years = years_of(user, organisation)
        if not years:
            raise Http404("尚无年度报告。")
        year = years[0]
    versions = versions_of(user, organisation, year)
    if number is not None:
        versions = versions.filter(number=number)
    version = versions.last()
    if version is None:
        raise Http404("未找到该报告版本，或您无权查看。")
    return version


# --- a version as a document --------------------------------------------------------------------


def content_of(version: ReportVersion) -> Content:
    report = version.report
    parts = {part.key: part.text for part in version.parts.all()}
    suggestions = tuple(
        SuggestionText(s.part, s.text)
        for s in version.suggestions.exclude(state=SuggestionState.DROPPED).order_by(
            "part", "position", "pk"
        )
    )
    return Content(
        organisation_name=report.organisation.name,
        organisation_code=report.organisation.code,
        year=report.year,
        title=version.title,
        recipient=version.recipient,
        signed_on=version.signed_on,
        part_order=tuple(version.part_order or ()),
        parts=parts,
        suggestions=suggestions,
        version=version.number,
        state_label=State(version.state).label,
    )


def values_of(version: ReportVersion, content: Content | None = None, *, today=None):
    """Frozen values once approved; live ones from the engine before."""
    if version.frozen:
        return FigureValues.from_frozen(version.frozen_values)
    content = content or content_of(version)
    return FigureValues.live(
        content.codes(), version.report.organisation, version.report.year, today=today
    )


def document_of(version: ReportVersion, *, today=None) -> ReportDocument:
    content = content_of(version)
    return compose(content, values_of(version, content, today=today))


# --- comparing two versions -------------------------------------------------------------------


@dataclass(frozen=True)
class PartDiff:
    key: str
    label: str
    changed: bool
    rows: list  # (tag, left line, right line): tag "equal" | "delete" | "insert" | "replace"


def _part_lines(document: ReportDocument) -> dict[str, list[str]]:
    return {part.key: [block.text for block in part.blocks] for part in document.parts}


def compare(left: ReportVersion, right: ReportVersion) -> list[PartDiff]:
    """The two versions' texts (as rendered) part by part, line by line."""
    a, b = _part_lines(document_of(left)), _part_lines(document_of(right))
    diffs = []
    for key, label in PART_LABELS.items():
        old, new = a.get(key, []), b.get(key, [])
        rows = []
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                rows.extend(("equal", line, line) for line in old[i1:i2])
                continue
            left_lines, right_lines = old[i1:i2], new[j1:j2]
            for index in range(max(len(left_lines), len(right_lines))):
                left_line = left_lines[index] if index < len(left_lines) else ""
                right_line = right_lines[index] if index < len(right_lines) else ""
                rows.append((tag, left_line, right_line))
        diffs.append(PartDiff(key, label, old != new, rows))
    return diffs


def suggestions_shown(version: ReportVersion) -> list:
    """The version's suggestions, each with `shown_text`: its figure references written out
    (frozen values once approved), as the person reads them in the report."""
    from fazhi.reports.composing import segments
    from fazhi.reports.references import codes_in

    suggestions = list(version.suggestions.order_by("part", "position", "pk"))
    report = version.report
    if version.frozen:
        values = FigureValues.from_frozen(version.frozen_values)
    else:
        codes = codes_in(s.text for s in suggestions)
        values = FigureValues.live(codes, report.organisation, report.year)
    for suggestion in suggestions:
        pieces = segments(suggestion.text, values, report.year, report.organisation.code)
        suggestion.shown_text = "".join(p if isinstance(p, str) else p.text for p in pieces)
    return suggestions


# --- returns by the county ----------------------------------------------------------------------


def open_returns(versions):
    """Of `versions`, those the county returned (退回修改) that the township has not yet
    replaced by a newer submitted version."""
    from django.db.models import Exists, OuterRef

    replaced = ReportVersion.objects.filter(
        report_id=OuterRef("report_id"), number__gt=OuterRef("number"), state__in=SUBMITTED_STATES
    )
    return (
        versions.filter(returned_at__isnull=False, state__in=SUBMITTED_STATES)
        .exclude(Exists(replaced))
        .select_related("report__organisation", "returned_by")
        .order_by("-returned_at")
    )


def open_return(organisation: Organisation, year: int) -> ReportVersion | None:
    return open_returns(
        ReportVersion.objects.filter(report__organisation=organisation, report__year=year)
    ).first()


def returns_for(user) -> list[ReportVersion]:
    """Returned reports of the townships where the user drafts or approves (the home page)."""
    return list(open_returns(ReportVersion.objects.for_user(user, WRITERS)))


def awaiting_approval(user):
    """Versions waiting for a township leader: drafts to 审定 and approved ones to 报送 (the
    states approve_check and submit_check accept), of the townships where the user approves."""
    return (
        ReportVersion.objects.for_user(user, [Capability.REPORT_APPROVE])
        .filter(state__in=(State.DRAFT, State.APPROVED))
        .select_related("report__organisation")
        .order_by("-report__year", "report__organisation__path", "number")
    )
