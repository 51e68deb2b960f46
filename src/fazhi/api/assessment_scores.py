"""Scores over the API as the self-assessment and review pages enter them: a township's clerk
or leader saves its self score and note for an item (自评), the county inspector reviews it
(确认, 调整 with a final score and a reason, 核查不实 with the verified score), optionally
opening a supervision finding. Every write goes through fazhi.assessment.services with the
request's user as actor; each precondition is the page's (services.check_self_edit /
check_review: 403 for a role that may not, a Chinese 400 for a state that does not allow it),
checked before the input.

A score answers its version (fazhi.core.versions) as the ETag; both writes overwrite the score,
so they need it in If-Match (428 without, as the ledger API's record updates; 412 when stale,
nothing written)."""

from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from fazhi.api import bounds
from fazhi.api.ledger_serializers import (
    PRECONDITION_ERRORS,
    VERSION_IF_MATCH,
)
from fazhi.api.ledgers import (
    PreconditionRequired,
    if_match,
    stale_answer,
)
from fazhi.assessment import opening, services, sheets
from fazhi.assessment.models import ItemScore
from fazhi.core import versions as record_versions
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import require_capability

INSPECT = {Capability.INSPECT}
READ_MESSAGE = "您的角色无权查看考核。"
REVIEW_MESSAGE = "只有县督察可以审核评定。"
STALE = "该项目已被他人改动，本次未保存："
MISSING = "请在请求头 If-Match 中带上该项目的版本号（读取时响应头 ETag 的值）。"
SCORE = {"max_digits": 6, "decimal_places": 2, "allow_null": True}


class ItemScoreSerializer(serializers.Serializer):
    organisation_code = serializers.CharField()
    year = serializers.IntegerField()
    assessment_state = serializers.CharField(
        help_text="self 自评中 / submitted 已提交 / reviewed 已评定"
    )
    assessment_state_label = serializers.CharField()
    code = serializers.CharField(help_text="项目编号")
    title = serializers.CharField()
    kind = serializers.CharField(help_text="计分规则")
    points = serializers.DecimalField(max_digits=6, decimal_places=2, help_text="分值")
    computed = serializers.DecimalField(**SCORE, help_text="系统计分")
    explanation = serializers.CharField(allow_blank=True, help_text="计分说明")
    self_score = serializers.DecimalField(**SCORE, help_text="自评分")
    self_note = serializers.CharField(allow_blank=True, help_text="自评说明")
    review = serializers.CharField(help_text="审核状态")
    review_label = serializers.CharField()
    final = serializers.DecimalField(**SCORE, help_text="评定分")
    reason = serializers.CharField(allow_blank=True, help_text="评定理由")


class SelfScoreSerializer(serializers.Serializer):
    self_score = serializers.DecimalField(
        **SCORE, required=False, help_text="自评分；非人工评分项留空即认可系统计分"
    )
    self_note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, help_text="自评说明"
    )


class ReviewSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=[
            (services.CONFIRM, "确认"),
            (services.ADJUST, "调整"),
            (services.FALSIFY, "核查不实"),
        ],
        help_text=f"{services.CONFIRM} 确认 / {services.ADJUST} 调整 / {services.FALSIFY} 核查不实",
    )
    final = serializers.DecimalField(**SCORE, required=False, help_text="评定分（调整）")
    verified = serializers.DecimalField(**SCORE, required=False, help_text="核实得分（核查不实）")
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, help_text="理由"
    )
    open_finding = serializers.BooleanField(
        required=False, default=False, help_text="同时提出督察问题（调整、核查不实）"
    )
    rectify_by = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="整改期限（提出督察问题时）"
    )


def _score(user, code, year, item, capabilities, message) -> ItemScore:
    """The item's score in the township's assessment of `year`, as the pages open it."""
    require_capability(user, capabilities, message)
    organisation = sheets.township(user, bounds.code(code), capabilities)
    if organisation is None:
        raise Http404()
    scheme = services.scheme_for(organisation, bounds.year(year))
    if scheme is None:
        raise Http404(f"{year}年度尚无考核细则。")
    assessment = opening.assessment_for(scheme, organisation)
    score = sheets.score_for(assessment, bounds.code(item))
    if score is None:
        raise Http404("没有这个考核项目。")
    return score


