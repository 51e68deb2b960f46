"""The ledger API, generated from the LedgerKind registry: for every kind a list (the page's
filters, search, sort and page size), create, detail, update (ETag / If-Match), archive and
attachments; one download of an attachment. Thin, as the pages: reads through
fazhi.ledgers.selectors scoped to the user, writes through fazhi.ledgers.services with
actor=request.user, personal data masked unless `personal.reveal` (which logs it) allows.

Each kind gets its own view classes and URL patterns (ledger_urls), so the schema describes each
kind's record with its own fields; the URL names are shared and reversed with `kind=<slug>`.
"""

from django.http import FileResponse, Http404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.api import ledger_serializers as s
from fazhi.core import versions
from fazhi.core.http import require
from fazhi.core.paging import KeysFirstPaginator
from fazhi.ledgers import attachments, personal, selectors, services
from fazhi.ledgers.forms import organisations_for, record_filterset_class
from fazhi.ledgers.models import Attachment
from fazhi.ledgers.registry import LedgerKind, all_kinds
from fazhi.ledgers.views import PAGE_SIZE
from fazhi.ledgers.views import _attachment_for_editor as page_attachment_for_editor
from fazhi.orgs.scoping import get_for_user_or_404, require_capability

CONTEXT = "api"
TAGS = ["台账"]
IF_MATCH_MISSING = "修改记录须带 If-Match 请求头（取自该记录的 ETag），以免覆盖他人的修改。"
STALE = "记录已被他人修改，本次修改未保存："


def viewable(user, kind: LedgerKind) -> LedgerKind:
    require(selectors.may_view_kind(user, kind), "您的角色无权查看该台账。")
    return kind


def _editable(user, kind: LedgerKind) -> LedgerKind:
    viewable(user, kind)
    require(selectors.may_edit_kind(user, kind), "您的角色无权录入该台账。")
    return kind


def _require_edit(user, kind: LedgerKind, record) -> None:
    require_capability(
        user, kind.edit_capabilities, "您的角色无权修改该记录。", record.organisation
    )


def serialized(request, kind, record, *, status_code=200, reveal=True) -> Response:
    """One record as the detail shows it (its personal data revealed and logged if allowed),
    with its version as the ETag."""
    unmasked = (
        personal.reveal(user=request.user, kind=kind, records=[record], context=CONTEXT)
        if reveal
        else set()
    )
    data = s.record_serializer_class(kind)(record, context={"unmasked_ids": unmasked}).data
    response = Response(data, status=status_code)
    response["ETag"] = f'"{versions.current_version(record)}"'
    return response


def stale_answer(prefix: str, stale: versions.StaleEdit) -> Response:
    """412 for a write made on an old version (nothing was written): what changed, and the
    version to read again."""
    return Response(
        {"detail": prefix + stale.message, "current_version": stale.current},
        status=status.HTTP_412_PRECONDITION_FAILED,
    )


def if_match_when_sent(request) -> str | None:
    """If-Match for a workflow action, checked only when sent (as a page form without a
    version); None when missing or "*"."""
    try:
        return if_match(request)
    except PreconditionRequired:
        return None


