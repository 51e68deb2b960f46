"""Annual reports over the API: the list, a report's versions, a version's parts, its workflow
actions and its files. Reads go through fazhi.reports.selectors exactly as the report pages
(inspectors see submitted versions only), actions through fazhi.reports.services with the
request's user as actor, files through the pages' renderers.

A version's detail answers its version (fazhi.core.versions) as the ETag; an action sent with
If-Match runs only on that version (412 otherwise, nothing changed), as the county board's
forms carry the version they showed. Without If-Match an action is not checked — the ledger
API's rule for workflow actions (only record updates require If-Match, 428)."""

from urllib.parse import quote

from django.db import transaction
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.decorators import api_view, renderer_classes
from rest_framework.exceptions import APIException, NotFound
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from fazhi.api import bounds
from fazhi.api.ledger_serializers import ProblemSerializer
from fazhi.api.ledgers import if_match_when_sent, stale_answer
from fazhi.core import versions as record_versions
from fazhi.reports import selectors, services
from fazhi.reports.models import State

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
STALE = "该版本已被他人改动，本次操作未办理："
NO_PDF = "服务器未安装 LibreOffice，暂不能生成 PDF；请下载 Word 文件后自行转换。"


class VersionSummarySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    state = serializers.CharField(
        help_text="draft 草稿 / approved 已审定 / submitted 已报送 / published 已公开"
    )
    state_label = serializers.CharField()
    title = serializers.CharField()
    signed_on = serializers.DateField()
    approved_at = serializers.DateTimeField(allow_null=True)
    submitted_on = serializers.DateField(allow_null=True)
    submission_due_on = serializers.DateField(allow_null=True)
    published_on = serializers.DateField(allow_null=True)
    publication_channel = serializers.CharField(allow_blank=True)
    publication_due_on = serializers.DateField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)
    return_reason = serializers.CharField(allow_blank=True)
    received_at = serializers.DateTimeField(allow_null=True)


class ReportSummarySerializer(serializers.Serializer):
    organisation_code = serializers.CharField()
    organisation_name = serializers.CharField()
    year = serializers.IntegerField()
    latest = VersionSummarySerializer(help_text="最新的（您可查看的）版本")


class ReportSerializer(serializers.Serializer):
    organisation_code = serializers.CharField()
    organisation_name = serializers.CharField()
    year = serializers.IntegerField()
    versions = VersionSummarySerializer(many=True)


class PartSerializer(serializers.Serializer):
    key = serializers.CharField()
    heading = serializers.CharField()
    paragraphs = serializers.ListField(child=serializers.CharField())


class VersionSerializer(VersionSummarySerializer):
    organisation_code = serializers.CharField()
    year = serializers.IntegerField()
    recipient = serializers.CharField(allow_blank=True)
    figures_frozen = serializers.BooleanField(help_text="审定后数字已固定")
    parts = PartSerializer(many=True)
    open_actions = serializers.ListField(
        child=serializers.CharField(), help_text="您现在可以办理的操作（见“办理操作”接口）"
    )


def _summary(version) -> dict:
    return {
        "number": version.number,
        "state": version.state,
        "state_label": State(version.state).label,
        "title": version.title,
        "signed_on": version.signed_on,
        "approved_at": version.approved_at,
        "submitted_on": version.submitted_on,
        "submission_due_on": version.submission_due_on,
        "published_on": version.published_on,
        "publication_channel": version.publication_channel,
        "publication_due_on": version.publication_due_on,
        "returned_at": version.returned_at,
        "return_reason": version.return_reason,
        "received_at": version.received_at,
    }


def _version(user, code, year, number):
    organisation = selectors.township_or_404(user, bounds.code(code))
    year, number = bounds.year(year), bounds.number(number, bounds.MAX_SMALL)
    return selectors.version_or_404(user, organisation, year, number)


def _open_actions(user, version) -> list[str]:
    return services.open_actions(user, version) + services.collection_actions(user, version)


def _version_data(user, version) -> dict:
    document = selectors.document_of(version)
    return {
        **_summary(version),
        "organisation_code": version.report.organisation.code,
        "year": version.report.year,
        "recipient": version.recipient,
        "figures_frozen": document.figures_frozen,
        "parts": [
            {
                "key": part.key,
                "heading": part.heading,
                "paragraphs": [block.text for block in part.blocks],
            }
            for part in document.parts
        ],
        "open_actions": _open_actions(user, version),
    }


@extend_schema(responses=ReportSummarySerializer(many=True), summary="年度报告列表")
@api_view(["GET"])
def report_list(request):
    selectors.require_reader(request.user)
    rows = [
        {
            "organisation_code": row.report.organisation.code,
            "organisation_name": row.report.organisation.name,
            "year": row.report.year,
            "latest": _summary(row.latest),
        }
        for row in selectors.report_rows(request.user)
    ]
    return Response(ReportSummarySerializer(rows, many=True).data)


@extend_schema(
    responses=ReportSerializer,
    operation_id="reports_detail",
    summary="某单位某年度的年度报告及其各版本",
)
@api_view(["GET"])
def report_detail(request, code, year):
    organisation = selectors.township_or_404(request.user, bounds.code(code))
    versions = list(selectors.versions_of(request.user, organisation, bounds.year(year)))
    if not versions:
        raise NotFound()
    data = {
        "organisation_code": organisation.code,
        "organisation_name": organisation.name,
        "year": year,
        "versions": [_summary(version) for version in versions],
    }
    return Response(ReportSerializer(data).data)