def _response(score: ItemScore) -> Response:
    score = sheets.score_for(score.assessment, score.item.code)
    assessment, item = score.assessment, score.item
    data = {
        "organisation_code": assessment.organisation.code,
        "year": assessment.scheme.year,
        "assessment_state": assessment.state,
        "assessment_state_label": assessment.get_state_display(),
        "code": item.code,
        "title": item.title,
        "kind": item.kind,
        "points": item.points,
        "computed": score.computed,
        "explanation": (score.basis or {}).get("explanation") or "",
        "self_score": score.self_score,
        "self_note": score.self_note,
        "review": score.review,
        "review_label": score.get_review_display(),
        "final": score.final,
        "reason": score.reason,
    }
    response = Response(ItemScoreSerializer(data).data)
    response["ETag"] = f'"{record_versions.current_version(score)}"'
    return response


def _write(request, score, check, form_class, save) -> Response:
    """The page's order: the score locked on the caller's version, the precondition, the
    input, then the service; a stale version is 412 and nothing is written."""
    try:
        seen = if_match(request)
    except PreconditionRequired:
        return Response({"detail": MISSING}, status=428)
    try:
        with transaction.atomic():
            record_versions.lock(score, seen)
            check(request.user, score.assessment)
            form = form_class(data=request.data)
            form.is_valid(raise_exception=True)
            save(form.validated_data)
    except record_versions.StaleEdit as stale:
        return stale_answer(STALE, stale)
    return _response(score)


@extend_schema(
    methods=["GET"],
    responses=ItemScoreSerializer,
    operation_id="assessment_item",
    summary="乡镇某一考核项目的计分、自评和评定",
    description="响应头 ETag 为该项目得分的版本号，填写自评或审核时放在 If-Match 中。",
)
@extend_schema(
    methods=["PUT", "PATCH"],
    request=SelfScoreSerializer,
    parameters=[VERSION_IF_MATCH],
    responses={200: ItemScoreSerializer, **PRECONDITION_ERRORS},
    summary="填写自评分和自评说明（本乡镇录入员、领导）",
    description="与自评页面相同：自评提交后不能再改；自评分与系统计分不同须写明理由。",
)
@api_view(["GET", "PUT", "PATCH"])
def item_score(request, code, year, item):
    score = _score(request.user, code, year, item, sheets.READERS, READ_MESSAGE)
    if request.method == "GET":
        return _response(score)
    return _write(
        request,
        score,
        services.check_self_edit,
        SelfScoreSerializer,
        lambda data: services.self_score_save(
            actor=request.user,
            score=score,
            self_score=data.get("self_score"),
            note=data.get("self_note", ""),
        ),
    )


@extend_schema(
    request=ReviewSerializer,
    parameters=[VERSION_IF_MATCH],
    responses={200: ItemScoreSerializer, **PRECONDITION_ERRORS},
    summary="审核评定一个考核项目（县级督察）",
    description=(
        "与审核评定页面相同：confirm 确认（以自评或系统计分为评定分）、adjust 调整（final 和"
        " reason）、falsify 核查不实（verified 和 reason，扣减核查不实分）；open_finding 时同时"
        "提出督察问题。该单位提交自评后才能审核。"
    ),
)
@api_view(["POST"])
def item_review(request, code, year, item):
    score = _score(request.user, code, year, item, INSPECT, REVIEW_MESSAGE)
    return _write(
        request,
        score,
        services.check_review,
        ReviewSerializer,
        lambda data: services.review_item(
            actor=request.user,
            score=score,
            action=data["action"],
            final=data.get("final"),
            verified=data.get("verified"),
            reason=data.get("reason", ""),
            open_finding=data.get("open_finding", False),
            rectify_by=data.get("rectify_by"),
        ),
    )
