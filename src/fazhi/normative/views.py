"""Workflow pages of 规范性文件. Thin: selectors read, services write (and check the law)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fazhi.core import versions
from fazhi.core.actions import refusal, run_action
from fazhi.core.http import int_param, require
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import may_view_kind, record_or_404
from fazhi.normative import forms, selectors, services
from fazhi.normative.models import CleanupItem
from fazhi.normative.services.common import VALIDITY_SOURCE
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import require_capability, scope_root


@dataclass(frozen=True)
class Action:
    """An action of a document's or a cleanup round's page: its label, form and service. When
    it is open (who may, in which state) is the service's precondition (services.ACTION_CHECKS).
    """

    name: str
    label: str
    form: type
    service: object
    record_arg: str = "record"

    @property
    def url_name(self) -> str:
        return f"normative:{self.name}"


DOCUMENT_ACTIONS = [
    Action(
        "consultation_start",
        "开始公开征求意见",
        forms.ConsultationStartForm,
        services.consultation_start,
    ),
    Action(
        "consultation_close",
        "结束公开征求意见",
        forms.ConsultationCloseForm,
        services.consultation_close,
    ),
    Action(
        "review_submit",
        "送交合法性审核",
        forms.ReviewSubmitForm,
        services.review_submit,
    ),
    Action(
        "review_record",
        "出具合法性审核意见",
        forms.ReviewRecordForm,
        services.review_record,
    ),
    Action(
        "deliberation_record",
        "登记集体审议",
        forms.DeliberationForm,
        services.deliberation_record,
    ),
    Action(
        "publish",
        "公布",
        forms.PublishForm,
        services.document_publish,
    ),
    Action(
        "file",
        "登记备案",
        forms.FileForm,
        services.document_file,
    ),
    Action(
        "amend",
        "启动修改",
        forms.AmendForm,
        services.document_amend,
    ),
    Action("repeal", "废止", forms.RepealForm, services.document_repeal),
    Action(
        "expire",
        "登记失效（有效期届满）",
        forms.ExpireForm,
        services.document_expire,
    ),
]
CLEANUP_ACTIONS = [
    Action(
        "cleanup_list",
        "列出现行有效文件",
        forms.EmptyForm,
        services.cleanup_list_documents,
        record_arg="cleanup",
    ),
    Action(
        "cleanup_decide",
        "作出清理结论",
        forms.CleanupDecideForm,
        services.cleanup_decide,
        record_arg="cleanup",
    ),
    Action(
        "cleanup_apply",
        "公布清理结果并执行",
        forms.CleanupApplyForm,
        services.cleanup_apply,
        record_arg="cleanup",
    ),
]
ACTIONS = {action.name: action for action in [*DOCUMENT_ACTIONS, *CLEANUP_ACTIONS]}


def _record(request, slug, pk):
    kind = get_kind(slug)
    require(may_view_kind(request.user, kind), "您的角色无权查看该台账。")
    return kind, record_or_404(request.user, kind, pk)


def _offered(user, document, today, kept=None) -> list:
    """The actions open to the user on the document (the services decide), each with an empty
    form carrying the document's version; `kept` (name, form): a form refused as stale, shown
    again with the person's input even if its action is no longer open."""
    kept_name, kept_form = kept or (None, None)
    names = services.open_actions(user, document, today)
    if kept_name is not None and kept_name not in names:
        names.append(kept_name)
    version = versions.current_version(document)
    return [
        (
            ACTIONS[name],
            kept_form
            if name == kept_name
            else versions.carry(ACTIONS[name].form(prefix=name), version),
        )
        for name in names
    ]


@require_GET
def record(request, pk):
    _kind, document = _record(request, "normative-documents", pk)
    return _document_page(request, document)


def _document_page(request, document, kept=None, status=200):
    kind = get_kind("normative-documents")
    today = timezone.localdate()
    if kept is not None:
        versions.keep_input(kept[1], kept[1].stale, message=False)
    page = selectors.document_page(request.user, document, today)
    context = {"kind": kind, "record": document, "today": today, **page}
    context["actions"] = _offered(request.user, document, today, kept)
    return render(request, "normative/record.html", context, status=status)


