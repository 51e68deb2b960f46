"""Filters of the people list and the audit page (django-filter, all in the URL)."""

import django_filters
from django import forms
from django.db.models import Q

from fazhi.audit.models import AdminAction
from fazhi.core.widgets import DateInput

VERBS = [
    ("person.create", "新增人员"),
    ("person.update", "修改人员"),
    ("person.deactivate", "停用账号"),
    ("person.reactivate", "恢复账号"),
    ("person.password_reset", "重置密码"),
    ("person.import", "批量导入"),
    ("role.grant", "授予角色"),
    ("role.revoke", "撤销角色"),
]


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="姓名或登录名", method="search")
    active = django_filters.ChoiceFilter(
        label="状态",
        choices=[("1", "在用"), ("0", "已停用")],
        method="by_active",
        empty_label="全部",
    )

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(display_name__contains=value) | Q(username__contains=value))

    def by_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "1")


class AdminActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="内容或操作人", method="search")
    verb = django_filters.CharFilter(
        label="操作",
        field_name="verb",
        lookup_expr="startswith",
        widget=forms.Select(
            choices=[("", "全部"), ("person.", "人员"), ("role.", "角色"), ("org.", "单位"), *VERBS]
        ),
    )
    since = django_filters.DateFilter(
        label="起始日期",
        field_name="at",
        lookup_expr="date__gte",
        widget=DateInput(),
    )
    until = django_filters.DateFilter(
        label="截止日期",
        field_name="at",
        lookup_expr="date__lte",
        widget=DateInput(),
    )

    class Meta:
        model = AdminAction
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(summary__contains=value)
            | Q(actor_name__contains=value)
            | Q(scope_name__contains=value)
        )
