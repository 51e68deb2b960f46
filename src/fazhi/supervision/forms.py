"""Forms of the supervision pages: they only parse input; the services judge it."""

from django import forms
from django.utils import timezone

from fazhi.core.forms import Form
from fazhi.core.http import MAX_YEAR, MIN_YEAR
from fazhi.core.versions import VersionedForm
from fazhi.core.widgets import DateInput
from fazhi.orgs.models import Organisation

DATE = DateInput(attrs={"class": "form-control form-control-sm"})
TEXT = forms.TextInput(attrs={"class": "form-control form-control-sm"})
AREA = forms.Textarea(attrs={"rows": 3, "class": "form-control form-control-sm"})
SELECT = forms.Select(attrs={"class": "form-select form-select-sm"})
NUMBER = forms.NumberInput(attrs={"class": "form-control form-control-sm"})


class VisitForm(Form):
    """An on-site 督察 visit's finding, recorded by the inspector."""

    organisation = forms.ModelChoiceField(
        label="乡镇（街道）", queryset=Organisation.objects.none(), widget=SELECT
    )
    found_on = forms.DateField(label="督察日期", widget=DATE)
    year = forms.IntegerField(
        label="所属年度", min_value=MIN_YEAR, max_value=MAX_YEAR, widget=NUMBER
    )
    title = forms.CharField(label="发现的问题", max_length=300, widget=TEXT)
    detail = forms.CharField(label="具体情况", required=False, widget=AREA)
    rectify_by = forms.DateField(label="整改期限", widget=DATE)

    def __init__(self, *args, townships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = townships
        today = timezone.localdate()
        self.fields["found_on"].initial = today
        self.fields["year"].initial = today.year


class RectifyForm(VersionedForm):
    text = forms.CharField(label="整改情况", widget=AREA)
    done_on = forms.DateField(label="整改完成日期", widget=DATE)
    file = forms.FileField(
        label="佐证材料（可选）",
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control form-control-sm"}),
    )


class CloseForm(VersionedForm):
    note = forms.CharField(label="销号意见", required=False, widget=AREA)


class ReturnForm(VersionedForm):
    reason = forms.CharField(label="退回理由", widget=AREA)


class DeadlinesForm(Form):
    """Open findings for the checked overdue deadlines."""

    deadline = forms.TypedMultipleChoiceField(label="逾期事项", coerce=int, choices=())
    rectify_by = forms.DateField(label="整改期限", widget=DATE)

    def __init__(self, *args, deadline_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].choices = [(pk, str(pk)) for pk in deadline_ids]
        self.fields["deadline"].error_messages["invalid_choice"] = "所选事项不存在或无权办理。"
        self.fields["deadline"].error_messages["required"] = "请选择要提出督察问题的逾期事项。"
