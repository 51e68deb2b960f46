"""Forms of the self-assessment and review pages; the services check the rules."""

from django import forms

from fazhi.assessment.services import ADJUST, CONFIRM, FALSIFY
from fazhi.core.forms import Form
from fazhi.core.versions import VersionedForm
from fazhi.core.widgets import DateInput

SCORE = {"max_digits": 6, "decimal_places": 2, "required": False}


class SelfScoreForm(VersionedForm):
    self_score = forms.DecimalField(
        label="自评分",
        help_text="非人工评分项留空即认可系统计分；填写不同分数须在说明中写明理由。",
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.01"}),
        **SCORE,
    )
    self_note = forms.CharField(
        label="自评说明",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )


class EvidenceRecordForm(Form):
    kind = forms.CharField(label="台账", max_length=64)
    record = forms.IntegerField(label="台账记录", min_value=1)
    attachment = forms.IntegerField(label="附件", min_value=1, required=False)
    note = forms.CharField(label="说明", max_length=500, required=False)


class EvidenceUploadForm(Form):
    file = forms.FileField(
        label="文件",
        error_messages={"required": "请选择要上传的文件。"},
        widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
    )
    note = forms.CharField(
        label="说明",
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class ReviewForm(VersionedForm):
    action = forms.ChoiceField(
        label="审核",
        choices=[(CONFIRM, "确认"), (ADJUST, "调整"), (FALSIFY, "核查不实")],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    final = forms.DecimalField(
        label="评定分（调整）",
        widget=forms.NumberInput(
            attrs={
                "class": "form-control form-control-sm",
                "step": "0.01",
                "placeholder": "评定分（调整时填）",
            }
        ),
        **SCORE,
    )
    verified = forms.DecimalField(
        label="核实得分（核查不实）",
        widget=forms.NumberInput(
            attrs={
                "class": "form-control form-control-sm",
                "step": "0.01",
                "placeholder": "核实得分（核查不实时填）",
            }
        ),
        **SCORE,
    )
    reason = forms.CharField(
        label="理由",
        required=False,
        max_length=2000,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-sm",
                "placeholder": "理由（调整、核查不实必填）",
            }
        ),
    )

    open_finding = forms.BooleanField(
        label="同时提出督察问题",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    rectify_by = forms.DateField(
        label="整改期限",
        required=False,
        widget=DateInput(attrs={"class": "form-control form-control-sm"}),
    )


class AssessmentActionForm(VersionedForm):
    """提交自评 / 完成评定: carries the assessment's version."""


class ReturnForm(VersionedForm):
    reason = forms.CharField(
        label="退回理由",
        max_length=2000,
        error_messages={"required": "退回自评须说明理由。"},
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "退回理由"}),
    )
