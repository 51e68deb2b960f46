"""Editing a draft annual report over the API, as on the report editor page: a part's text, the
title block, the drafted suggestions (keep, edit, drop) and the person's own items. Only those
who may draft the township's report (the page's rule, selectors.may_draft) reach a version;
every save goes through fazhi.reports.services with the request's user as actor, which refuses
a version that is no longer a draft with the page's Chinese reason (400).

Text is written as on the page, figures by name ({学法活动}, {学法活动·上年}; a catalogue code
is accepted too) and read back the same way (fazhi.reports.readable).

Each object answers its own version (fazhi.core.versions) as the ETag, as the editor's forms
carry the version of the part, title block or suggestion they show: an update must send it in
If-Match (428 without, as the ledger API's record updates; "*" saves over any version), a stale
one is 412 and nothing is written. Adding an own item creates, so it takes no If-Match (as the
ledger API's create)."""

from django.core.exceptions import ValidationError
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
from fazhi.core import versions as record_versions
from fazhi.core.http import require
from fazhi.reports import readable, selectors, services
from fazhi.reports.models import (
    PART_HEADINGS,
    PART_LABELS,
    SUGGESTION_PARTS,
    State,
    Suggestion,
)
from fazhi.reports.models import SuggestionState as SuggestionStates

NO_DRAFT = "您无权修改该单位的年度报告。"
STALE = "该内容已被他人改动，本次修改未保存："
MISSING = "请在请求头 If-Match 中带上该内容的版本号（读取时响应头 ETag 的值）。"
# Display text is a little longer than what it stores ({学法活动} for a code); the service
# refuses stored text over its own limit.
MAX_INPUT = services.MAX_TEXT * 2


def _draft_version(user, code, year, number):
    organisation = selectors.township_or_404(user, bounds.code(code))
    require(selectors.may_draft(user, organisation), NO_DRAFT)
    year, number = bounds.year(year), bounds.number(number, bounds.MAX_SMALL)
    return selectors.version_or_404(user, organisation, year, number)


def _require_editable(version) -> None:
    """A version no longer a draft is refused before its input is read, as the editor page."""
    if not version.editable:
        raise ValidationError(services.LOCKED.format(state=State(version.state).label))


def _stored(text: str, field: str = "text") -> str:
    """The page's conversion of figure names to references; its refusal on the field."""
    try:
        return readable.to_stored(text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def _tagged(data: dict, instance, status: int = 200) -> Response:
    response = Response(data, status=status)
    response["ETag"] = f'"{record_versions.current_version(instance)}"'
    return response


def _seen(request):
    """The version the update was made on; a 428 answer when If-Match is missing."""
    try:
        return if_match(request), None
    except PreconditionRequired:
        return None, Response({"detail": MISSING}, status=428)


def _saved(save):
    """Run a service save; a stale version as 412 (the service wrote nothing)."""
    try:
        return save(), None
    except record_versions.StaleEdit as stale:
        return None, stale_answer(STALE, stale)


# --- a part's text ------------------------------------------------------------------------------


class PartTextSerializer(serializers.Serializer):
    key = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    heading = serializers.CharField(read_only=True)
    text = serializers.CharField(
        allow_blank=True,
        max_length=MAX_INPUT,
        help_text="正文，一行一段；数字写作 {学法活动}、{学法活动·上年}、{学法活动·较上年}",
    )


def _part_data(version, key) -> dict:
    part = version.parts.filter(key=key).first()
    return {
        "key": key,
        "label": PART_LABELS[key],
        "heading": PART_HEADINGS[key],
        "text": readable.to_display(part.text if part else ""),
    }, part


@extend_schema(
    methods=["GET"],
    responses=PartTextSerializer,
    operation_id="reports_part",
    summary="年度报告草稿某一部分的正文（可编辑形式）",
    description="响应头 ETag 为该部分的版本号，修改时放在 If-Match 中。",
)
@extend_schema(
    methods=["PUT", "PATCH"],
    request=PartTextSerializer,
    parameters=[VERSION_IF_MATCH],
    responses={200: PartTextSerializer, **PRECONDITION_ERRORS},
    summary="修改年度报告草稿某一部分的正文",
    description="与报告编辑页相同：只有草稿可以修改，数字按名称写在花括号中。",
)
@api_view(["GET", "PUT", "PATCH"])
def part(request, code, year, number, key):
    version = _draft_version(request.user, code, year, number)
    if key not in PART_LABELS:
        raise Http404("没有这个部分。")
    if request.method == "GET":
        data, stored = _part_data(version, key)
        return _tagged(data, stored)
    _require_editable(version)
    seen, refused = _seen(request)
    if refused:
        return refused
    form = PartTextSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    text = _stored(form.validated_data["text"])
    _saved_part, refused = _saved(
        lambda: services.part_save(
            actor=request.user, version=version, key=key, text=text, seen_version=seen or None
        )
    )
    if refused:
        return refused
    data, stored = _part_data(version, key)
    return _tagged(data, stored)


# --- the title block ----------------------------------------------------------------------------


class DetailsSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, help_text="标题")
    recipient = serializers.CharField(
        max_length=100, allow_blank=True, required=False, default="", help_text="主送机关"
    )
    signed_on = serializers.DateField(help_text="成文日期")


def _details(version) -> dict:
    return {
        "title": version.title,
        "recipient": version.recipient,
        "signed_on": version.signed_on,
    }