def if_match(request) -> str | None:
    """The version an update was made on (If-Match), None for "*" (any); 428 when missing."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired
    if header == "*":
        return None
    first = header.split(",")[0].strip()
    if first.startswith("W/"):
        first = first[2:]
    return first.strip('"')[:40] or versions.NONE


class PreconditionRequired(Exception):
    pass


MAX_PAGE = 1_000_000

# --- list and create ------------------------------------------------------------------------


def _filter_parameters(kind: LedgerKind) -> list[OpenApiParameter]:
    """The list's query parameters, as the page's filter form has them."""
    filterset = record_filterset_class(kind)
    sort_choices = [value for value, _ in filterset.base_filters["sort"].extra["choices"]]
    params = [
        OpenApiParameter("year", int, description="年度，如 2025"),
        OpenApiParameter("month", int, enum=list(range(1, 13)), description="月份（记录日期）"),
        OpenApiParameter("organisation", str, description="单位代码（本人权限范围内）"),
        OpenApiParameter("q", str, description="搜索（个人信息只在可查看的单位中搜索）"),
        OpenApiParameter("sort", str, enum=sort_choices, description="排序，前加“-”为倒序"),
        OpenApiParameter(
            "page",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            description=f"页码，每页 {PAGE_SIZE} 条",
        ),
        OpenApiParameter(
            "archived", str, enum=["0", "1"], description="1：已归档的记录（仅管理员）"
        ),
    ]
    for name in kind.filter_fields:
        field = kind.model._meta.get_field(name)
        params.append(
            OpenApiParameter(
                name,
                str,
                enum=[str(value) for value, _ in field.choices],
                description=str(field.verbose_name),
            )
        )
    return params


def _query(request, kind):
    """The query string for the page's filterset: the organisation named by its code becomes
    the filter's id; an unknown or out-of-scope code is a 400."""
    data = request.query_params.copy()
    code = data.get("organisation")
    if code:
        organisation = (
            organisations_for(request.user, kind, kind.view_capabilities)
            .filter(code=code[:32])
            .first()
        )
        if organisation is None:
            raise serializers.ValidationError(
                {"organisation": [f"单位代码“{code[:32]}”不存在，或不在您的权限范围内。"]}
            )
        data["organisation"] = str(organisation.pk)
    return data


def _check_query(request, kind: LedgerKind) -> None:
    """The page's filter form forgives a stray value; the API answers it with a 400, so a
    script learns of its mistake: one value per parameter, a page number, and enumerated
    parameters within their choices."""
    errors = {}
    params = request.query_params
    for name in params:
        values = params.getlist(name)
        if len(values) > 1:
            errors[name] = [f"参数“{name}”只能给一个值。"]
        elif "\x00" in values[0]:  # PostgreSQL refuses NUL in any text it is given
            errors[name] = [f"参数“{name}”含有不可见的控制字符。"]
    page = params.get("page")
    if page is not None and not (page.isascii() and page.isdigit() and 1 <= int(page) <= MAX_PAGE):
        errors.setdefault("page", [f"页码应为 1 到 {MAX_PAGE} 之间的整数。"])
    for parameter in _filter_parameters(kind):
        value = params.get(parameter.name)
        if value is None or not parameter.enum:
            continue
        if value not in {str(choice) for choice in parameter.enum}:
            errors.setdefault(parameter.name, [f"“{value[:50]}”不是“{parameter.name}”的可选值。"])
    if errors:
        raise serializers.ValidationError(errors)


