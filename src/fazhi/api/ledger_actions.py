"""Workflow actions of a ledger record through the API, as the record's page runs them
(fazhi.core.actions): the open actions are those whose precondition passes, an action's input
is checked by the page's form and written by the same service with actor=request.user, all in
one transaction on the record re-read under a row lock (If-Match, when sent, must be current).

A kind joins by a Workflow entry in WORKFLOWS, built from its page's table of actions:
行政执法案件, 信访事项, 规范性文件, its cleanup rounds (清理) and 重大行政决策. A
decision's evidence (证明材料) is, as on its page, one of the decision's current attachments,
named by its id: the file goes up first through the record's attachments endpoint (multipart,
with the upload limits of fazhi.core.uploads), so an action itself never takes a file.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.api import ledger_serializers as s
from fazhi.api.ledgers import (
    STALE,
    copy_method,
    if_match_when_sent,
    serialized,
    stale_answer,
    viewable,
)
from fazhi.core import versions
from fazhi.core.actions import refusal
from fazhi.ledgers import selectors
from fazhi.ledgers.registry import LedgerKind, get_kind
from fazhi.normative.models import CleanupItem


@dataclass(frozen=True)
class Workflow:
    """A kind's actions: their preconditions (the service module's checks, in page order), a
    label each, the page's form for one (bound to data or not) and the service call."""

    checks: Mapping[str, Callable]
    label: Callable[[str], str]
    form: Callable[[str, object, object, object], forms.Form]  # (name, record, user, data)
    run: Callable[[str, object, object, dict], object]  # (name, user, record, cleaned data)


def _enforcement() -> Workflow:
    from fazhi.enforcement import forms as case_forms
    from fazhi.enforcement import services
    from fazhi.enforcement.kinds import OFFICERS
    from fazhi.enforcement.views import ACTIONS  # the case page's table of actions

    def form(name, case, user, data):
        action = ACTIONS[name]
        if action.form is case_forms.OfficerAddForm:
            officers = selectors.records_for(user, OFFICERS).filter(organisation=case.organisation)
            return action.form(data, officers=officers.order_by("name"))
        return action.form(data)

    return Workflow(
        checks=services.ACTION_CHECKS,
        label=lambda name: ACTIONS[name].label,
        form=form,
        run=lambda name, user, case, data: ACTIONS[name].run(user, case, data),
    )


def _petitions() -> Workflow:
    from fazhi.disputes.services import petitions as services
    from fazhi.disputes.views import ACTIONS  # (form, service, "已登记…。") per action

    return Workflow(
        checks=services.ACTION_CHECKS,
        label=lambda name: ACTIONS[name][2].removeprefix("已").rstrip("。"),
        form=lambda name, record, user, data: ACTIONS[name][0](data),
        run=lambda name, user, record, data: ACTIONS[name][1](actor=user, record=record, **data),
    )


def _normative_documents() -> Workflow:
    from fazhi.normative import services
    from fazhi.normative.views import ACTIONS

    return Workflow(
        checks=services.DOCUMENT_CHECKS,
        label=lambda name: ACTIONS[name].label,
        form=lambda name, record, user, data: ACTIONS[name].form(data),
        run=lambda name, user, record, data: ACTIONS[name].service(
            actor=user, record=record, **data
        ),
    )


NOT_IN_ROUND = "该文件不在本轮清理中。"


def _item_label(item) -> str:
    return f"{item.document}（{item.get_decision_display() or '未作结论'}）"


def _normative_cleanups() -> Workflow:
    """A cleanup round's page: list the documents in force, conclude on each (the item is one
    of the round's, offered as a choice), publish the results."""
    from fazhi.normative import selectors as normative_selectors
    from fazhi.normative import services
    from fazhi.normative.views import ACTIONS, _arguments  # the page's actions and their input

    def form(name, round_, user, data):
        form = ACTIONS[name].form(data)
        if name == "cleanup_decide":
            items = normative_selectors.cleanup_items(user, round_)
            form.fields["item"] = forms.TypedChoiceField(
                label="文件",
                coerce=int,
                choices=[(item.pk, _item_label(item)) for item in items],
                error_messages={"invalid_choice": NOT_IN_ROUND, "required": "请选择文件。"},
            )
        return form

    def run(name, user, round_, data):
        action = ACTIONS[name]
        return action.service(actor=user, cleanup=round_, **_arguments(action, data, round_))

    return Workflow(
        checks=services.CLEANUP_CHECKS,
        label=lambda name: ACTIONS[name].label,
        form=form,
        run=run,
    )


