"""Self-assessment (自评) and review (审核评定) pages. Thin: sheets read, services write.

A township's assessment is addressed by the township's code and `?year=` (the scheme's year).
Roles that never see assessments are refused (403) before anything is looked up; another
township, or another county's, is not found (404).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.assessment import forms, opening, services, sheets
from fazhi.assessment.models import Evidence, RuleKind
from fazhi.core import versions
from fazhi.core.actions import refusal, run_action
from fazhi.core.http import form_data, year_param
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.selectors import record_or_404
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import require_capability, user_capabilities

NOT_FOUND = "未找到该单位的考核，或您无权查看。"


def _assessment(request, code, capabilities, *, message="您的角色无权查看考核。"):
    """(township, year, assessment) for the page, or 403/404."""
    require_capability(request.user, capabilities, message)
    organisation = sheets.township(request.user, code, capabilities)
    if organisation is None:
        raise Http404(NOT_FOUND)
    year = year_param(request, None) or sheets.default_year(organisation)
    scheme = services.scheme_for(organisation, year)
    if scheme is None:
        raise Http404(f"{year}年度尚无考核细则。")
    return organisation, year, opening.assessment_for(scheme, organisation)


def _score(assessment, item_code):
    score = sheets.score_for(assessment, item_code)
    if score is None:
        raise Http404("没有这个考核项目。")
    return score


def _url(name, organisation, year, **kwargs) -> str:
    return reverse(f"assessment:{name}", kwargs={"code": organisation.code, **kwargs}) + (
        f"?year={year}"
    )


def _errors(error: ValidationError) -> str:
    return "；".join(error.messages)


@require_GET
def index(request):
    require_capability(request.user, sheets.READERS, "您的角色无权查看考核。")
    year = year_param(request, None) or sheets.latest_year(request.user)
    rows = sheets.assessments_visible(request.user, year) if year else []
    context = {
        "may_review": Capability.INSPECT in user_capabilities(request.user),
        "year": year,
        "rows": rows,
        "waiting_self": sheets.waiting_self(request.user),
        "waiting_review": sheets.waiting_review(request.user),
    }
    return render(request, "assessment/self_index.html", context)


# --- self-assessment -----------------------------------------------------------------------


@require_GET
def self_page(request, code):
    organisation, year, assessment = _assessment(request, code, sheets.READERS)
    groups = sheets.score_rows(assessment)
    version = versions.current_version(assessment)
    context = {
        "organisation": organisation,
        "year": year,
        "assessment": assessment,
        "groups": groups,
        "counts": sheets.counts(groups),
        "returned": sheets.return_reason(assessment),
        "may_edit": refusal(services.check_self_edit, request.user, assessment) is None,
        "submit_refusal": refusal(services.check_submit, request.user, assessment),
        "may_review": refusal(services.check_review, request.user, assessment) is None,
        "submit_form": versions.carry(forms.AssessmentActionForm(), version),
        "manual": RuleKind.MANUAL,
    }
    return render(request, "assessment/self_assessment.html", context)


@require_POST
def submit(request, code):
    organisation, year, assessment = _assessment(request, code, sheets.READERS)
    form = forms.AssessmentActionForm(request.POST)
    run_action(
        request,
        form,
        lambda data: services.submit(actor=request.user, assessment=assessment),
        done="自评已提交，等待县督察审核。",
        failed="自评未提交：",
        check=lambda: services.check_submit(request.user, assessment),
        record=assessment,
    )
    return redirect(_url("self", organisation, year))


def _item_page(request, organisation, year, assessment, score, form=None, status=200):
    may_edit = refusal(services.check_self_edit, request.user, assessment) is None
    if form is None:
        form = versions.carry(
            forms.SelfScoreForm(
                initial={"self_score": score.self_score, "self_note": score.self_note}
            ),
            versions.current_version(score),
        )
    kind_slug = request.GET.get("kind", "")
    text = request.GET.get("q", "")
    context = {
        "organisation": organisation,
        "year": year,
        "assessment": assessment,
        "score": score,
        "item": score.item,
        "evidence": sheets.evidence_of(score),
        "may_edit": may_edit,
        "form": form,
        "upload_form": forms.EvidenceUploadForm(),
        "kinds": sheets.evidence_kinds(request.user) if may_edit else [],
        "kind_slug": kind_slug,
        "q": text,
        "matches": sheets.record_matches(request.user, assessment, kind_slug, text)
        if may_edit and kind_slug
        else [],
    }
    return render(request, "assessment/self_item.html", context, status=status)


@require_http_methods(["GET", "POST"])
def self_item(request, code, item):
    organisation, year, assessment = _assessment(request, code, sheets.READERS)
    score = _score(assessment, item)
    if request.method == "GET":
        return _item_page(request, organisation, year, assessment, score)
    form = forms.SelfScoreForm(form_data(request))

    def call(data):
        services.self_score_save(
            actor=request.user,
            score=score,
            self_score=data["self_score"],
            note=data["self_note"],
        )

    saved = run_action(
        request,
        form,
        call,
        done="自评已保存。",
        failed="自评未保存：",
        check=lambda: services.check_self_edit(request.user, assessment),
        record=score,
    )
    if form.stale is not None:
        versions.keep_input(form, form.stale, message=False)
        return _item_page(request, organisation, year, assessment, score, form, status=409)
    if not saved:
        return _item_page(request, organisation, year, assessment, score, form)
    return redirect(_url("self_item", organisation, year, item=score.item.code))


def _evidence_action(request, form, call, check, done: str) -> None:
    """Run an evidence service; its refusal (or the form's errors) is flashed."""
    run_action(request, form, call, done=done, failed="佐证未添加：", check=check)


@require_POST
def evidence_record(request, code, item):
    organisation, year, assessment = _assessment(request, code, sheets.READERS)
    score = _score(assessment, item)
    form = forms.EvidenceRecordForm(request.POST)

    def call(data):
        services.evidence_add_record(
            actor=request.user,
            score=score,
            kind_slug=data["kind"],
            record_id=data["record"],
            attachment_id=data["attachment"],
            note=data["note"],
        )

    _evidence_action(
        request,
        form,
        call,
        lambda: services.check_self_edit(request.user, assessment),
        "已添加台账记录作为佐证。",
    )
    return redirect(_url("self_item", organisation, year, item=score.item.code))


@require_POST
def evidence_upload(request, code, item):
    organisation, year, assessment = _assessment(request, code, sheets.READERS)
    score = _score(assessment, item)
    form = forms.EvidenceUploadForm(request.POST, request.FILES)

    def call(data):
        services.evidence_upload(
            actor=request.user, score=score, uploaded=data["file"], note=data["note"]
        )

    _evidence_action(
        request,
        form,
        call,
        lambda: services.check_self_edit(request.user, assessment),
        "佐证文件已上传。",
    )
    return redirect(_url("self_item", organisation, year, item=score.item.code))


def _evidence(assessment, pk) -> Evidence:
    evidence = (
        Evidence.objects.filter(pk=pk, score__assessment=assessment)
        .select_related("score__item", "stored_file", "attachment__stored_file")
        .first()
    )
    if evidence is None:
        raise Http404("未找到该佐证材料。")
    return evidence


@require_POST
def evidence_remove(request, code, pk):
    organisation, year, assessment = _assessment(request, code, sheets.READERS)
    evidence = _evidence(assessment, pk)
    try:
        services.evidence_remove(actor=request.user, evidence=evidence)
    except ValidationError as error:
        messages.error(request, "佐证未删除：" + _errors(error))
    else:
        messages.success(request, "佐证已删除。")
    return redirect(_url("self_item", organisation, year, item=evidence.score.item.code))


@require_GET
def evidence_download(request, code, pk):
    """An evidence file, for the township's own people and its county's inspectors only."""
    organisation, year, assessment = _assessment(request, code, sheets.READERS)
    evidence = _evidence(assessment, pk)
    if evidence.stored_file is not None:
        stored, name = evidence.stored_file, evidence.name
    elif evidence.attachment is not None:
        stored, name = evidence.attachment.stored_file, evidence.attachment.name
    else:
        # A record without a file: its page, if the viewer may open the ledger.
        kind = get_kind(evidence.kind_slug)
        record = record_or_404(request.user, kind, evidence.record_id)
        return redirect("ledgers:detail", kind=kind.slug, pk=record.pk)
    return FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=name, content_type=stored.content_type
    )