def _with_etag(user, version) -> Response:
    response = Response(VersionSerializer(_version_data(user, version)).data)
    response["ETag"] = f'"{record_versions.current_version(version)}"'
    return response


@extend_schema(
    responses=VersionSerializer,
    operation_id="reports_version",
    summary="年度报告的一个版本（含正文各部分）",
    description="响应头 ETag 为该版本的版本号，办理操作时可放在 If-Match 中。",
)
@api_view(["GET"])
def version_detail(request, code, year, number):
    version = _version(request.user, code, year, number)
    return _with_etag(request.user, version)


class ActionSerializer(serializers.Serializer):
    """The input of every action; each action reads only its own fields."""

    submitted_on = serializers.DateField(required=False, help_text="报送日期（报送），缺省为今天")
    published_on = serializers.DateField(required=False, help_text="公开日期（登记公开）")
    channel = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="公开渠道（登记公开）"
    )
    secrecy_reviewed = serializers.BooleanField(
        required=False, default=False, help_text="已经保密审查（登记公开）"
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=1000, help_text="退回理由（退回修改）"
    )


def _run(action, actor, version, data):
    """The service of each action; it checks who may and whether the state allows it."""
    if action == "approve":
        return services.version_approve(actor=actor, version=version)
    if action == "submit":
        return services.version_submit(
            actor=actor, version=version, submitted_on=data.get("submitted_on")
        )
    if action == "publish":
        return services.version_publish(
            actor=actor,
            version=version,
            published_on=data.get("published_on"),
            channel=data.get("channel", ""),
            secrecy_reviewed=data.get("secrecy_reviewed", False),
        )
    if action == "new_version":
        return services.version_new(actor=actor, version=version)
    if action == "return":
        return services.version_return(actor=actor, version=version, reason=data.get("reason"))
    return services.version_receive(actor=actor, version=version)


ACTIONS = ("approve", "submit", "publish", "new_version", "return", "receive")


@extend_schema(
    request=ActionSerializer,
    parameters=[
        OpenApiParameter(
            "If-Match",
            str,
            OpenApiParameter.HEADER,
            required=False,
            description="该版本的版本号（版本详情响应的 ETag）；已过时则返回 412，不办理",
        )
    ],
    responses={
        200: VersionSerializer,
        412: OpenApiResponse(ProblemSerializer, description="版本已过时，未办理"),
    },
    summary="办理年度报告操作",
    description=(
        "action：approve 审定、submit 报送、publish 登记公开、new_version 复制为新版本、"
        "return 退回修改（县级督察）、receive 确认收取（县级督察）。返回办理后的版本"
        "（复制为新版本时返回新版本），响应头 ETag 为其版本号。带 If-Match 时只在版本"
        "未被他人改动时办理。"
    ),
)
@api_view(["POST"])
def version_action(request, code, year, number, action):
    if action not in ACTIONS:
        raise NotFound("没有这个操作。")
    version = _version(request.user, code, year, number)
    seen = if_match_when_sent(request)
    form = ActionSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    try:
        with transaction.atomic():
            record_versions.lock(version, seen)
            result = _run(action, request.user, version, form.validated_data) or version
    except record_versions.StaleEdit as stale:
        return stale_answer(STALE, stale)
    result = selectors.version_or_404(
        request.user, result.report.organisation, result.report.year, result.number
    )
    return _with_etag(request.user, result)


class FileRenderer(BaseRenderer):
    """Lets a client ask for the file's own type (Accept: application/pdf) without a 406; an
    error is still JSON, with a JSON content type."""

    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return JSONRenderer().render(data)


def _renderers(media_type, suffix):
    kind = type("Renderer", (FileRenderer,), {"media_type": media_type, "format": suffix})
    return renderer_classes([JSONRenderer, kind])


class Unavailable(APIException):
    status_code = 503
    default_detail = NO_PDF


def _file(request, code, year, number, suffix, content_type, render):
    version = _version(request.user, code, year, number)
    document = selectors.document_of(version)
    data = render(document)
    response = HttpResponse(data, content_type=content_type)
    name = f"{document.title}（第{version.number}版）.{suffix}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _file_schema(operation_id, media_type, summary, extra=None):
    responses = {(200, media_type): OpenApiResponse(OpenApiTypes.BINARY)}
    responses.update(extra or {})
    return extend_schema(responses=responses, summary=summary, operation_id=operation_id)


@_file_schema("reports_docx", DOCX, "下载年度报告 Word 文件")
@api_view(["GET"])
@_renderers(DOCX, "docx")
def download_docx(request, code, year, number):
    from fazhi.reports.docx import render_docx

    return _file(request, code, year, number, "docx", DOCX, render_docx)


@_file_schema(
    "reports_pdf",
    PDF,
    "下载年度报告 PDF 文件",
    {503: inline_serializer("Unavailable", {"detail": serializers.CharField()})},
)
@api_view(["GET"])
@_renderers(PDF, "pdf")
def download_pdf(request, code, year, number):
    from fazhi.reports.pdf import PdfUnavailable, render_pdf

    def render(document):
        try:
            return render_pdf(document)
        except PdfUnavailable as error:
            raise Unavailable() from error

    return _file(request, code, year, number, "pdf", PDF, render)


@_file_schema("reports_workpaper", XLSX, "下载年度报告数据底稿")
@api_view(["GET"])
@_renderers(XLSX, "xlsx")
def download_workpaper(request, code, year, number):
    from fazhi.reports.workpaper import render_workpaper

    return _file(request, code, year, number, "xlsx", XLSX, render_workpaper)