class RecordList(APIView):
    kind: LedgerKind

    def get(self, request, **_):
        kind = viewable(request.user, self.kind)
        _check_query(request, kind)
        archived = request.query_params.get("archived") == "1" and selectors.may_restore(
            request.user
        )
        records = selectors.records_for(request.user, kind, archived=archived)
        filterset = record_filterset_class(kind)(_query(request, kind), records, user=request.user)
        if not filterset.is_valid():
            raise serializers.ValidationError(
                {name: list(errors) for name, errors in filterset.errors.items()}
            )
        records = filterset.qs.select_related("organisation").prefetch_related(*kind.related)
        page = KeysFirstPaginator(records, PAGE_SIZE).get_page(request.query_params.get("page"))
        unmasked = personal.reveal(
            user=request.user, kind=kind, records=page.object_list, context=CONTEXT
        )
        serializer = s.record_serializer_class(kind)(
            page.object_list, many=True, context={"unmasked_ids": unmasked}
        )
        return Response(
            {
                "count": page.paginator.count,
                "page": page.number,
                "num_pages": page.paginator.num_pages,
                "page_size": PAGE_SIZE,
                "results": serializer.data,
            }
        )

    def post(self, request, **_):
        kind = _editable(request.user, self.kind)
        serializer = s.record_serializer_class(kind)(
            data=request.data, context={"user": request.user}
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        record = services.record_create(
            actor=request.user, kind=kind, organisation=organisation, data=data
        )
        return serialized(request, kind, record, status_code=status.HTTP_201_CREATED)


# --- one record -----------------------------------------------------------------------------


class RecordDetail(APIView):
    kind: LedgerKind

    def get(self, request, pk, **_):
        kind = viewable(request.user, self.kind)
        return serialized(request, kind, selectors.record_or_404(request.user, kind, pk))

    def put(self, request, pk, **_):
        return self._update(request, pk, partial=False)

    def patch(self, request, pk, **_):
        return self._update(request, pk, partial=True)

    def _update(self, request, pk, *, partial):
        kind = viewable(request.user, self.kind)
        record = selectors.record_or_404(request.user, kind, pk)
        _require_edit(request.user, kind, record)
        try:
            seen = if_match(request)
        except PreconditionRequired:
            return Response({"detail": IF_MATCH_MISSING}, status=428)
        serializer = s.record_serializer_class(kind)(
            record, data=request.data, partial=partial, context={"user": request.user}
        )
        serializer.is_valid(raise_exception=True)
        try:
            services.record_update(
                actor=request.user,
                kind=kind,
                record=record,
                data=dict(serializer.validated_data),
                seen_version=seen,
            )
        except versions.StaleEdit as stale:
            return stale_answer(STALE, stale)
        return serialized(request, kind, record)


class RecordArchive(APIView):
    kind: LedgerKind

    def post(self, request, pk, **_):
        kind = viewable(request.user, self.kind)
        record = selectors.record_or_404(request.user, kind, pk)
        _require_edit(request.user, kind, record)
        serializer = s.ArchiveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.record_archive(
            actor=request.user,
            kind=kind,
            record=record,
            reason=serializer.validated_data["reason"],
        )
        return serialized(request, kind, record)


# --- attachments ----------------------------------------------------------------------------


class RecordAttachments(APIView):
    kind: LedgerKind

    def get(self, request, pk, **_):
        kind = viewable(request.user, self.kind)
        record = selectors.record_or_404(request.user, kind, pk)
        removed = request.query_params.get("removed", "0")
        if removed not in ("0", "1"):
            raise serializers.ValidationError({"removed": ["应为 0 或 1。"]})
        rows = list(attachments.attachments_of(record, removed=removed == "1"))
        known = versions.current_versions(Attachment, [row.pk for row in rows])
        return Response(s.AttachmentSerializer(rows, many=True, context={"versions": known}).data)

    def post(self, request, pk, **_):
        kind = viewable(request.user, self.kind)
        record = selectors.record_or_404(request.user, kind, pk)
        _require_edit(request.user, kind, record)
        serializer = s.AttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = attachments.attachment_add(
            actor=request.user,
            kind=kind,
            record=record,
            uploaded=serializer.validated_data["file"],
            category=serializer.validated_data["category"],
        )
        attachment = Attachment.objects.select_related("stored_file").get(pk=attachment.pk)
        return Response(s.AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


@extend_schema(
    summary="下载附件",
    tags=TAGS,
    responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: s.ProblemSerializer},
)
@api_view(["GET"])
def attachment_file(request, pk):
    """As the page's download: the attachment, its kind and its record must be visible."""
    attachment = get_for_user_or_404(
        Attachment.objects.select_related("stored_file"), request.user, pk=pk
    )
    kind = selectors.kind_of_attachment(attachment)
    if kind is None or not selectors.may_view_kind(request.user, kind):
        raise Http404
    selectors.record_or_404(request.user, kind, attachment.record_id)
    stored = attachment.stored_file
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=stored.content_type,
    )


def _attachment_change(request, pk, serializer_class, change, status_code):
    """The one shape of removing and replacing, as the page's: the attachment's version in
    If-Match (428 without, as a record's update), the service, 412 when stale (nothing
    written). Answers the attachment the change leaves (the removed one, or the new one)."""
    # The page's own guard: an attachment the user sees (else 404) of a record the user may
    # edit, neither of them archived (else 403).
    attachment, kind, record = page_attachment_for_editor(request, pk)
    try:
        seen = if_match(request)
    except PreconditionRequired:
        return Response({"detail": IF_MATCH_ATTACHMENT}, status=428)
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    common = {"actor": request.user, "kind": kind, "record": record, "attachment": attachment}
    try:
        result = change(common, serializer.validated_data, seen)
    except versions.StaleEdit as stale:
        return stale_answer(STALE_ATTACHMENT, stale)
    result = Attachment.objects.select_related("stored_file").get(pk=result.pk)
    response = Response(s.AttachmentSerializer(result).data, status=status_code)
    response["ETag"] = f'"{versions.current_version(result)}"'
    return response