@require_GET
def history(request, code, item):
    organisation, year, assessment = _assessment(request, code, sheets.READERS)
    score = _score(assessment, item)
    context = {
        "organisation": organisation,
        "year": year,
        "assessment": assessment,
        "score": score,
        "entries": sheets.score_history(score),
        "evidence_entries": sheets.evidence_history(score),
    }
    return render(request, "assessment/review_history.html", context)


# --- review --------------------------------------------------------------------------------

INSPECT = {Capability.INSPECT}
REVIEW_MESSAGE = "只有县督察可以审核评定。"


def _review_page(request, organisation, year, assessment, kept=None, status=200):
    """Every item with its review form (carrying the score's version); `kept` (score pk, form):
    a form refused as stale, shown again with the inspector's input."""
    groups = sheets.score_rows(assessment, evidence=True)
    for group in groups:
        for score in group.scores:
            score.review_form = forms.ReviewForm(
                prefix=f"s{score.pk}",
                initial={
                    "action": services.CONFIRM,
                    "final": score.final,
                    "verified": services.effective_score(score),
                    "reason": score.reason,
                    versions.FIELD: score.version,
                },
            )
            if kept is not None and kept[0] == score.pk:
                score.review_form = kept[1]
    version = versions.current_version(assessment)
    context = {
        "organisation": organisation,
        "year": year,
        "assessment": assessment,
        "groups": groups,
        "counts": sheets.counts(groups),
        "may_review": refusal(services.check_review, request.user, assessment) is None,
        "review_refusal": refusal(services.check_review, request.user, assessment),
        "complete_refusal": refusal(services.check_complete, request.user, assessment),
        "complete_form": versions.carry(forms.AssessmentActionForm(), version),
        "return_form": versions.carry(forms.ReturnForm(), version),
    }
    return render(request, "assessment/review_assessment.html", context, status=status)