# The titles of a decision's action forms on its page (decisions/record.html).
def _decisions() -> Workflow:
    from fazhi.decisions import forms as decision_forms
    from fazhi.decisions import selectors as decision_selectors
    from fazhi.decisions import services
    from fazhi.decisions.views import ACTION_TITLES, ACTIONS  # the page's titles and actions

    def form(name, decision, user, data):
        form_class = ACTIONS[name][0]
        if issubclass(form_class, decision_forms.EvidenceForm):
            # The evidence is one of the decision's current attachments, as on the page.
            attachments = decision_selectors.decision_attachments(decision)
            return form_class(data, attachments=attachments)
        return form_class(data)

    return Workflow(
        checks=services.ACTION_CHECKS,
        label=lambda name: ACTION_TITLES[name],
        form=form,
        run=lambda name, user, record, data: ACTIONS[name][1](actor=user, record=record, **data),
    )


WORKFLOWS: dict[str, Callable[[], Workflow]] = {
    "enforcement-cases": _enforcement,
    "petitions": _petitions,
    "normative-documents": _normative_documents,
    "normative-cleanups": _normative_cleanups,
    "major-decisions": _decisions,
}


def workflow_for(kind: LedgerKind) -> Workflow | None:
    make = WORKFLOWS.get(kind.slug)
    return make() if make else None


# --- serializers ----------------------------------------------------------------------------


class ActionFieldSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    required = serializers.BooleanField()
    type = serializers.CharField(help_text="date / choice / boolean / text / number")
    choices = s.ChoiceSerializer(many=True)


class OpenActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    fields = ActionFieldSerializer(many=True)


def _field_type(field: forms.Field) -> str:
    if isinstance(field, forms.DateField):
        return "date"
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return "choice"
    if isinstance(field, forms.BooleanField):
        return "boolean"
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return "number"
    return "text"


def _fields(form: forms.Form) -> list[dict]:
    rows = []
    for name, field in form.fields.items():
        if name == versions.FIELD:  # the API carries the version in If-Match
            continue
        choices = []
        if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            choices = [
                {"value": str(value), "label": str(label)}
                for value, label in field.choices
                if str(value) != ""
            ]
        rows.append(
            {
                "name": name,
                "label": str(field.label or name),
                "required": field.required,
                "type": _field_type(field),
                "choices": choices,
            }
        )
    return rows


# --- views ----------------------------------------------------------------------------------

FILE_IN_ACTION = "流程操作不接收文件：请先通过本记录的附件接口上传，再填写该附件的编号。"
NOT_AN_OBJECT = '请求内容应为 JSON 对象，如 {"day": "2025-03-01"}。'


def _form_data(data):
    """The request's input for the page's form, which reads text: a JSON object's plain values
    (numbers and true/false as text), a form post as it came; anything else a 400."""
    if hasattr(data, "getlist"):  # a form post (QueryDict)
        return data
    if not isinstance(data, Mapping):
        raise serializers.ValidationError({"non_field_errors": [NOT_AN_OBJECT]})
    plain = {}
    for name, value in data.items():
        if isinstance(value, list | dict):
            raise serializers.ValidationError(
                {str(name)[:50]: ["应为文字、数字或是非，而不是列表。"]}
            )
        plain[name] = value if value is None or isinstance(value, bool) else str(value)
    return plain


class RecordActions(APIView):
    kind: LedgerKind
    workflow: Workflow

    def get(self, request, pk, **_):
        kind = viewable(request.user, self.kind)
        record = selectors.record_or_404(request.user, kind, pk)
        workflow = workflow_for(kind)
        names = [
            n
            for n, check in workflow.checks.items()
            if refusal(check, request.user, record) is None
        ]
        rows = [
            {
                "name": name,
                "label": workflow.label(name),
                "fields": _fields(workflow.form(name, record, request.user, None)),
            }
            for name in names
        ]
        return Response(OpenActionSerializer(rows, many=True).data)


