"""Workflow pages of 规范性文件. Thin: selectors read, services write (and check the law)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.actions import run_action
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import may_view_kind, record_or_404
from fazhi.normative import forms, selectors, services
from fazhi.normative.models import DRAFT_STATES, IN_FORCE, CleanupItem, Status
from fazhi.normative.services.common import VALIDITY_SOURCE
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import scope_root, user_capabilities


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    form: type
    service: object
    record_arg: str = "record"
    states: frozenset | None = None
    reviewer: bool = False  # a legal reviewer's action, not the clerk's

    @property
    def url_name(self) -> str:
        return f"normative:{self.name}"


DOCUMENT_ACTIONS = [
    Action(
        "consultation_start",
        "开始公开征求意见",
        forms.ConsultationStartForm,
        services.consultation_start,
        states=frozenset(DRAFT_STATES),
    ),
    Action(
        "consultation_close",
        "结束公开征求意见",
        forms.ConsultationCloseForm,
        services.consultation_close,
        states=frozenset({Status.CONSULTATION}),
    ),
    Action(
        "review_submit",
        "送交合法性审核",
        forms.ReviewSubmitForm,
        services.review_submit,
        states=frozenset(DRAFT_STATES),
    ),
    Action(
        "review_record",
        "出具合法性审核意见",
        forms.ReviewRecordForm,
        services.review_record,
        states=frozenset({Status.REVIEW}),
        reviewer=True,
    ),
    Action(
        "deliberation_record",
        "登记集体审议",
        forms.DeliberationForm,
        services.deliberation_record,
        states=frozenset({Status.DELIBERATION}),
    ),
    Action(
        "publish",
        "公布",
        forms.PublishForm,
        services.document_publish,
        states=frozenset({Status.APPROVED}),
    ),
    Action(
        "file",
        "登记备案",
        forms.FileForm,
        services.document_file,
        states=frozenset({Status.PUBLISHED}),
    ),
    Action(
        "amend",
        "启动修改",
        forms.AmendForm,
        services.document_amend,
        states=frozenset({Status.EFFECTIVE}),
    ),
    Action(
        "repeal", "废止", forms.RepealForm, services.document_repeal, states=frozenset(IN_FORCE)
    ),
    Action(
        "expire",
        "登记失效（有效期届满）",
        forms.ExpireForm,
        services.document_expire,
        states=frozenset(IN_FORCE),
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
    if not may_view_kind(request.user, kind):
        raise PermissionDenied("您的角色无权查看该台账。")
    return kind, record_or_404(request.user, kind, pk)


def _offered(document, page) -> list:
    """The actions the user may take in the document's state, each with an empty form."""
    offered = []
    for action in DOCUMENT_ACTIONS:
        allowed = page["may_review"] if action.reviewer else page["may_edit"]
        if not allowed or document.status not in action.states or document.is_archived:
            continue
        if action.name == "expire" and document.expires_on is None:
            continue
        offered.append((action, action.form(prefix=action.name)))
    return offered


@require_GET
def record(request, pk):
    kind, document = _record(request, "normative-documents", pk)
    today = timezone.localdate()
    page = selectors.document_page(request.user, document, today)
    context = {"kind": kind, "record": document, "today": today, **page}
    context["actions"] = _offered(document, page)
    return render(request, "normative/record.html", context)


@require_GET
def expiring(request):
    if Capability.LEDGER_VIEW not in user_capabilities(request.user):
        raise PermissionDenied("您的角色无权查看规范性文件。")
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
    kind, round_ = _record(request, "normative-cleanups", pk)
    page = selectors.cleanup_page(request.user, round_)
    context = {"kind": kind, "record": round_, **page}
    context["decide_form"] = forms.CleanupDecideForm(prefix="cleanup_decide")
    context["apply_form"] = forms.CleanupApplyForm(prefix="cleanup_apply")
    return render(request, "normative/cleanup.html", context)


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

    def call(data):
        kwargs = _arguments(action, dict(data), target)
        action.service(actor=request.user, **{action.record_arg: target}, **kwargs)

    run_action(
        request, form, call, done=f"已办理：{action.label}。", failed=f"{action.label}未办理："
    )
    return redirect(back, pk=target.pk)
