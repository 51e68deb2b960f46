"""Pages of supervision findings. Thin: selectors read, services write and judge."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core import versions
from fazhi.core.actions import joined, open_actions, run_action
from fazhi.core.history import history_entries
from fazhi.core.http import form_data, int_param
from fazhi.deadlines import selectors as deadline_selectors
from fazhi.orgs.scoping import require_capability, scope_root
from fazhi.supervision import forms, selectors, services
from fazhi.supervision.models import FindingState, Source


def _require_view(user) -> None:
    require_capability(user, selectors.VIEW, "您的角色无权查看督察问题。")


def _require_inspector(user) -> None:
    require_capability(user, selectors.INSPECT, "只有县（区）督察可以办理督察问题。")


@require_GET
def finding_list(request):
    user = request.user
    _require_view(user)
    today = timezone.localdate()
    townships = list(selectors.townships_for(user).order_by("path"))
    code = request.GET.get("township", "")
    township = next((t for t in townships if t.code == code), None)
    chosen = {
        "township": township.code if township else "",
        "state": request.GET.get("state", ""),
        "year": int_param(request, "year"),
        "source": request.GET.get("source", ""),
        "overdue": request.GET.get("overdue") == "1",
    }
    findings = selectors.filtered(
        selectors.findings_in(user=user),
        today=today,
        township=township,
        state=chosen["state"],
        year=chosen["year"],
        source=chosen["source"],
        overdue=chosen["overdue"],
    )
    root = scope_root(user, selectors.VIEW)
    context = {
        "today": today,
        "year": today.year,
        "root": root,  # data-org of the counts (the whole scope, not the filters)
        "by_state": selectors.findings_by_state(organisation=root, user=user),
        "overdue": selectors.overdue_findings(today=today, organisation=root, user=user),
        "carried": selectors.carried_over(today=today, organisation=root, user=user),
        "rows": [
            (f, selectors.is_overdue(f, today), selectors.is_carried_over(f, today))
            for f in findings
        ],
        "townships": townships,
        "states": FindingState.choices,
        "sources": Source.choices,
        "chosen": chosen,
        "may_inspect": selectors.may_inspect(user),
    }
    return render(request, "supervision/list.html", context)


FORMS = {"rectify": forms.RectifyForm, "close": forms.CloseForm, "return": forms.ReturnForm}
DONE = {
    "rectify": "整改情况已提交，等待督察销号。",
    "close": "已销号。",
    "return": "已退回整改。",
}


def _page(request, finding, kept=None, status=200):
    """The finding's page; `kept` (action, form): a form refused as stale, shown again with the
    person's input and the other person's change."""
    today = timezone.localdate()
    version = versions.current_version(finding)
    page_forms = {
        action: versions.carry(form_class(auto_id=f"{action}_%s"), version)
        for action, form_class in FORMS.items()
    }
    open_now = open_actions(services.ACTION_CHECKS, request.user, finding)
    if kept is not None:
        action, form = kept
        versions.keep_input(form, form.stale, message=False)
        page_forms[action] = form
        open_now = [*open_now, action] if action not in open_now else open_now
    context = {
        "finding": finding,
        "today": today,
        "overdue": selectors.is_overdue(finding, today),
        "carried": selectors.is_carried_over(finding, today),
        "rectifications": selectors.rectifications_of(finding),
        "history": history_entries(finding),
        "open": open_now,
        "forms": page_forms,
    }
    return render(request, "supervision/detail.html", context, status=status)


@require_GET
def finding_detail(request, pk):
    _require_view(request.user)
    return _page(request, selectors.finding_or_404(request.user, pk))


@require_POST
def finding_act(request, pk, action):
    _require_view(request.user)
    finding = selectors.finding_or_404(request.user, pk)
    form = FORMS[action](request.POST, request.FILES, auto_id=f"{action}_%s")

    def call(data):
        if action == "rectify":
            services.rectification_submit(
                request.user, finding, data["text"], data["done_on"], data.get("file")
            )
        elif action == "close":
            services.finding_close(request.user, finding, data["note"])
        else:
            services.finding_return(request.user, finding, data["reason"])

    def check():
        services.ACTION_CHECKS[action](request.user, finding)

    run_action(request, form, call, done=DONE[action], check=check, record=finding)
    if form.stale is not None:
        return _page(request, finding, kept=(action, form), status=409)
    return redirect("supervision:detail", pk=finding.pk)


@require_http_methods(["GET", "POST"])
def finding_new(request):
    user = request.user
    _require_inspector(user)
    form = forms.VisitForm(form_data(request), townships=selectors.inspected_townships(user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            finding = services.finding_open(
                user,
                data["organisation"],
                year=data["year"],
                source=Source.VISIT,
                title=data["title"],
                detail=data["detail"],
                rectify_by=data["rectify_by"],
                found_on=data["found_on"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, "督察问题已提出，已通知该乡镇（街道）整改。")
            return redirect("supervision:detail", pk=finding.pk)
    return render(request, "supervision/new.html", {"form": form})


def _overdue_deadlines(user, today):
    scoped = deadline_selectors.deadlines_in(user=user, capabilities=selectors.INSPECT)
    return deadline_selectors.overdue_in(scoped, today)


@require_GET
def overdue_deadlines(request):
    user = request.user
    _require_inspector(user)
    today = timezone.localdate()
    deadlines = list(_overdue_deadlines(user, today).prefetch_related("record"))
    opened = selectors.deadline_findings(deadlines)
    context = {
        "today": today,
        "rows": [(d, opened.get(services.deadline_ref(d))) for d in deadlines],
        "unopened": sum(1 for d in deadlines if services.deadline_ref(d) not in opened),
        "form": forms.DeadlinesForm(deadline_ids=[d.pk for d in deadlines]),
    }
    return render(request, "supervision/deadlines.html", context)


@require_POST
def findings_from_deadlines(request):
    user = request.user
    _require_inspector(user)
    today = timezone.localdate()
    overdue = _overdue_deadlines(user, today)
    data = request.POST.copy()
    if data.get("only"):  # one row's button: that deadline alone, whatever else is ticked
        data.setlist("deadline", [data["only"]])
    form = forms.DeadlinesForm(data, deadline_ids=list(overdue.values_list("pk", flat=True)))
    if not form.is_valid():
        messages.error(request, "未提出督察问题：" + joined(_errors(form)))
        return redirect("supervision:deadlines")
    chosen = list(overdue.filter(pk__in=form.cleaned_data["deadline"]).prefetch_related("record"))
    try:
        opened, already = services.findings_from_deadlines(
            user, chosen, rectify_by=form.cleaned_data["rectify_by"], today=today
        )
    except ValidationError as error:
        messages.error(request, "未提出督察问题：" + joined(error.messages))
        return redirect("supervision:deadlines")
    text = f"已提出督察问题 {len(opened)} 个。"
    if already:
        text += f"另有 {len(already)} 个事项此前已提出过，未重复提出。"
    messages.success(request, text)
    return redirect("supervision:deadlines")


def _errors(form) -> list[str]:
    return [message for errors in form.errors.values() for message in errors]


@require_GET
def rectification_file(request, pk):
    _require_view(request.user)
    rectification = selectors.rectification_or_404(request.user, pk)
    stored = rectification.stored_file
    if stored is None:
        raise Http404("该整改记录没有佐证材料。")
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=rectification.file_name or "佐证材料",
        content_type=stored.content_type,
    )