@require_GET
def expiring(request):
    require_capability(request.user, Capability.LEDGER_VIEW, "您的角色无权查看规范性文件。")
    today = timezone.localdate()
    documents = [
        (document, (document.expires_on - today).days)
        for document in selectors.expiring_documents(today=today, user=request.user)
    ]
    context = {
        "today": today,
        "year": today.year,
        "root": scope_root(request.user, {Capability.LEDGER_VIEW}),  # data-org of the count
        "documents": documents,
        "source": VALIDITY_SOURCE,
    }
    return render(request, "normative/expiring.html", context)


@require_GET
def cleanup(request, pk):
    _kind, round_ = _record(request, "normative-cleanups", pk)
    return _cleanup_page(request, round_)


def _cleanup_page(request, round_, kept=None, status=200):
    """The round's page: each listed document with its conclusion's form (carrying the item's
    version), the publication form (the round's); `kept` (name, form): a form refused as stale,
    shown again with the person's input."""
    kept_name, kept_form = kept or (None, None)
    if kept_form is not None:
        versions.keep_input(kept_form, kept_form.stale, message=False)
    kind = get_kind("normative-cleanups")
    page = selectors.cleanup_page(request.user, round_)
    item_versions = versions.current_versions(CleanupItem, [item.pk for item in page["items"]])
    for item in page["items"]:
        item.decide_form = forms.CleanupDecideForm(
            prefix="cleanup_decide",
            auto_id=f"item{item.pk}_%s",
            initial={
                "item": item.pk,
                "decision": item.decision,
                "reason": item.reason,
                versions.FIELD: item_versions[item.pk],
            },
        )
        if kept_name == "cleanup_decide" and kept_form.data.get("cleanup_decide-item") == str(
            item.pk
        ):
            item.decide_form = kept_form
    context = {"kind": kind, "record": round_, **page}
    context["open"] = services.open_cleanup_actions(request.user, round_)
    context["apply_refusal"] = refusal(
        services.CLEANUP_CHECKS["cleanup_apply"], request.user, round_
    )
    context["apply_form"] = (
        kept_form
        if kept_name == "cleanup_apply"
        else versions.carry(
            forms.CleanupApplyForm(prefix="cleanup_apply"), versions.current_version(round_)
        )
    )
    return render(request, "normative/cleanup.html", context, status=status)


def _arguments(action, data: dict, target) -> dict:
    if action.name == "cleanup_decide":
        item = CleanupItem.objects.filter(cleanup=target, pk=data.pop("item")).first()
        if item is None:
            raise ValidationError("该文件不在本轮清理中。")
        data["item"] = item
    return data


@require_POST
def act(request, pk, action):
    action = ACTIONS[action]
    slug = "normative-cleanups" if action.record_arg == "cleanup" else "normative-documents"
    _kind, target = _record(request, slug, pk)
    back = "normative:cleanup" if action.record_arg == "cleanup" else "normative:record"
    form = action.form(request.POST, prefix=action.name)
    # A conclusion's form carries its item's version (an item of another round: the service
    # refuses it).
    versioned = target
    if action.name == "cleanup_decide":
        item = int_param(request.POST, "cleanup_decide-item")
        versioned = CleanupItem.objects.filter(cleanup=target, pk=item).first()

    def call(data):
        kwargs = _arguments(action, dict(data), target)
        action.service(actor=request.user, **{action.record_arg: target}, **kwargs)

    run_action(
        request,
        form,
        call,
        done=f"已办理：{action.label}。",
        failed=f"{action.label}未办理：",
        check=lambda: services.ACTION_CHECKS[action.name](request.user, target),
        record=versioned,
    )
    if form.stale is not None and action.record_arg == "cleanup":
        return _cleanup_page(request, target, kept=(action.name, form), status=409)
    if form.stale is not None:
        return _document_page(request, target, kept=(action.name, form), status=409)
    return redirect(back, pk=target.pk)
