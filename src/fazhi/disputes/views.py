"""Pages of 矛盾纠纷: the petition workflow, a follow-up person's visits, the overview."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fazhi.core import versions
from fazhi.core.actions import refusal, run_action
from fazhi.core.http import require, year_param
from fazhi.deadlines.selectors import deadlines_of
from fazhi.disputes import forms, selectors, timelimits
from fazhi.disputes.kinds import FOLLOW_UP, PETITIONS
from fazhi.disputes.services import followup as followup_services
from fazhi.disputes.services import petitions as petition_services
from fazhi.indicators.registry import indicator
from fazhi.indicators.selectors import figures_by_township
from fazhi.ledgers import personal
from fazhi.ledgers.selectors import may_view_kind, record_or_404
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import require_capability, scope_root

# Each action's form, service and message; when it is open is the service's precondition
# (petition_services.ACTION_CHECKS).
ACTIONS = {
    "decide": (forms.DecideForm, petition_services.petition_decide, "已登记受理决定。"),
    "extend": (forms.ExtendForm, petition_services.petition_extend, "已登记延期。"),
    "reply": (forms.ReplyForm, petition_services.petition_reply, "已登记答复。"),
    "review": (forms.ReviewForm, petition_services.petition_request_review, "已登记复查请求。"),
}


def _record(request, kind, pk):
    require(may_view_kind(request.user, kind), "您的角色无权查看该台账。")
    return record_or_404(request.user, kind, pk)


@require_GET
def petition(request, pk):
    return _petition_page(request, _record(request, PETITIONS, pk))


def _petition_page(request, record, kept=None, status=200):
    """The petition's page; `kept` (name, form): a form refused as stale, shown again with the
    person's input and the other person's change, even if its action is no longer open."""
    unmasked = personal.reveal(
        user=request.user, kind=PETITIONS, records=[record], context="detail"
    )
    version = versions.current_version(record)
    offered = {
        name: versions.carry(ACTIONS[name][0](prefix=name), version)
        for name in petition_services.open_actions(request.user, record)
    }
    if kept is not None:
        name, form = kept
        see = record.pk in unmasked
        versions.keep_input(
            form, form.stale, lambda f, v: personal.shown(PETITIONS, f, v, see), message=False
        )
        offered[name] = form
    return render(
        request,
        "disputes/petition.html",
        {
            "kind": PETITIONS,
            "record": record,
            "unmasked_ids": unmasked,
            "deadlines": list(deadlines_of(record)),
            "today": timezone.localdate(),
            "extensions": list(record.extensions.all()),
            "review_last_day": timelimits.review_request_last_day(record),
            "forms": offered,
        },
        status=status,
    )


@require_POST
def petition_action(request, pk, action):
    record = _record(request, PETITIONS, pk)
    form_class, service, done = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    run_action(
        request,
        form,
        lambda data: service(actor=request.user, record=record, **data),
        done=done,
        check=lambda: petition_services.ACTION_CHECKS[action](request.user, record),
        record=record,
    )
    if form.stale is not None:
        return _petition_page(request, record, kept=(action, form), status=409)
    return redirect("disputes:petition", pk=record.pk)


@require_GET
def person(request, pk):
    record = _record(request, FOLLOW_UP, pk)
    unmasked = personal.reveal(
        user=request.user, kind=FOLLOW_UP, records=[record], context="detail"
    )
    today = timezone.localdate()
    may_visit = refusal(followup_services.visit_check, request.user, record) is None
    return render(
        request,
        "disputes/person.html",
        {
            "kind": FOLLOW_UP,
            "record": record,
            "unmasked_ids": unmasked,
            "visits": list(record.visits.all()),
            "state": selectors.visit_state(record, today),
            "overdue": selectors.visit_state(record, today).startswith("走访逾期"),
            "form": forms.VisitForm(prefix="visit") if may_visit else None,
        },
    )


@require_POST
def person_visit(request, pk):
    record = _record(request, FOLLOW_UP, pk)
    form = forms.VisitForm(request.POST, prefix="visit")

    def call(data):
        followup_services.visit_record(actor=request.user, record=record, **data)

    run_action(
        request,
        form,
        call,
        done="已登记走访。",
        check=lambda: followup_services.visit_check(request.user, record),
        record=record,
    )
    return redirect("disputes:person", pk=record.pk)


MEDIATION_RATE = "disputes.mediation_success_rate"


def mediation_codes() -> list[str]:
    """The mediation table's columns: cases received, then the rate's parts as the catalogue
    defines them, then the rate; the heading's formula is read from the catalogue too."""
    rate = indicator(MEDIATION_RATE)
    return list(
        dict.fromkeys(["disputes.mediation_cases", rate.denominator, rate.numerator, rate.code])
    )


@require_GET
def overview(request):
    require_capability(request.user, Capability.LEDGER_VIEW, "您的角色无权查看矛盾纠纷概况。")
    today = timezone.localdate()
    year = year_param(request, today.year)
    user = request.user
    rate = indicator(MEDIATION_RATE)
    codes = mediation_codes()
    petitions = selectors.petitions_by_status(year=year, user=user)
    return render(
        request,
        "disputes/overview.html",
        {
            "year": year,
            "today": today,
            "root": scope_root(user, {Capability.LEDGER_VIEW}),  # data-org of the lists
            "rate": rate,
            "numerator": indicator(rate.numerator),
            "denominator": indicator(rate.denominator),
            "mediation_columns": [indicator(code) for code in codes],
            "mediation_rows": figures_by_township(user, codes, year, today=today),
            "petitions": petitions,
            "petition_rows": [
                (status, label, petitions[status]) for status, label in selectors.PETITION_STATUSES
            ],
            "overdue_visits": selectors.overdue_visits(today=today, user=user),
        },
    )
