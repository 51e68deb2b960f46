"""The workflow page of a major decision and its POST-only actions. Thin: the services judge."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.actions import run_action
from fazhi.decisions import forms, selectors, services
from fazhi.decisions.kinds import DECISIONS
from fazhi.decisions.models import Status
from fazhi.ledgers.selectors import may_view_kind, record_or_404
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import has_capability


def _decision(request, pk):
    if not may_view_kind(request.user, DECISIONS):
        raise PermissionDenied("您的角色无权查看重大行政决策。")
    return record_or_404(request.user, DECISIONS, pk)


@require_GET
def record(request, pk):
    decision = _decision(request, pk)
    today = timezone.localdate()
    attachments = selectors.decision_attachments(decision)
    organisation = decision.organisation
    open_ = decision.status == Status.PROCEDURES and not decision.is_archived
    context = {
        "decision": decision,
        "kind": DECISIONS,
        "rows": selectors.procedure_rows(decision),
        "deadlines": selectors.deadline_rows(decision, today),
        "attachments": attachments,
        "today": today,
        "procedures_open": open_,
        "may_edit": has_capability(request.user, Capability.LEDGER_EDIT, organisation),
        "may_review": has_capability(request.user, Capability.LEGAL_REVIEW, organisation),
        "forms": {
            "open": forms.ParticipationOpenForm(auto_id="open_%s"),
            "complete": forms.ParticipationCompleteForm(
                attachments=attachments, auto_id="complete_%s"
            ),
            "procedure": forms.ProcedureForm(attachments=attachments, auto_id="procedure_%s"),
            "waive": forms.WaiveForm(auto_id="waive_%s"),
            "legality": forms.LegalityForm(attachments=attachments, auto_id="legality_%s"),
            "collective": forms.CollectiveForm(attachments=attachments, auto_id="collective_%s"),
            "publish": forms.PublishForm(auto_id="publish_%s"),
            "file": forms.FileForm(auto_id="file_%s"),
        },
    }
    return render(request, "decisions/record.html", context)


def _act(request, pk, form_class, call, done: str):
    decision = _decision(request, pk)
    kwargs = {}
    if issubclass(form_class, forms.EvidenceForm):
        kwargs["attachments"] = selectors.decision_attachments(decision)
    form = form_class(request.POST, **kwargs)
    run_action(request, form, lambda data: call(request.user, decision, data), done=done)
    return redirect("decisions:record", pk=decision.pk)


@require_POST
def participation_open(request, pk):
    def call(actor, decision, data):
        services.participation_open(actor=actor, record=decision, **data)

    return _act(request, pk, forms.ParticipationOpenForm, call, "已开始公开征求意见。")


@require_POST
def participation_complete(request, pk):
    def call(actor, decision, data):
        services.participation_complete(actor=actor, record=decision, **data)

    return _act(request, pk, forms.ParticipationCompleteForm, call, "公众参与已登记完成。")


@require_POST
def procedure(request, pk):
    def call(actor, decision, data):
        services.procedure_record(actor=actor, record=decision, **data)

    return _act(request, pk, forms.ProcedureForm, call, "程序已登记。")


@require_POST
def waive(request, pk):
    def call(actor, decision, data):
        services.procedure_waive(actor=actor, record=decision, **data)

    return _act(request, pk, forms.WaiveForm, call, "已登记该程序不适用的理由。")


@require_POST
def legality(request, pk):
    def call(actor, decision, data):
        services.legality_review_record(actor=actor, record=decision, **data)

    return _act(request, pk, forms.LegalityForm, call, "合法性审查意见已登记。")


@require_POST
def collective(request, pk):
    def call(actor, decision, data):
        services.collective_decide(actor=actor, record=decision, **data)

    return _act(request, pk, forms.CollectiveForm, call, "集体讨论决定已登记。")


@require_POST
def publish(request, pk):
    def call(actor, decision, data):
        services.decision_publish(actor=actor, record=decision, **data)

    return _act(request, pk, forms.PublishForm, call, "决策公布情况已登记。")


@require_POST
def file(request, pk):
    def call(actor, decision, data):
        services.decision_file(actor=actor, record=decision, **data)

    return _act(request, pk, forms.FileForm, call, "决策已归档。")