@extend_schema(
    methods=["GET"],
    responses=DetailsSerializer,
    operation_id="reports_details",
    summary="年度报告草稿的标题、主送机关和成文日期",
    description="响应头 ETag 为该版本的版本号（与版本详情相同）。",
)
@extend_schema(
    methods=["PUT", "PATCH"],
    request=DetailsSerializer,
    parameters=[VERSION_IF_MATCH],
    responses={200: DetailsSerializer, **PRECONDITION_ERRORS},
    summary="修改年度报告草稿的标题、主送机关和成文日期",
    description="PATCH 可只带要改的字段。只有草稿可以修改。",
)
@api_view(["GET", "PUT", "PATCH"])
def details(request, code, year, number):
    version = _draft_version(request.user, code, year, number)
    if request.method == "GET":
        return _tagged(DetailsSerializer(_details(version)).data, version)
    _require_editable(version)
    seen, refused = _seen(request)
    if refused:
        return refused
    partial = request.method == "PATCH"
    form = DetailsSerializer(_details(version), data=request.data, partial=partial)
    form.is_valid(raise_exception=True)
    data = {**_details(version), **form.validated_data}
    saved, refused = _saved(
        lambda: services.details_save(
            actor=request.user, version=version, seen_version=seen or None, **data
        )
    )
    if refused:
        return refused
    return _tagged(DetailsSerializer(_details(saved)).data, saved)


# --- suggestions ---------------------------------------------------------------------------------


class SuggestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    part = serializers.ChoiceField(
        choices=[(k, PART_LABELS[k]) for k in SUGGESTION_PARTS],
        help_text="shortcomings 存在的不足和原因 / plans 下一年度主要安排",
    )
    position = serializers.IntegerField(read_only=True)
    drafted = serializers.BooleanField(read_only=True, help_text="系统起草（否则为自拟）")
    state = serializers.ChoiceField(
        choices=SuggestionStates.choices,
        read_only=True,
        help_text="kept 保留 / edited 已修改 / dropped 删除",
    )
    state_label = serializers.CharField(read_only=True)
    text = serializers.CharField(max_length=MAX_INPUT, help_text="内容，数字写作 {学法活动}")
    original_text = serializers.CharField(read_only=True, help_text="起草原文")
    evidence = serializers.JSONField(read_only=True, help_text="起草依据")


class SuggestionUpdateSerializer(serializers.Serializer):
    state = serializers.ChoiceField(
        choices=SuggestionStates.choices,
        help_text="kept 保留 / edited 修改（带 text）/ dropped 删除",
    )
    text = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_INPUT, help_text="修改后的内容"
    )


def _suggestion_data(item: Suggestion) -> dict:
    return {
        "id": item.pk,
        "part": item.part,
        "position": item.position,
        "drafted": item.drafted,
        "state": item.state,
        "state_label": SuggestionStates(item.state).label,
        "text": readable.to_display(item.text),
        "original_text": readable.to_display(item.original_text),
        "evidence": item.evidence,
    }


@extend_schema(
    methods=["GET"],
    responses=SuggestionSerializer(many=True),
    operation_id="reports_suggestions",
    summary="年度报告草稿的起草建议和自拟内容",
)
@extend_schema(
    methods=["POST"],
    request=SuggestionSerializer,
    responses={201: SuggestionSerializer},
    operation_id="reports_suggestion_add",
    summary="添加自拟内容（不足和原因、下一年度安排）",
    description="响应头 ETag 为新条目的版本号。只有草稿可以添加。",
)
@api_view(["GET", "POST"])
def suggestions(request, code, year, number):
    version = _draft_version(request.user, code, year, number)
    if request.method == "GET":
        items = version.suggestions.order_by("part", "position", "pk")
        return Response(SuggestionSerializer([_suggestion_data(s) for s in items], many=True).data)
    _require_editable(version)
    form = SuggestionSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    text = _stored(form.validated_data["text"])
    item = services.suggestion_add(
        actor=request.user, version=version, part=form.validated_data["part"], text=text
    )
    return _tagged(SuggestionSerializer(_suggestion_data(item)).data, item, status=201)


@extend_schema(
    methods=["GET"],
    responses=SuggestionSerializer,
    operation_id="reports_suggestion",
    summary="一条起草建议或自拟内容",
    description="响应头 ETag 为该条的版本号，修改时放在 If-Match 中。",
)
@extend_schema(
    methods=["PUT", "PATCH"],
    request=SuggestionUpdateSerializer,
    parameters=[VERSION_IF_MATCH],
    responses={200: SuggestionSerializer, **PRECONDITION_ERRORS},
    summary="保留、修改或删除一条起草建议",
)
@api_view(["GET", "PUT", "PATCH"])
def suggestion(request, code, year, number, pk):
    version = _draft_version(request.user, code, year, number)
    item = version.suggestions.filter(pk=bounds.number(pk)).first()
    if item is None:
        raise Http404("没有这条建议。")
    if request.method == "GET":
        return _tagged(SuggestionSerializer(_suggestion_data(item)).data, item)
    _require_editable(version)
    seen, refused = _seen(request)
    if refused:
        return refused
    form = SuggestionUpdateSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    text = form.validated_data.get("text")
    text = _stored(text) if text else text
    saved, refused = _saved(
        lambda: services.suggestion_set(
            actor=request.user,
            suggestion=item,
            state=form.validated_data["state"],
            text=text,
            seen_version=seen or None,
        )
    )
    if refused:
        return refused
    return _tagged(SuggestionSerializer(_suggestion_data(saved)).data, saved)
