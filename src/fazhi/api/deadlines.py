"""Deadlines over the API: the 期限提醒 page's two lists (overdue; due within N days) through
the same named selectors, scoped to the user, optionally to one organisation's subtree. The
record is named as on the page (personal data masked by the ledger's rule)."""

from django.core.paginator import Paginator
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from fazhi.api import bounds
from fazhi.deadlines import selectors
from fazhi.ledgers.selectors import record_name
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import get_for_user_or_404, require_capability

PER_PAGE = 100
MAX_DAYS = 366
LISTS = ("overdue", "upcoming")


class DeadlineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    list = serializers.CharField(help_text="overdue 已逾期；upcoming 即将到期")
    organisation_code = serializers.CharField()
    organisation_name = serializers.CharField()
    code = serializers.CharField(help_text="期限代码")
    name = serializers.CharField(help_text="期限名称")
    record = serializers.CharField(help_text="事项（个人信息按页面规则遮蔽）")
    record_url = serializers.CharField(allow_blank=True, help_text="台账页面地址")
    triggered_on = serializers.DateField()
    due_on = serializers.DateField()
    estimated = serializers.BooleanField(help_text="截止日期为估算")
    length = serializers.CharField(help_text="期限长度，如“60日”")
    state = serializers.CharField(help_text="pending / met_on_time / met_late / overdue")
    state_label = serializers.CharField()
    days_left = serializers.IntegerField(help_text="距截止日期的天数，逾期为负数")


class DeadlinePageSerializer(serializers.Serializer):
    today = serializers.DateField()
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = DeadlineSerializer(many=True)


def _int(request, name, default, low, high, message):
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = None
    if value is None or not low <= value <= high:
        raise ValidationError({name: [message]})
    return value


def _row(user, deadline, which, today) -> dict:
    state = deadline.state(today)
    return {
        "id": deadline.pk,
        "list": which,
        "organisation_code": deadline.organisation.code,
        "organisation_name": deadline.organisation.name,
        "code": deadline.code,
        "name": deadline.name,
        "record": record_name(deadline.record, user),
        "record_url": selectors.record_url(deadline),
        "triggered_on": deadline.triggered_on,
        "due_on": deadline.due_on,
        "estimated": deadline.estimated,
        "length": deadline.length_label,
        "state": state.value,
        "state_label": state.label,
        "days_left": deadline.days_left(today),
    }


@extend_schema(
    summary="期限提醒",
    description="与“期限提醒”页面相同的两份清单：已逾期（最早的在前）和未来若干天内到期。",
    parameters=[
        OpenApiParameter("list", str, enum=LISTS, description="只看一份清单，缺省为两份"),
        OpenApiParameter("days", int, description="即将到期的天数，1—366，缺省 14"),
        OpenApiParameter("org", str, description="只看该单位（含下级）的期限"),
        OpenApiParameter("page", int, description="页码，每页 100 条"),
    ],
    responses=DeadlinePageSerializer,
)
@api_view(["GET"])
def deadline_list(request):
    user = request.user
    require_capability(user, Capability.LEDGER_VIEW, "您的角色无权查看期限提醒。")
    wanted = request.query_params.get("list") or ""
    if wanted and wanted not in LISTS:
        raise ValidationError({"list": ["清单只能是 overdue（已逾期）或 upcoming（即将到期）。"]})
    days = _int(request, "days", selectors.DEFAULT_DAYS, 1, MAX_DAYS, "天数须为 1—366 的整数。")
    page_number = _int(request, "page", 1, 1, 10**6, "页码须为正整数。")
    organisation = None
    code = request.query_params.get("org")
    if code:
        organisation = get_for_user_or_404(
            Organisation.objects.all(), user, selectors.VIEW, code=bounds.code(code)
        )
    today = timezone.localdate()
    lists = []
    if wanted in ("", "overdue"):
        overdue = selectors.overdue_deadlines(today=today, organisation=organisation, user=user)
        lists.append(("overdue", overdue))
    if wanted in ("", "upcoming"):
        upcoming = selectors.upcoming_deadlines(
            today=today, organisation=organisation, user=user, days=days
        )
        lists.append(("upcoming", upcoming))
    counts = [deadlines.count() for _, deadlines in lists]
    paginator = Paginator(range(sum(counts)), PER_PAGE)
    page = paginator.get_page(page_number)
    start, stop = page.start_index() - 1, page.end_index()
    rows, offset = [], 0
    for (which, deadlines), count in zip(lists, counts, strict=True):
        low, high = max(start - offset, 0), min(stop - offset, count)
        if low < high:
            chunk = deadlines.prefetch_related("record")[low:high]
            rows.extend(_row(user, deadline, which, today) for deadline in chunk)
        offset += count
    data = {
        "today": today,
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "results": rows,
    }
    return Response(DeadlinePageSerializer(data).data)
