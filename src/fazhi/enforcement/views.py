"""Pages of 行政执法 beyond the generic ledger pages: the case workflow page, its POST actions
and the supervision overview. Views stay thin: scoping via the ledger selectors, rules in the
services."""

from collections.abc import Callable
from dataclasses import dataclass

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fazhi.core import versions
from fazhi.core.actions import run_action
from fazhi.core.http import require, year_param
from fazhi.enforcement import checklists, forms, selectors, services
from fazhi.enforcement.kinds import CASES, OFFICERS
from fazhi.enforcement.models.ledgers import EXPIRY_WARNING_DAYS
from fazhi.indicators.registry import indicator
from fazhi.indicators.selectors import figures_by_township
from fazhi.ledgers import personal
from fazhi.ledgers.selectors import may_view_kind, record_or_404, records_for
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import require_capability, scope_root


@dataclass(frozen=True)
class Action:
    """An action of the case page: its label, form and service call. Whether it is open (who
    may, in which state) is the service's precondition (services.ACTION_CHECKS)."""

    label: str
    form: type
    run: Callable  # (user, case, cleaned_data) -> None


ACTIONS = {
    "officer_add": Action(
        "登记办案人员",
        forms.OfficerAddForm,
        lambda u, c, d: services.case_officer_add(
            actor=u, record=c, officer=d["officer"], assigned_on=d["assigned_on"]
        ),
    ),
    "process_record": Action(
        "登记全过程记录",
        forms.ProcessRecordForm,
        lambda u, c, d: services.process_record_add(actor=u, record=c, **_rename(d)),
    ),
    "hearing": Action(
        "登记听证",
        forms.DayForm,
        lambda u, c, d: services.case_hearing_record(actor=u, record=c, held_on=d["day"]),
    ),
    "extend": Action(
        "延长办案期限",
        forms.ExtensionForm,
        lambda u, c, d: services.case_extend(actor=u, record=c, **d),
    ),
    "review_submit": Action(
        "提交法制审核",
        forms.DayForm,
        lambda u, c, d: services.case_review_submit(actor=u, record=c, submitted_on=d["day"]),
    ),
    "review_record": Action(
        "登记法制审核意见",
        forms.ReviewForm,
        lambda u, c, d: services.legal_review_record(actor=u, record=c, **d),
    ),
    "decide": Action(
        "作出决定",
        forms.DecideForm,
        lambda u, c, d: services.case_decide(actor=u, record=c, **d),
    ),
    "serve": Action(
        "登记送达",
        forms.DayForm,
        lambda u, c, d: services.case_serve(actor=u, record=c, served_on=d["day"]),
    ),
    "publicise": Action(
        "登记公示",
        forms.PubliciseForm,
        lambda u, c, d: services.case_publicise(actor=u, record=c, **d),
    ),
    "close": Action(
        "结案",
        forms.DayForm,
        lambda u, c, d: services.case_close(actor=u, record=c, closed_on=d["day"]),
    ),
    "file_review": Action(
        "案卷评查",
        forms.FileReviewForm,
        lambda u, c, d: services.case_file_review_record(
            actor=u,
            record=c,
            reviewed_on=d["reviewed_on"],
            reviewer_name=d["reviewer_name"],
            comments=d["comments"],
            scores={f: d[f] for f, _, _ in checklists.SCORE_ITEMS},
        ),
    ),
}


def _rename(data: dict) -> dict:
    return {k: data[k] for k in ("stage", "form", "made_on", "description")}


def _build_form(name: str, case, user, data=None, version=versions.NONE):
    action = ACTIONS[name]
    if action.form is forms.OfficerAddForm:
        officers = records_for(user, OFFICERS).filter(organisation=case.organisation)
        return action.form(data, officers=officers.order_by("name"), prefix=name)
    return versions.carry(action.form(data, prefix=name), version)


def _offered(user, case, kept=None) -> list[dict]:
    """The open actions with empty forms; `kept` (name, form): a form refused as stale, shown
    again with the person's input even if its action is no longer open."""
    kept_name, kept_form = kept or (None, None)
    names = services.open_actions(user, case)
    if kept_name is not None and kept_name not in names:
        names.append(kept_name)
    version = versions.current_version(case)
    return [
        {
            "url": reverse(f"enforcement:{name}", args=[case.pk]),
            "label": ACTIONS[name].label,
            "form": kept_form
            if name == kept_name
            else _build_form(name, case, user, version=version),
        }
        for name in names
    ]


def _case_or_404(user, pk):
    # A role that may not view cases at all is refused before any lookup (as the ledger pages).
    require(may_view_kind(user, CASES), "您的角色无权查看执法案件。")
    return record_or_404(user, CASES, pk)


@require_GET
def case_page(request, pk):
    return _page(request, _case_or_404(request.user, pk))


def _page(request, case, kept=None, status=200):
    today = timezone.localdate()
    unmasked = personal.reveal(user=request.user, kind=CASES, records=[case], context="detail")
    if kept is not None:  # the other person's change, masked as on the detail page
        see = case.pk in unmasked
        versions.keep_input(
            kept[1], kept[1].stale, lambda f, v: personal.shown(CASES, f, v, see), message=False
        )
    party = personal.shown_value(CASES, case, "party", case.pk in unmasked)
    valid, invalid = services.officers_valid_on(case, today)
    context = {
        "case": case,
        "party": party,
        "today": today,
        "officers": case.officers.select_related("officer"),
        "invalid_today": {entry.pk for entry in invalid},
        "reviews": case.legal_reviews.all(),
        "extensions": case.extensions.all(),
        "records": case.process_records.all(),
        "missing_records": checklists.missing_records(case),
        "deadlines": selectors.case_deadlines(case, today),
        "file_review": getattr(case, "file_review", None),
        "score_items": checklists.SCORE_ITEMS,
        "max_total": checklists.MAX_TOTAL,
        "actions": _offered(request.user, case, kept),
    }
    return render(request, "enforcement/case.html", context, status=status)


@require_POST
def case_action(request, pk, action):
    case = _case_or_404(request.user, pk)
    spec = ACTIONS[action]
    form = _build_form(action, case, request.user, request.POST)
    run_action(
        request,
        form,
        lambda data: spec.run(request.user, case, data),
        done=f"已{spec.label}。",
        failed=f"{spec.label}未保存：",
        check=lambda: services.check_action(action, request.user, case),
        record=case,
    )
    if form.stale is not None:
        return _page(request, case, kept=(action, form), status=409)
    return redirect("enforcement:record", pk=case.pk)


@require_GET
def overview(request):
    require_capability(request.user, Capability.LEDGER_VIEW, "您的角色无权查看行政执法台账。")
    today = timezone.localdate()
    year = year_param(request, today.year)
    user = request.user
    statuses = selectors.cases_by_status(year=year, user=user)
    context = {
        "today": today,
        "year": year,
        "years": [today.year - 2, today.year - 1, today.year],
        "root": scope_root(user, {Capability.LEDGER_VIEW}),  # data-org of the lists
        "warning_days": EXPIRY_WARNING_DAYS,
        "expiring": list(selectors.expiring_certificates(today=today, user=user)),
        "review_columns": [indicator(code) for code in selectors.REVIEW_CODES],
        "review_rows": figures_by_township(user, selectors.REVIEW_CODES, year, today=today),
        "statuses": statuses,
        "status_rows": [
            (status, label, statuses[status]) for status, label in selectors.CASE_STATUSES
        ],
        "record_gaps": selectors.cases_with_record_gaps(year=year, user=user),
    }
    return render(request, "enforcement/overview.html", context)
