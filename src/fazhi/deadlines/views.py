"""Pages of the deadline engine. Thin: selectors read, services write."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core.history import history_entries
from fazhi.core.http import form_data, require
from fazhi.deadlines import selectors, services
from fazhi.deadlines.forms import PeriodSettingForm
from fazhi.deadlines.resolve import county_of, periods_for
from fazhi.ledgers import selectors as ledger_selectors
from fazhi.ledgers.registry import get_kind
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import get_for_user_or_404, require_capability, scope_root


def _require_ledger_view(user) -> None:
    require_capability(user, Capability.LEDGER_VIEW, "您的角色无权查看期限提醒。")


@require_GET
def deadline_list(request):
    _require_ledger_view(request.user)
    today = timezone.localdate()
    user = request.user
    overdue = selectors.overdue_deadlines(today=today, user=user)
    upcoming = selectors.upcoming_deadlines(today=today, user=user)
    context = {
        "today": today,
        "year": today.year,
        "root": scope_root(user, selectors.VIEW),  # data-org of the counts
        "days": selectors.DEFAULT_DAYS,
        "overdue": list(overdue.prefetch_related("record")),
        "upcoming": list(upcoming.prefetch_related("record")),
        "may_see_county": selectors.counties_inspected(user).exists(),
    }
    return render(request, "deadlines/list.html", context)


@require_GET
def county_overview(request):
    require(
        selectors.counties_inspected(request.user).exists(),
        "只有县（区）督察和系统管理员可以查看各乡镇的逾期情况。",
    )
    today = timezone.localdate()
    user = request.user
    context = {
        "today": today,
        "year": today.year,
        "root": scope_root(user, selectors.VIEW),  # data-org of the total
        "rows": selectors.overdue_by_township(user, today),
        "total": selectors.overdue_deadlines(today=today, user=user).count(),
    }
    return render(request, "deadlines/county.html", context)


@require_GET
def period_list(request):
    county = selectors.home_county(request.user)
    context = {
        "county": county,
        "periods": periods_for(county),
        "may_edit": county is not None and services.may_set_periods(request.user, county),
    }
    return render(request, "deadlines/periods.html", context)


@require_http_methods(["GET", "POST"])
def period_edit(request, code):
    organisation = get_for_user_or_404(Organisation.objects.all(), request.user, code=code)
    county = county_of(organisation)
    require(services.may_set_periods(request.user, county), "只有县（区）系统管理员可以设置期限。")
    form = PeriodSettingForm(form_data(request), initial={"code": request.GET.get("period")})
    if form.is_valid():
        try:
            services.period_set(actor=request.user, county=county, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "期限设置已保存。")
            return redirect("deadlines:periods")
    context = {"county": county, "form": form, "periods": periods_for(county)}
    return render(request, "deadlines/period_edit.html", context)


@require_GET
def record_deadlines(request, kind, pk):
    kind = get_kind(kind)
    require(ledger_selectors.may_view_kind(request.user, kind), "您的角色无权查看该台账。")
    record = ledger_selectors.record_or_404(request.user, kind, pk)
    today = timezone.localdate()
    deadlines = list(selectors.deadlines_of(record))
    context = {
        "kind": kind,
        "record": record,
        "today": today,
        "deadlines": deadlines,
        "histories": [(d, history_entries(d)) for d in deadlines],
    }
    return render(request, "deadlines/record.html", context)