class RecordAction(APIView):
    kind: LedgerKind

    def post(self, request, pk, action, **_):
        kind = viewable(request.user, self.kind)
        record = selectors.record_or_404(request.user, kind, pk)
        workflow = workflow_for(kind)
        if action not in workflow.checks:
            raise Http404
        seen = if_match_when_sent(request)
        if request.FILES:
            raise serializers.ValidationError({"non_field_errors": [FILE_IN_ACTION]})
        data = _form_data(request.data)
        try:
            with transaction.atomic():
                versions.lock(record, seen)
                workflow.checks[action](request.user, record)  # PermissionDenied: 403
                form = workflow.form(action, record, request.user, data)
                if not form.is_valid():
                    raise serializers.ValidationError(
                        {name: list(errors) for name, errors in form.errors.items()}
                    )
                workflow.run(
                    action, request.user, record, versions.without_version(form.cleaned_data)
                )
        except versions.StaleEdit as stale:
            return stale_answer(STALE, stale)
        record.refresh_from_db()
        return serialized(request, kind, record)


# --- a cleanup round's items ---------------------------------------------------------------


class CleanupItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(label="编号", help_text="作出清理结论时的 item")
    document = serializers.IntegerField(source="document_id", label="规范性文件记录编号")
    document_title = serializers.CharField(source="document.title", label="文件名称")
    document_number = serializers.CharField(source="document.doc_number", label="文号")
    decision = serializers.ChoiceField(
        choices=[("", "未作结论"), *CleanupItem.Decision.choices], label="清理结论"
    )
    decision_label = serializers.SerializerMethodField(label="清理结论名称")
    reason = serializers.CharField(label="理由")
    applied = serializers.BooleanField(label="已执行")

    def get_decision_label(self, item) -> str:
        return item.get_decision_display() or "未作结论"


@extend_schema(
    summary="规范性文件清理：列入的文件及清理结论",
    description="与清理页面所列相同；作出清理结论时以 id 为 item。",
    tags=["台账"],
    responses={
        200: CleanupItemSerializer(many=True),
        403: s.ProblemSerializer,
        404: s.ProblemSerializer,
    },
)
@api_view(["GET"])
def cleanup_items(request, pk):
    from fazhi.normative import selectors as normative_selectors

    kind = viewable(request.user, get_kind("normative-cleanups"))
    round_ = selectors.record_or_404(request.user, kind, pk)
    items = normative_selectors.cleanup_items(request.user, round_)
    return Response(CleanupItemSerializer(items, many=True).data)


def action_views(kind: LedgerKind, name: str, prefix: str, label: str):
    """The two views of a kind with a workflow, with their schema; None without one."""
    make = WORKFLOWS.get(kind.slug)
    if make is None:
        return None
    checks = list(make().checks)
    listing = type(f"{name}Actions", (RecordActions,), {"kind": kind})
    running = type(f"{name}Action", (RecordAction,), {"kind": kind})
    listing.get = extend_schema(
        summary=f"{label}：可办理的流程操作",
        tags=["台账"],
        operation_id=f"{prefix}_actions_get",
        responses={200: OpenActionSerializer(many=True), 403: s.ProblemSerializer},
    )(copy_method(RecordActions.get))
    running.post = extend_schema(
        summary=f"{label}：办理流程操作",
        description="字段见“可办理的流程操作”；带 If-Match 时须为当前版本。",
        tags=["台账"],
        operation_id=f"{prefix}_action_post",
        parameters=[
            OpenApiParameter("action", str, OpenApiParameter.PATH, enum=checks),
            OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=False),
        ],
        request={"application/json": OpenApiTypes.OBJECT},
        responses={
            200: s.record_serializer_class(kind),
            400: OpenApiResponse(description="输入有误或当前不能办理：{字段: [中文说明]}"),
            403: s.ProblemSerializer,
            404: s.ProblemSerializer,
            412: s.ProblemSerializer,
        },
    )(copy_method(RecordAction.post))
    return listing, running
