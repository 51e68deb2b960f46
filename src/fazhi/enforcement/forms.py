"""Forms of the case workflow page; each feeds one service."""

from django import forms

from fazhi.core.forms import Form
from fazhi.core.versions import VersionedForm
from fazhi.core.widgets import DateInput
from fazhi.enforcement.checklists import SCORE_ITEMS
from fazhi.enforcement.models import LegalReview, ProcessRecord


def _date(label):
    return forms.DateField(label=label, widget=DateInput())


def _style(form):
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class StyledForm(Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class OfficerAddForm(StyledForm):
    officer = forms.ModelChoiceField(label="执法人员", queryset=None, empty_label="请选择")
    assigned_on = _date("参与办案日期")

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers
        self.fields["officer"].label_from_instance = lambda o: (
            f"{o.name}（{o.certificate_number}，有效期至{o.valid_until:%Y-%m-%d}）"
        )


# The forms of actions that write the case itself carry its version (fazhi.core.actions); those
# that add a step (an officer, a process record, an extension, the file review) do not.


class DayForm(VersionedForm, StyledForm):
    day = _date("日期")


class ReviewForm(VersionedForm, StyledForm):
    reviewed_on = _date("审核日期")
    opinion = forms.ChoiceField(label="审核意见", choices=LegalReview.Opinion.choices)
    comments = forms.CharField(
        label="审核意见书内容", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtensionForm(StyledForm):
    days = forms.IntegerField(label="延长天数", min_value=1)
    approved_on = _date("批准日期")
    approver = forms.CharField(label="批准人", max_length=50)
    reason = forms.CharField(label="延长理由", max_length=300)


class DecideForm(VersionedForm, StyledForm):
    decided_on = _date("决定日期")
    result = forms.CharField(label="决定结果", widget=forms.Textarea(attrs={"rows": 2}))
    late_reason = forms.CharField(
        label="超期说明（超过办案期限时必填）", required=False, max_length=300
    )


class PubliciseForm(VersionedForm, StyledForm):
    publicised_on = _date("公示日期")
    channel = forms.CharField(label="公示渠道", max_length=100)
    late_reason = forms.CharField(
        label="超期说明（超过公示期限时必填）", required=False, max_length=300
    )


class ProcessRecordForm(StyledForm):
    stage = forms.ChoiceField(label="执法环节", choices=ProcessRecord.Stage.choices)
    form = forms.ChoiceField(label="记录形式", choices=ProcessRecord.Form.choices)
    made_on = _date("记录日期")
    description = forms.CharField(label="记录内容", max_length=200)


class FileReviewForm(StyledForm):
    reviewed_on = _date("评查日期")
    reviewer_name = forms.CharField(label="评查人", max_length=50)
    comments = forms.CharField(
        label="评查意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, label, maximum in SCORE_ITEMS:
            self.fields[field] = forms.IntegerField(
                label=f"{label}（0–{maximum}分）", min_value=0, max_value=maximum
            )
        _style(self)

    def scores(self) -> dict:
        return {field: self.cleaned_data[field] for field, _, _ in SCORE_ITEMS}
