"""Reads of supervision findings, always through the one scoping function. Callers pass `today`.

A finding is overdue when it still waits for the township's rectification (待整改) past its
rectification deadline; one rectified in time and waiting for the inspector's 销号 is not the
township's delay. A finding not closed by the end of its year is carried over (上年度遗留): it
stays open in the following years and in the next drafted report's 不足 part.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from fazhi.indicators.named import named_figure
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import get_for_user_or_404, organisations_in, user_capabilities
from fazhi.supervision.models import DEADLINE_REF, Finding, FindingState, Rectification, Source

VIEW = {Capability.LEDGER_VIEW}
INSPECT = {Capability.INSPECT}
NOT_CLOSED = ~Q(state=FindingState.CLOSED)


def findings_in(*, organisation=None, user=None, capabilities=VIEW) -> QuerySet:
    """Findings of an organisation's subtree (everywhere when None) that the user may see;
    every one without a user (the drafted report, the figures' tests)."""
    findings = Finding.objects.all()
    if organisation is not None or user is not None:
        scope = organisations_in(organisation, user=user, capabilities=capabilities)
        findings = findings.filter(organisation__in=scope.values("pk"))
    return findings.select_related("organisation")


def finding_or_404(user, pk) -> Finding:
    return get_for_user_or_404(
        Finding.objects.select_related("organisation", "opened_by", "closed_by"), user, VIEW, pk=pk
    )


def rectification_or_404(user, pk) -> Rectification:
    return get_for_user_or_404(
        Rectification.objects.select_related("stored_file", "finding"), user, VIEW, pk=pk
    )


def rectifications_of(finding: Finding) -> list[Rectification]:
    return list(
        finding.rectifications.select_related(
            "submitted_by", "returned_by", "stored_file"
        ).order_by("submitted_at", "pk")
    )


def may_inspect(user) -> bool:
    return bool(user_capabilities(user) & INSPECT)


def townships_for(user) -> QuerySet:
    """The townships whose findings the user may see (the list's filter)."""
    return organisations_in(user=user, capabilities=VIEW).filter(level=Level.TOWNSHIP)


def inspected_townships(user) -> QuerySet:
    """The townships on which the user may open findings (the visit form's choices)."""
    scope = organisations_in(user=user, capabilities=INSPECT)
    return scope.filter(level=Level.TOWNSHIP).order_by("path")


def deadline_findings(deadlines) -> dict[str, Finding]:
    """{source_ref: finding} of the findings already opened for these deadlines."""
    refs = [DEADLINE_REF.format(pk=deadline.pk) for deadline in deadlines]
    found = Finding.objects.filter(source=Source.DEADLINE, source_ref__in=refs)
    return {finding.source_ref: finding for finding in found}


def is_overdue(finding: Finding, today: date) -> bool:
    return finding.state == FindingState.OPEN and finding.rectify_by < today


def is_carried_over(finding: Finding, today: date) -> bool:
    return finding.state != FindingState.CLOSED and finding.year < today.year


def filtered(
    findings: QuerySet,
    *,
    today: date,
    township=None,
    state: str = "",
    year: int | None = None,
    source: str = "",
    overdue: bool = False,
) -> QuerySet:
    """The list's filters; an unknown state or source is ignored."""
    if township is not None:
        findings = findings.filter(organisation__path__startswith=township.path)
    if state in FindingState.values:
        findings = findings.filter(state=state)
    if year is not None:
        findings = findings.filter(year=year)
    if source in Source.values:
        findings = findings.filter(source=source)
    if overdue:
        findings = overdue_in(findings, today)
    return findings.order_by("state", "rectify_by", "pk")


def overdue_in(findings: QuerySet, today: date) -> QuerySet:
    return findings.filter(state=FindingState.OPEN, rectify_by__lt=today)


# --- named figures -----------------------------------------------------------------------------


@named_figure("supervision.by_state")
def findings_by_state(*, organisation=None, user=None) -> dict[str, int]:
    """Findings of the scope (every year) by state: {state: count}, every state present."""
    counts = dict.fromkeys(FindingState.values, 0)
    rows = (
        findings_in(organisation=organisation, user=user)
        .order_by()
        .values("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    counts.update(dict(rows))
    return counts


@named_figure("supervision.overdue")
def overdue_findings(*, today: date, organisation=None, user=None) -> QuerySet:
    """Findings of the scope still waiting for rectification past their deadline."""
    return overdue_in(findings_in(organisation=organisation, user=user), today).order_by(
        "rectify_by", "pk"
    )


@named_figure("supervision.carried_over")
def carried_over(*, today: date, organisation=None, user=None) -> QuerySet:
    """Findings of the scope from before this year not yet closed (上年度遗留)."""
    return (
        findings_in(organisation=organisation, user=user)
        .filter(NOT_CLOSED, year__lt=today.year)
        .order_by("year", "rectify_by", "pk")
    )


# --- home panels -----------------------------------------------------------------------------


def unclosed_for(user) -> QuerySet:
    """The findings a township's people still have to deal with (not closed), soonest first."""
    return findings_in(user=user).filter(NOT_CLOSED).order_by("rectify_by", "pk")


def awaiting_close(user) -> QuerySet:
    """Rectified findings waiting for the user's 销号 (those of the counties they inspect)."""
    return (
        findings_in(user=user, capabilities=INSPECT)
        .filter(state=FindingState.RECTIFIED)
        .order_by("rectify_by", "pk")
    )


# --- the drafted report ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportShortcoming:
    """One unclosed finding as the 不足 part of a drafted report states it (plain text: the
    drafter escapes braces) with its evidence entry."""

    text: str
    evidence: dict


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _state_phrase(finding: Finding, latest: Rectification | None, today: date) -> str:
    if finding.state == FindingState.RECTIFIED and latest is not None:
        return f"已于{_day(latest.done_on)}完成整改，待督察销号"
    if finding.rectify_by < today:
        return f"整改期限为{_day(finding.rectify_by)}，已超过整改期限仍未完成整改"
    return f"正在整改，整改期限为{_day(finding.rectify_by)}"


def report_shortcomings(organisation, year: int, today: date) -> list[ReportShortcoming]:
    """The township's findings of `year` or before that are not closed (at drafting time), for
    the 不足 part of its report on `year`: each names the finding and its rectification state."""
    findings = list(
        findings_in(organisation=organisation)
        .filter(NOT_CLOSED, year__lte=year)
        .prefetch_related("rectifications")
        .order_by("year", "found_on", "pk")
    )
    items = []
    for finding in findings:
        latest = max(
            finding.rectifications.all(), key=lambda r: (r.submitted_at, r.pk), default=None
        )
        carried = "上年度遗留问题：" if finding.year < year else ""
        source = finding.get_source_display()
        items.append(
            ReportShortcoming(
                text=(
                    f"{carried}{finding.year}年{source}指出的“{finding.title}”问题尚未整改销号，"
                    f"{_state_phrase(finding, latest, today)}"
                ),
                evidence={
                    "kind": "finding",
                    "label": (
                        f"督察问题：{finding.title}（{finding.organisation.name}，"
                        f"{finding.get_state_display()}，整改期限{finding.rectify_by.isoformat()}）"
                    ),
                    "url": reverse("supervision:detail", args=[finding.pk]),
                },
            )
        )
    return items
