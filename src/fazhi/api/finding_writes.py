"""Writing supervision findings over the API where the pages write them: the county inspector
opens a finding from an on-site visit (督察), the township's clerk or leader records its
rectification (整改, with an optional evidence file), the inspector closes it (销号) or returns
it (退回). Every write goes through fazhi.supervision.services with the request's user as
actor; each action's precondition is the page's (services.ACTION_CHECKS: 403 for a role that
may not, a Chinese 400 for a state that does not allow it), checked before the input.

An action may carry the finding's version (the detail's ETag) in If-Match, as the page's forms
carry it: a stale one is 412 and nothing changes; without If-Match it is not checked (the
ledger API's rule for workflow actions)."""

from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, parser_classes
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from fazhi.api import assessment, bounds
from fazhi.api.ledger_serializers import ProblemSerializer
from fazhi.api.ledgers import if_match_when_sent, stale_answer
from fazhi.core import versions as record_versions
from fazhi.core.http import MAX_YEAR, MIN_YEAR
from fazhi.orgs.scoping import require_capability
from fazhi.supervision import selectors, services
from fazhi.supervision.models import Source

STALE = "该问题已被他人办理或改动，本次操作未办理："
NOT_INSPECTED = "请选择本县（区）的乡镇（街道）。"


class FindingVisitSerializer(serializers.Serializer):
    """The page's visit form (supervision.forms.VisitForm)."""

    organisation = serializers.CharField(max_length=bounds.MAX_CODE, help_text="乡镇（街道）代码")
    found_on = serializers.DateField(help_text="督察日期")
    year = serializers.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR, help_text="所属年度")
    title = serializers.CharField(max_length=300, help_text="发现的问题")
    detail = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000, help_text="具体情况"
    )
    rectify_by = serializers.DateField(help_text="整改期限")


class FindingActionSerializer(serializers.Serializer):
    """The input of every action; each reads only its own fields."""

    text = serializers.CharField(required=False, max_length=5000, help_text="整改情况（整改）")
    done_on = serializers.DateField(required=False, help_text="整改完成日期（整改）")
    file = serializers.FileField(
        required=False, help_text="佐证材料（整改，可选；以 multipart 表单上传）"
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, help_text="销号意见（销号，可选）"
    )
    reason = serializers.CharField(required=False, max_length=5000, help_text="退回理由（退回）")


# What each action needs, as the page's forms require it.
REQUIRED = {"rectify": ("text", "done_on"), "close": (), "return": ("reason",)}
MESSAGES = {
    "text": "请填写整改情况。",
    "done_on": "请填写整改完成日期。",
    "reason": "请填写退回理由。",
}


def create(request) -> Response:
    """POST to the list: an inspector opens a visit's finding (the page's 提出督察问题)."""
    user = request.user
    require_capability(user, selectors.INSPECT, "只有县（区）督察可以办理督察问题。")
    form = FindingVisitSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    data = form.validated_data
    township = selectors.inspected_townships(user).filter(code=data["organisation"]).first()
    if township is None:
        raise serializers.ValidationError({"organisation": [NOT_INSPECTED]})
    finding = services.finding_open(
        user,
        township,
        year=data["year"],
        source=Source.VISIT,
        title=data["title"],
        detail=data["detail"],
        rectify_by=data["rectify_by"],
        found_on=data["found_on"],
    )
    return assessment.finding_response(selectors.finding_or_404(user, finding.pk), status=201)


@extend_schema(methods=["GET"], **assessment.FINDING_LIST_SCHEMA)
@extend_schema(
    methods=["POST"],
    request=FindingVisitSerializer,
    responses={201: assessment.FindingDetailSerializer},
    summary="提出督察问题（现场督察，县级督察）",
    description="与“提出督察问题”页面相同；响应头 ETag 为新问题的版本号。",
)
@api_view(["GET", "POST"])
def findings(request):
    if request.method == "POST":
        return create(request)
    return assessment.finding_list(request)


def _call(action, user, finding, data):
    if action == "rectify":
        return services.rectification_submit(
            user, finding, data["text"], data["done_on"], data.get("file")
        )
    if action == "close":
        return services.finding_close(user, finding, data.get("note", ""))
    return services.finding_return(user, finding, data["reason"])


def _input(request, action) -> dict:
    form = FindingActionSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    missing = {
        field: [MESSAGES[field]]
        for field in REQUIRED[action]
        if not str(form.validated_data.get(field) or "").strip()
    }
    if missing:
        raise serializers.ValidationError(missing)
    return form.validated_data


@extend_schema(
    request={
        "application/json": FindingActionSerializer,
        "multipart/form-data": FindingActionSerializer,
    },
    parameters=[
        OpenApiParameter(
            "If-Match",
            str,
            OpenApiParameter.HEADER,
            required=False,
            description="该问题的版本号（详情响应的 ETag）；已过时则返回 412，不办理",
        )
    ],
    responses={
        200: assessment.FindingDetailSerializer,
        412: OpenApiResponse(ProblemSerializer, description="版本已过时，未办理"),
    },
    summary="办理督察问题：整改、销号、退回",
    description=(
        "action：rectify 填报整改情况（本乡镇录入员或领导；text、done_on，可附 file）、"
        "close 销号（县级督察；note 可选）、return 退回整改（县级督察；reason）。"
        "返回办理后的问题，响应头 ETag 为其版本号。"
    ),
)
@api_view(["POST"])
@parser_classes([JSONParser, MultiPartParser, FormParser])
def finding_action(request, pk, action):
    if action not in REQUIRED:
        raise NotFound("没有这个操作。")
    assessment._require_view(request.user)
    finding = selectors.finding_or_404(request.user, bounds.number(pk))
    seen = if_match_when_sent(request)
    try:
        with transaction.atomic():
            record_versions.lock(finding, seen)
            services.ACTION_CHECKS[action](request.user, finding)
            _call(action, request.user, finding, _input(request, action))
    except record_versions.StaleEdit as stale:
        return stale_answer(STALE, stale)
    return assessment.finding_response(selectors.finding_or_404(request.user, finding.pk))
