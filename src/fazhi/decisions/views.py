"""The workflow page of a major decision and its POST-only actions. Thin: the services judge."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.actions import run_action
from fazhi.core.http import require
from fazhi.decisions import forms, selectors, services
from fazhi.decisions.kinds import DECISIONS
from fazhi.ledgers.selectors import may_view_kind, record_or_404


def _decision(request, pk):
    require(may_view_kind(request.user, DECISIONS), "您的角色无权查看重大行政决策。")
    return record_or_404(request.user, DECISIONS, pk)


@require_GET
def record(request, pk):
    decision = _decision(request, pk)
    today = timezone.localdate()
    attachments = selectors.decision_attachments(decision)
    context = {
        "decision": decision,
        "kind": DECISIONS,
        "rows": selectors.procedure_rows(decision),
        "deadlines": selectors.deadline_rows(decision, today),
        "attachments": attachments,
        "today": today,
        # The actions open to the user now (the services' preconditions decide).
        "open": services.open_actions(request.user, decision),
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


# Each action posted from a decision's page: its form, its service and what the clerk is told.
ACTIONS = {
    "participation_open": (
        forms.ParticipationOpenForm,
        services.participation_open,
        "已开始公开征求意见。",
    ),
    "participation_complete": (
        forms.ParticipationCompleteForm,
        services.participation_complete,
        "公众参与已登记完成。",
    ),
    "procedure": (forms.ProcedureForm, services.procedure_record, "程序已登记。"),
    "waive": (forms.WaiveForm, services.procedure_waive, "已登记该程序不适用的理由。"),
    "legality": (forms.LegalityForm, services.legality_review_record, "合法性审查意见已登记。"),
    "collective": (forms.CollectiveForm, services.collective_decide, "集体讨论决定已登记。"),
    "publish": (forms.PublishForm, services.decision_publish, "决策公布情况已登记。"),
    "file": (forms.FileForm, services.decision_file, "决策已归档。"),
}


@require_POST
def act(request, pk, action):
    form_class, service, done = ACTIONS[action]
    decision = _decision(request, pk)
    kwargs = {}
    if issubclass(form_class, forms.EvidenceForm):
        kwargs["attachments"] = selectors.decision_attachments(decision)
    form = form_class(request.POST, **kwargs)

    def call(data):
        service(actor=request.user, record=decision, **data)

    def check():
        services.ACTION_CHECKS[action](request.user, decision)

    run_action(request, form, call, done=done, check=check)
    return redirect("decisions:record", pk=decision.pk)
