"""Assessment over the API (read-only): the schemes a user may read, a township's result item by
item (results.scheme_result, the one computation of the result pages), and supervision findings
with their rectifications (fazhi.supervision.selectors). Scoped as the pages: another
township's result or finding is 404."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from fazhi.api import bounds
from fazhi.assessment import schemes
from fazhi.assessment.models import Item, Scheme
from fazhi.assessment.results import scheme_result
from fazhi.core import versions as record_versions
from fazhi.core.http import MAX_YEAR, MIN_YEAR, year_param
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import get_for_user_or_404, require_capability
from fazhi.supervision import selectors as findings
from fazhi.supervision.models import FindingState, Source

TOWNSHIP_VIEW = {Capability.LEDGER_VIEW}
MAX_FINDINGS = 500


def _points(value):
    return None if value is None else float(value)


# --- schemes -------------------------------------------------------------------------------------


class SchemeSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    county_code = serializers.CharField()
    county_name = serializers.CharField()
    year = serializers.IntegerField()
    title = serializers.CharField()
    total_points = serializers.FloatField()
    locked = serializers.BooleanField(help_text="已锁定（已开始计分）")


class SchemeItemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="编号")
    title = serializers.CharField(help_text="考核内容")
    points = serializers.FloatField(help_text="分值")
    kind = serializers.CharField(help_text="计分方式代码")
    kind_label = serializers.CharField()
    rule = serializers.CharField(help_text="计分规则的说明")
    indicator_code = serializers.CharField(allow_blank=True)
    evidence_hint = serializers.CharField(allow_blank=True, help_text="佐证材料")


class SchemeCategorySerializer(serializers.Serializer):
    name = serializers.CharField()
    points = serializers.FloatField()
    items = SchemeItemSerializer(many=True)


class SchemeSerializer(SchemeSummarySerializer):
    categories = SchemeCategorySerializer(many=True)


def _scheme_summary(scheme: Scheme) -> dict:
    return {
        "id": scheme.pk,
        "county_code": scheme.county.code,
        "county_name": scheme.county.name,
        "year": scheme.year,
        "title": scheme.title,
        "total_points": float(scheme.total_points),
        "locked": scheme.locked_at is not None,
    }


@extend_schema(responses=SchemeSummarySerializer(many=True), summary="考核细则列表")
@api_view(["GET"])
def scheme_list(request):
    rows = schemes.visible_schemes(request.user).order_by("county__path", "-year")
    return Response(SchemeSummarySerializer([_scheme_summary(s) for s in rows], many=True).data)


@extend_schema(responses=SchemeSerializer, summary="考核细则（类别与考核项目）")
@api_view(["GET"])
def scheme_detail(request, pk):
    scheme = get_object_or_404(schemes.visible_schemes(request.user), pk=bounds.number(pk))
    items = Item.objects.order_by("position", "pk")
    categories = scheme.categories.order_by("position", "pk").prefetch_related(
        Prefetch("items", queryset=items)
    )
    data = {
        **_scheme_summary(scheme),
        "categories": [
            {
                "name": category.name,
                "points": float(category.points),
                "items": [
                    {
                        "code": item.code,
                        "title": item.title,
                        "points": float(item.points),
                        "kind": item.kind,
                        "kind_label": item.get_kind_display(),
                        "rule": schemes.describe_rule(item),
                        "indicator_code": item.indicator_code,
                        "evidence_hint": item.evidence_hint,
                    }
                    for item in category.items.all()
                ],
            }
            for category in categories
        ],
    }
    return Response(SchemeSerializer(data).data)


# --- a township's result --------------------------------------------------------------------


class ScoreSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    points = serializers.FloatField(help_text="分值")
    score = serializers.FloatField(help_text="得分（计入总分的分数）")
    source = serializers.CharField(help_text="final / computed / self / unscored")
    source_label = serializers.CharField()
    value = serializers.CharField(allow_null=True, help_text="计分所用的数值或事实")
    explanation = serializers.CharField(allow_blank=True, help_text="计分说明")
    reason = serializers.CharField(allow_blank=True, help_text="督察评定理由")


class ResultCategorySerializer(serializers.Serializer):
    name = serializers.CharField()
    points = serializers.FloatField()
    subtotal = serializers.FloatField()
    items = ScoreSerializer(many=True)


class ResultSerializer(serializers.Serializer):
    organisation_code = serializers.CharField()
    organisation_name = serializers.CharField()
    year = serializers.IntegerField()
    scheme_id = serializers.IntegerField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    total = serializers.FloatField()
    grade = serializers.CharField(allow_blank=True)
    vetoed = serializers.BooleanField(help_text="一票否决")
    unscored = serializers.IntegerField(help_text="尚未评分的项目数")
    categories = ResultCategorySerializer(many=True)


def _score_row(row) -> dict:
    basis = row.basis
    value = basis.get("value")
    return {
        "code": row.item.code,
        "title": row.item.title,
        "points": float(row.item.points),
        "score": float(row.points),
        "source": row.source,
        "source_label": row.source_label,
        "value": None if value is None else str(value),
        "explanation": basis.get("explanation") or "",
        "reason": row.score.reason if row.score else "",
    }


@extend_schema(
    summary="乡镇的考核得分",
    description="与考核结果页面同一计算：各项目的得分、来源和计分说明，类别小计与总分。",
    parameters=[OpenApiParameter("year", int, description="考核年度，缺省为最近的细则年度")],
    responses=ResultSerializer,
)
@api_view(["GET"])
def township_result(request, code):
    organisation = get_for_user_or_404(
        Organisation.objects.filter(level=Level.TOWNSHIP),
        request.user,
        TOWNSHIP_VIEW,
        code=bounds.code(code),
    )
    county_schemes = Scheme.objects.filter(county_id=organisation.parent_id)
    year = year_param(request.query_params, None)
    if year is None:
        if request.query_params.get("year"):
            raise ValidationError({"year": [f"年度须为 {MIN_YEAR}—{MAX_YEAR} 之间的整数。"]})
        scheme = county_schemes.order_by("-year").first()
    else:
        scheme = county_schemes.filter(year=year).first()
    mine = scheme_result(scheme, [organisation]).for_organisation(organisation) if scheme else None
    if mine is None:
        raise Http404("该单位本年度尚无考核结果。")
    assessment = mine.assessment
    data = {
        "organisation_code": organisation.code,
        "organisation_name": organisation.name,
        "year": scheme.year,
        "scheme_id": scheme.pk,
        "state": assessment.state,
        "state_label": assessment.get_state_display(),
        "total": float(mine.total),
        "grade": mine.grade,
        "vetoed": mine.vetoed,
        "unscored": mine.unscored,
        "categories": [
            {
                "name": category.category.name,
                "points": float(category.category.points),
                "subtotal": float(category.subtotal),
                "items": [_score_row(row) for row in category.items],
            }
            for category in mine.categories
        ],
    }
    return Response(ResultSerializer(data).data)


# --- supervision findings ---------------------------------------------------------------------


class RectificationSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="整改情况")
    done_on = serializers.DateField()
    submitted_at = serializers.DateTimeField()
    returned_on = serializers.DateField(allow_null=True)
    return_reason = serializers.CharField(allow_blank=True)
    file_name = serializers.CharField(allow_blank=True, help_text="佐证材料文件名（无则为空）")


class FindingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation_code = serializers.CharField()
    organisation_name = serializers.CharField()
    year = serializers.IntegerField()
    source = serializers.CharField(help_text="来源代码")
    source_label = serializers.CharField()
    title = serializers.CharField()
    detail = serializers.CharField(allow_blank=True)
    found_on = serializers.DateField()
    rectify_by = serializers.DateField(help_text="整改期限")
    state = serializers.CharField(help_text="open 待整改 / rectified 已整改待销号 / closed 已销号")
    state_label = serializers.CharField()
    overdue = serializers.BooleanField(help_text="逾期未整改")
    carried_over = serializers.BooleanField(help_text="上年度遗留")
    closed_on = serializers.DateField(allow_null=True)
    close_note = serializers.CharField(allow_blank=True)


class FindingDetailSerializer(FindingSerializer):
    rectifications = RectificationSerializer(many=True)


def _finding(finding, today) -> dict:
    return {
        "id": finding.pk,
        "organisation_code": finding.organisation.code,
        "organisation_name": finding.organisation.name,
        "year": finding.year,
        "source": finding.source,
        "source_label": finding.get_source_display(),
        "title": finding.title,
        "detail": finding.detail,
        "found_on": finding.found_on,
        "rectify_by": finding.rectify_by,
        "state": finding.state,
        "state_label": finding.get_state_display(),
        "overdue": findings.is_overdue(finding, today),
        "carried_over": findings.is_carried_over(finding, today),
        "closed_on": finding.closed_on,
        "close_note": finding.close_note,
    }


def _require_view(user) -> None:
    require_capability(user, findings.VIEW, "您的角色无权查看督察问题。")


# The list's schema; the view is fazhi.api.finding_writes.findings (GET lists, POST opens).
FINDING_LIST_SCHEMA = {
    "summary": "督察问题列表",
    "description": f"与“督察问题”页面相同的筛选；最多返回 {MAX_FINDINGS} 条。",
    "parameters": [
        OpenApiParameter("township", str, description="乡镇代码"),
        OpenApiParameter("state", str, enum=FindingState.values),
        OpenApiParameter("year", int),
        OpenApiParameter("source", str, enum=Source.values),
        OpenApiParameter("overdue", bool, description="只看逾期未整改的"),
    ],
    "responses": FindingSerializer(many=True),
}


def finding_list(request):
    user = request.user
    _require_view(user)
    params = request.query_params
    today = timezone.localdate()
    township = None
    if params.get("township"):
        township = get_for_user_or_404(
            findings.townships_for(user), user, findings.VIEW, code=bounds.code(params["township"])
        )
    errors = {}
    state, source = params.get("state", ""), params.get("source", "")
    if state and state not in FindingState.values:
        errors["state"] = ["没有这个状态。"]
    if source and source not in Source.values:
        errors["source"] = ["没有这个来源。"]
    year = year_param(params, None)
    if params.get("year") and year is None:
        errors["year"] = [f"年度须为 {MIN_YEAR}—{MAX_YEAR} 之间的整数。"]
    if errors:
        raise ValidationError(errors)
    rows = findings.filtered(
        findings.findings_in(user=user),
        today=today,
        township=township,
        state=state,
        year=year,
        source=source,
        overdue=params.get("overdue") in ("1", "true"),
    )[:MAX_FINDINGS]
    return Response(FindingSerializer([_finding(f, today) for f in rows], many=True).data)


@extend_schema(
    responses=FindingDetailSerializer,
    summary="督察问题及其整改情况",
    description="响应头 ETag 为该问题的版本号，办理整改、销号、退回时可放在 If-Match 中。",
)
@api_view(["GET"])
def finding_detail(request, pk):
    _require_view(request.user)
    finding = findings.finding_or_404(request.user, bounds.number(pk))
    return finding_response(finding)


def finding_response(finding, status: int = 200) -> Response:
    """The finding with its rectifications, its version as the ETag."""
    data = {
        **_finding(finding, timezone.localdate()),
        "rectifications": [
            {
                "text": r.text,
                "done_on": r.done_on,
                "submitted_at": r.submitted_at,
                "returned_on": r.returned_on,
                "return_reason": r.return_reason,
                "file_name": r.file_name,
            }
            for r in findings.rectifications_of(finding)
        ],
    }
    response = Response(FindingDetailSerializer(data).data, status=status)
    response["ETag"] = f'"{record_versions.current_version(finding)}"'
    return response