@require_GET
def review(request, code):
    organisation, year, assessment = _assessment(request, code, INSPECT, message=REVIEW_MESSAGE)
    return _review_page(request, organisation, year, assessment)


@require_POST
def review_item(request, code, item):
    organisation, year, assessment = _assessment(request, code, INSPECT, message=REVIEW_MESSAGE)
    score = _score(assessment, item)
    form = forms.ReviewForm(request.POST, prefix=f"s{score.pk}")

    def call(data):
        services.review_item(
            actor=request.user,
            score=score,
            action=data["action"],
            final=data["final"],
            verified=data["verified"],
            reason=data["reason"],
            open_finding=data["open_finding"],
            rectify_by=data["rectify_by"],
        )

    run_action(
        request,
        form,
        call,
        done=f"{score.item.code} 已审核。",
        failed=f"{score.item.code} 未审核：",
        check=lambda: services.check_review(request.user, assessment),
        record=score,
    )
    if form.stale is not None:
        versions.keep_input(form, form.stale, message=False)
        return _review_page(request, organisation, year, assessment, (score.pk, form), 409)
    return redirect(_url("review", organisation, year) + f"#item-{score.pk}")


@require_POST
def review_return(request, code):
    organisation, year, assessment = _assessment(request, code, INSPECT, message=REVIEW_MESSAGE)
    form = forms.ReturnForm(request.POST)
    run_action(
        request,
        form,
        lambda data: services.return_self(
            actor=request.user, assessment=assessment, reason=data["reason"]
        ),
        done="已退回自评，该单位可修改后重新提交。",
        failed="未退回：",
        check=lambda: services.check_return(request.user, assessment),
        record=assessment,
    )
    return redirect(_url("review", organisation, year))


@require_POST
def review_complete(request, code):
    organisation, year, assessment = _assessment(request, code, INSPECT, message=REVIEW_MESSAGE)
    form = forms.AssessmentActionForm(request.POST)
    run_action(
        request,
        form,
        lambda data: services.complete(actor=request.user, assessment=assessment),
        done="评定已完成。",
        failed="评定未完成：",
        check=lambda: services.check_complete(request.user, assessment),
        record=assessment,
    )
    return redirect(_url("review", organisation, year))
