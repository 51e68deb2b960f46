"""The form that makes a personal API token (its checks are the service's, shown per field)."""

from django import forms

from fazhi.api.services import MAX_DAYS
from fazhi.core.forms import Form

LIFETIMES = [(30, "30 天"), (90, "90 天"), (180, "180 天"), (MAX_DAYS, "一年")]


class TokenForm(Form):
    name = forms.CharField(
        label="用途",
        max_length=100,
        help_text="写明谁用它做什么，例如“县级数据交换脚本”。",
    )
    days = forms.TypedChoiceField(
        label="有效期",
        choices=LIFETIMES,
        coerce=int,
        initial=90,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
