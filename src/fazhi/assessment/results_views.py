"""Assessment result pages and files. Thin: results.scheme_result computes every number, the
templates and exports show it. Inspectors see their county; a township only its own result."""

from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fazhi.assessment.exports import change_text, feedback_docx, result_workbook
from fazhi.assessment.models import Scheme
from fazhi.assessment.result_charts import result_charts
from fazhi.assessment.results import ItemResult, scheme_result, score_history
from fazhi.assessment.rules import STATUS_LABELS, describe
from fazhi.assessment.scoring import refresh_scores
from fazhi.audit.services import record
from fazhi.core.http import require, year_param
from fazhi.deadlines.selectors import counties_inspected
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import get_for_user_or_404, has_capability

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TOWNSHIP_VIEW = {Capability.LEDGER_VIEW}


def _county(request, source) -> tuple[Organisation, list[Organisation]]:
    counties = list(counties_inspected(request.user).order_by("code"))
    require(bool(counties), "只有县（区）督察和系统管理员可以查看全县考核结果。")
    code = source.get("county")
    if not code:
        return counties[0], counties
    for county in counties:
        if county.code == code:
            return county, counties
    raise Http404("未找到该县（区），或您无权查看。")


def _years(county_id: int) -> list[int]:
    return list(
        Scheme.objects.filter(county_id=county_id).order_by("-year").values_list("year", flat=True)
    )


def _year(source, years: list[int]) -> int:
    """?year=, else the latest scheme's year, else last year (the one assessed)."""
    default = years[0] if years else timezone.localdate().year - 1
    return year_param(source, default)


def _township_or_404(user, code: str) -> Organisation:
    return get_for_user_or_404(
        Organisation.objects.filter(level=Level.TOWNSHIP), user, TOWNSHIP_VIEW, code=code
    )


@require_GET
def county(request):
    county, counties = _county(request, request.GET)
    years = _years(county.pk)
    year = _year(request, years)
    scheme = Scheme.objects.filter(county=county, year=year).first()
    result = scheme_result(scheme) if scheme else None
    query = f"?year={year}" + (f"&county={county.code}" if len(counties) > 1 else "")
    context = {
        "county": county,
        "counties": counties,
        "year": year,
        "years": sorted(set(years) | {year}, reverse=True),
        "scheme": scheme,
        "result": result,
        "charts": result_charts(result) if result and result.townships else None,
        "may_refresh": scheme is not None
        and has_capability(request.user, Capability.INSPECT, county),
        "export_url": reverse("assessment_results:export") + query,
    }
    return render(request, "assessment/results_county.html", context)


@require_POST
def refresh(request):
    """Score (again) from the ledgers: creates missing assessments, locks the scheme."""
    county, _ = _county(request, request.POST)
    require(has_capability(request.user, Capability.INSPECT, county), "只有县（区）督察可以计分。")
    year = year_param(request.POST, None)
    scheme = Scheme.objects.filter(county=county, year=year).first()
    if scheme is None:
        raise Http404("该年度没有考核细则。")
    with transaction.atomic():
        assessments = refresh_scores(scheme, user=request.user)
        record(
            request.user,
            "assessment.score",
            f"按台账计分：{scheme.title}（{len(assessments)}个乡镇）",
            organisation=county,
            detail={"scheme": scheme.pk, "year": scheme.year},
        )
    messages.success(request, "已按台账重新计分，人工评分、自评和审核结果保持不变。")
    return redirect(reverse("assessment_results:county") + f"?year={year}&county={county.code}")


@require_GET
def export(request):
    county, _ = _county(request, request.GET)
    year = _year(request, _years(county.pk))
    scheme = Scheme.objects.filter(county=county, year=year).first()
    if scheme is None:
        raise Http404("该年度没有考核细则。")
    workbook = result_workbook(scheme_result(scheme))
    response = HttpResponse(content_type=XLSX)
    filename = f"assessment-{county.code}-{year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    workbook.save(response)
    return response


@dataclass(frozen=True)
class ItemRow:
    """One item on a township's page: its result and how it came about."""

    result: ItemResult
    rule: str
    value_text: str
    figure_url: str
    history: list


def _value_text(basis: dict) -> str:
    value = basis.get("value")
    if basis.get("source") == "fact":
        return STATUS_LABELS.get(value, "尚未到期限") if value else "尚未到期限"
    if value is None:
        return "—（无可计算的事项）"
    return f"{value}{basis.get('unit', '')}"


def _figure_url(basis: dict, organisation, year: int) -> str:
    if basis.get("source") == "indicator":
        url = reverse(
            "indicators:records", kwargs={"code": organisation.code, "indicator": basis["code"]}
        )
        return f"{url}?year={year}"
    if basis.get("source") == "fact":
        return reverse("reports:township", kwargs={"code": organisation.code}) + f"?year={year}"
    return ""


def _township_result(request, code):
    organisation = _township_or_404(request.user, code)
    years = _years(organisation.parent_id)
    year = _year(request, years)
    scheme = Scheme.objects.filter(county_id=organisation.parent_id, year=year).first()
    result = scheme_result(scheme, [organisation]) if scheme else None
    mine = result.for_organisation(organisation) if result else None
    return organisation, years, year, scheme, result, mine


@require_GET
def township(request, code):
    organisation, years, year, scheme, result, mine = _township_result(request, code)
    sections = []
    if mine is not None:
        history = score_history([row.score for row in mine.items if row.score])
        for category in mine.categories:
            rows = []
            for row in category.items:
                basis = row.basis
                rows.append(
                    ItemRow(
                        result=row,
                        rule=describe(row.item.kind, row.item.points, row.item.params),
                        value_text=_value_text(basis) if basis.get("source") != "manual" else "",
                        figure_url=_figure_url(basis, organisation, year),
                        history=history.get(row.score.pk, []) if row.score else [],
                    )
                )
            sections.append((category, rows))
    context = {
        "organisation": organisation,
        "year": year,
        "years": sorted(set(years) | {year}, reverse=True),
        "scheme": scheme,
        "result": result,
        "mine": mine,
        "sections": sections,
        "change": change_text(mine.change) if mine else "—",
    }
    return render(request, "assessment/results_township.html", context)


@require_GET
def feedback(request, code):
    organisation, _, year, _, result, mine = _township_result(request, code)
    if mine is None:
        raise Http404("该单位本年度尚无考核结果。")
    county = Organisation.objects.get(pk=organisation.parent_id)
    data = feedback_docx(result, mine, county, timezone.localdate())
    response = HttpResponse(data, content_type=DOCX)
    filename = f"feedback-{organisation.code}-{year}.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