IF_MATCH_ATTACHMENT = (
    "移除或替换附件须带 If-Match 请求头（取自附件列表中该附件的 version），以免覆盖他人的修改。"
)
STALE_ATTACHMENT = "附件已被他人修改，本次操作未保存："
ATTACHMENT_IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="附件的版本（附件列表中的 version）；已过时则返回 412，不写入任何内容",
)
ATTACHMENT_ERRORS = {  # 400 (InputError) is added by fazhi.api.schema.document_errors
    403: s.ProblemSerializer,
    404: s.ProblemSerializer,
    **s.PRECONDITION_ERRORS,
}


@extend_schema(
    summary="移除附件",
    description="文件保留在记录的修改记录中；可在附件列表中以 removed=1 查看。",
    tags=["台账"],
    parameters=[ATTACHMENT_IF_MATCH],
    request=s.AttachmentRemoveSerializer,
    responses={200: s.AttachmentSerializer, **ATTACHMENT_ERRORS},
)
@api_view(["POST"])
def attachment_remove(request, pk):
    def remove(common, data, seen):
        return attachments.attachment_archive(**common, reason=data["reason"], seen_version=seen)

    return _attachment_change(request, pk, s.AttachmentRemoveSerializer, remove, 200)


@extend_schema(
    summary="替换附件",
    description="新文件沿用原附件的类别；原附件保留并标记为已替换（replaced_by 为新附件）。",
    tags=["台账"],
    parameters=[ATTACHMENT_IF_MATCH],
    request={"multipart/form-data": s.AttachmentReplaceSerializer},
    responses={201: s.AttachmentSerializer, **ATTACHMENT_ERRORS},
)
@api_view(["POST"])
def attachment_replace(request, pk):
    def replace(common, data, seen):
        return attachments.attachment_replace(**common, uploaded=data["file"], seen_version=seen)

    return _attachment_change(request, pk, s.AttachmentReplaceSerializer, replace, 201)


# --- the kinds ------------------------------------------------------------------------------


@extend_schema(summary="可查看的台账种类及其字段", tags=TAGS, responses=s.KindSerializer(many=True))
@api_view(["GET"])
def kind_list(request):
    user = request.user
    kinds = [
        {
            "slug": kind.slug,
            "label": kind.label,
            "domain": kind.domain,
            "may_edit": selectors.may_edit_kind(user, kind),
            "fields": s.kind_fields(kind),
        }
        for kind in all_kinds()
        if selectors.may_view_kind(user, kind)
    ]
    return Response(s.KindSerializer(kinds, many=True).data)


# --- generated per kind ---------------------------------------------------------------------

ERRORS = {
    400: OpenApiResponse(description="输入有误：{字段: [中文说明]}"),
    403: s.ProblemSerializer,
    404: s.ProblemSerializer,
}
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="记录的版本（详情响应的 ETag）；版本已过时则返回 412，不写入任何内容",
)


def _prefix(kind: LedgerKind) -> str:
    """The kind's operation ids start with this."""
    return "ledgers_" + kind.slug.replace("-", "_")


