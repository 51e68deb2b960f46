"""Pages of the deadline engine. Thin: selectors read, services write."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core import versions
from fazhi.core.history import history_entries
from fazhi.core.http import MAX_YEAR, MIN_YEAR, form_data, form_files, require, year_param
from fazhi.core.paging import KeysFirstPaginator
from fazhi.core.uploads import read_upload
from fazhi.deadlines import holiday_rows, selectors, services
from fazhi.deadlines.forms import HolidayYearForm, PeriodSettingForm
from fazhi.deadlines.resolve import county_of, periods_for
from fazhi.ledgers import selectors as ledger_selectors
from fazhi.ledgers.registry import get_kind
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import get_for_user_or_404, require_capability, scope_root


def _require_ledger_view(user) -> None:
    require_capability(user, Capability.LEDGER_VIEW, "您的角色无权查看期限提醒。")


PAGE_SIZE = 50
# Deadlines of each state shown on the overview (no ?state): the most pressing first.
PREVIEW = 10
# The states the page lists, each the one named figure it counts: (key, heading).
STATES = (("overdue", "已逾期"), ("upcoming", f"未来 {selectors.DEFAULT_DAYS} 天内到期"))
_FIGURES = {"overdue": selectors.overdue_deadlines, "upcoming": selectors.upcoming_deadlines}


@dataclass
class Section:
    key: str
    heading: str
    figure: str  # the named figure its count is
    page: object  # a Page of KeysFirstPaginator; its paginator's count is the figure


@require_GET
def deadline_list(request):
    """A summary of counts per township and state, then each state's first PREVIEW deadlines;
    ?state=overdue|upcoming lists that state 50 a page, ?township=<code> narrows to one
    township. Every count is the summary's, so no list is counted twice."""
    _require_ledger_view(request.user)
    today = timezone.localdate()
    user = request.user
    summary = selectors.deadline_summary(user, today)
    township = None
    code = request.GET.get("township", "")
    if code:
        township = next((row.township for row in summary.rows if row.township.code == code), None)
        if township is None:
            raise Http404("没有找到该乡镇（街道），或您无权查看。")
    state = request.GET.get("state", "")
    if state not in _FIGURES:
        state = ""
    sections = []
    for key, heading in STATES:
        if state and key != state:
            continue
        deadlines = _FIGURES[key](today=today, organisation=township, user=user)
        deadlines = deadlines.prefetch_related("record__organisation")
        paginator = KeysFirstPaginator(deadlines, PAGE_SIZE if state else PREVIEW)
        # The count is the summary's (the same figure, grouped): no second COUNT over the scope.
        row = summary.row_of(township) if township else None
        paginator.count = getattr(row, key) if row else summary.totals[key]
        page = paginator.get_page(request.GET.get("page") if state else 1)
        sections.append(Section(key, heading, f"deadlines.{key}", page))
    context = {
        "today": today,
        "year": today.year,
        # data-org of the sections' counts: the township filtered on, or the user's scope
        "root": township or scope_root(user, selectors.VIEW),
        "days": selectors.DEFAULT_DAYS,
        "summary": summary.rows,
        "township": township,
        "state": state,
        "states": STATES,
        "sections": sections,
        "page_size": PAGE_SIZE,
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


@require_GET
def calendar_year(request):
    _require_ledger_view(request.user)
    today = timezone.localdate()
    year = year_param(request, today.year)
    context = {
        "calendar": selectors.year_calendar(year),
        "stored_years": selectors.stored_years(),
        "previous": year - 1 if year > MIN_YEAR else None,
        "next": year + 1 if year < MAX_YEAR else None,
        "may_edit": services.may_edit_calendar(request.user),
        "weekdays": "一二三四五六日",
    }
    return render(request, "deadlines/calendar.html", context)


@require_http_methods(["GET", "POST"])
def calendar_edit(request):
    require(
        services.may_edit_calendar(request.user),
        "只有系统管理员（超级用户或县级系统管理员）可以维护节假日安排。",
    )
    posted = form_data(request)
    year = year_param(posted if posted is not None else request, timezone.localdate().year + 1)
    table = selectors.holiday_table(year)
    initial = {"year": year, "rows": selectors.holiday_rows_text(table)}
    if table is not None:
        initial.update(
            notice_number=table.notice_number,
            notice_date=table.notice_date,
            source_note=table.source_note,
        )
    form = versions.carry(
        HolidayYearForm(posted, form_files(request), initial=initial),
        versions.current_version(table),
    )
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["file"]:
                rows, row_errors = holiday_rows.rows_from_xlsx(read_upload(data["file"]))
            else:
                rows, row_errors = holiday_rows.rows_from_text(data["rows"])
            _, changed = services.holiday_year_save(
                actor=request.user,
                year=year,
                notice_number=data["notice_number"],
                notice_date=data["notice_date"],
                source_note=data["source_note"],
                rows=rows,
                row_errors=row_errors,
                seen_version=versions.seen(form),
            )
        except versions.StaleEdit as stale:
            versions.keep_input(form, stale)
            status = 409
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"{year}年放假安排已保存，重新计算了 {changed} 项期限。")
            return redirect(f"{reverse('deadlines:calendar')}?year={year}")
    context = {"form": form, "year": year, "table": table}
    return render(request, "deadlines/calendar_edit.html", context, status=status)
