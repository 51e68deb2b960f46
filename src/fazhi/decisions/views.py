"""The workflow page of a major decision and its POST-only actions. Thin: the services judge."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fazhi.core import versions
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
    return _page(request, _decision(request, pk))


def _page(request, decision, kept=None, status=200):
    """The decision's page; `kept` (action, form): a form refused as stale, shown again with
    the person's input and the other person's change, even if its action is no longer open."""
    today = timezone.localdate()
    attachments = selectors.decision_attachments(decision)
    version = versions.current_version(decision)
    page_forms = {
        key: versions.carry(_form(action, None, attachments), version)
        for action, key in FORM_KEYS.items()
    }
    open_now = services.open_actions(request.user, decision)
    if kept is not None:
        action, form = kept
        versions.keep_input(form, form.stale, message=False)
        page_forms[FORM_KEYS[action]] = form
        open_now = [*open_now, action] if action not in open_now else open_now
    context = {
        "decision": decision,
        "kind": DECISIONS,
        "rows": selectors.procedure_rows(decision),
        "deadlines": selectors.deadline_rows(decision, today),
        "attachments": attachments,
        "today": today,
        # The actions open to the user now (the services' preconditions decide).
        "open": open_now,
        "forms": page_forms,
        "titles": ACTION_TITLES,
    }
    return render(request, "decisions/record.html", context, status=status)


# Each action's title on the decision's page (and in the API's list of open actions).
ACTION_TITLES = {
    "participation_open": "开始公开征求意见",
    "participation_complete": "结束公开征求意见",
    "procedure": "专家论证 / 风险评估完成",
    "waive": "登记程序不适用",
    "collective": "集体讨论决定",
    "legality": "登记合法性审查意见",
    "publish": "公布决策",
    "file": "决策归档",
}


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


# The page's name of each action's form (its fields' ids start with it).
FORM_KEYS = {
    "participation_open": "open",
    "participation_complete": "complete",
    "procedure": "procedure",
    "waive": "waive",
    "legality": "legality",
    "collective": "collective",
    "publish": "publish",
    "file": "file",
}


def _form(action, data, attachments):
    form_class = ACTIONS[action][0]
    kwargs = {"auto_id": f"{FORM_KEYS[action]}_%s"}
    if issubclass(form_class, forms.EvidenceForm):
        kwargs["attachments"] = attachments
    return form_class(data, **kwargs)


@require_POST
def act(request, pk, action):
    _form_class, service, done = ACTIONS[action]
    decision = _decision(request, pk)
    form = _form(action, request.POST, selectors.decision_attachments(decision))

    def call(data):
        service(actor=request.user, record=decision, **data)

    def check():
        services.ACTION_CHECKS[action](request.user, decision)

    run_action(request, form, call, done=done, check=check, record=decision)
    if form.stale is not None:
        return _page(request, decision, kept=(action, form), status=409)
    return redirect("decisions:record", pk=decision.pk)