def _views_for(kind: LedgerKind) -> dict[str, type]:
    record = s.record_serializer_class(kind)
    page = s.record_page_class(kind)
    label, name = kind.label, s._component(kind)
    stale = s.PRECONDITION_ERRORS

    prefix = _prefix(kind)

    def schema(cls, **methods):
        for method, options in methods.items():
            options.setdefault("tags", TAGS)
            options.setdefault(
                "operation_id", f"{prefix}_{cls.__name__[len(name) :].lower()}_{method}"
            )
            function = getattr(cls, method)
            # Each kind's class gets its own copy of the method to carry its own schema.
            setattr(cls, method, extend_schema(**options)(copy_method(function)))
        return cls

    def make(base, suffix):
        return type(f"{name}{suffix}", (base,), {"kind": kind})

    return {
        "list": schema(
            make(RecordList, "List"),
            get=dict(
                summary=f"{label}：列表",
                parameters=_filter_parameters(kind),
                responses={200: page, 400: ERRORS[400], 403: ERRORS[403]},
            ),
            post=dict(
                summary=f"{label}：新增",
                request=record,
                responses={201: record, **ERRORS},
            ),
        ),
        "detail": schema(
            make(RecordDetail, "Detail"),
            get=dict(
                summary=f"{label}：详情",
                description="响应头 ETag 为记录的版本，修改时放在 If-Match 中。",
                responses={200: record, 403: ERRORS[403], 404: ERRORS[404]},
            ),
            put=dict(
                summary=f"{label}：修改（全部字段）",
                request=record,
                parameters=[IF_MATCH],
                responses={200: record, **ERRORS, **stale},
            ),
            patch=dict(
                summary=f"{label}：修改（部分字段）",
                request=record,
                parameters=[IF_MATCH],
                responses={200: record, **ERRORS, **stale},
            ),
        ),
        "archive": schema(
            make(RecordArchive, "Archive"),
            post=dict(
                summary=f"{label}：归档",
                request=s.ArchiveSerializer,
                responses={200: record, **ERRORS},
            ),
        ),
        "attachments": schema(
            make(RecordAttachments, "Attachments"),
            get=dict(
                summary=f"{label}：附件列表",
                parameters=[
                    OpenApiParameter(
                        "removed",
                        str,
                        enum=["0", "1"],
                        description="1：已移除或已被替换的附件（附件的历史）",
                    )
                ],
                responses={200: s.AttachmentSerializer(many=True), 403: ERRORS[403]},
            ),
            post=dict(
                summary=f"{label}：上传附件",
                request={"multipart/form-data": s.AttachmentUploadSerializer},
                responses={201: s.AttachmentSerializer, **ERRORS},
            ),
        ),
    }


def copy_method(function):
    def method(self, *args, **kwargs):
        return function(self, *args, **kwargs)

    method.__name__, method.__doc__ = function.__name__, function.__doc__
    return method


def ledger_urls() -> list:
    """The URL patterns of every kind (names shared; reversed with kind=<slug>, which the
    views ignore: each class knows its kind)."""
    from fazhi.api.ledger_actions import action_views  # it builds on this module's helpers

    patterns = [path("ledgers/", kind_list, name="ledger_kinds")]
    for kind in all_kinds():
        views = _views_for(kind)
        base = f"ledgers/{kind.slug}/records/"
        fixed = {"kind": kind.slug}
        patterns += [
            path(base, views["list"].as_view(), fixed, name="ledger_records"),
            path(f"{base}<int:pk>/", views["detail"].as_view(), fixed, name="ledger_record"),
            path(
                f"{base}<int:pk>/archive/",
                views["archive"].as_view(),
                fixed,
                name="ledger_record_archive",
            ),
            path(
                f"{base}<int:pk>/attachments/",
                views["attachments"].as_view(),
                fixed,
                name="ledger_attachments",
            ),
        ]
        actions = action_views(kind, s._component(kind), _prefix(kind), kind.label)
        if actions is not None:
            patterns += [
                path(
                    f"{base}<int:pk>/actions/",
                    actions[0].as_view(),
                    fixed,
                    name="ledger_record_actions",
                ),
                path(
                    f"{base}<int:pk>/actions/<str:action>/",
                    actions[1].as_view(),
                    fixed,
                    name="ledger_record_action",
                ),
            ]
    patterns.append(path("attachments/<int:pk>/file/", attachment_file, name="attachment_file"))
    # Issue 19 leftovers (slice api19b): removing and replacing an attachment.
    patterns += [
        path("attachments/<int:pk>/remove/", attachment_remove, name="attachment_remove"),
        path("attachments/<int:pk>/replace/", attachment_replace, name="attachment_replace"),
    ]
    return patterns
