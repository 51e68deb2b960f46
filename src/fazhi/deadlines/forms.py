from django import forms

from fazhi.core.forms import Form
from fazhi.core.versions import VersionedForm
from fazhi.core.widgets import DateInput
from fazhi.deadlines.periods import all_periods


class PeriodSettingForm(Form):
    code = forms.ChoiceField(
        label="期限",
        error_messages={"required": "请选择期限。", "invalid_choice": "没有这个期限。"},
    )
    days = forms.IntegerField(
        label="天数",
        error_messages={"required": "请填写天数。", "invalid": "天数须为整数。"},
    )
    reason = forms.CharField(label="调整依据或说明", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [
            (p.code, f"{p.name}（默认 {p.length_label}）") for p in all_periods() if p.settable
        ]


class HolidayYearForm(VersionedForm):
    """A year's official holiday table: the notice, and its days pasted or from an .xlsx."""

    year = forms.IntegerField(widget=forms.HiddenInput)
    notice_number = forms.CharField(
        label="通知文号",
        max_length=100,
        help_text="如：国办发明电〔2026〕7号",
        error_messages={"required": "请填写通知文号。"},
    )
    notice_date = forms.DateField(
        label="通知日期",
        widget=DateInput(),
        error_messages={"required": "请填写通知日期。", "invalid": "请填写有效日期。"},
    )
    source_note = forms.CharField(
        label="来源说明（可选）",
        max_length=300,
        required=False,
        help_text="如：中国政府网公布的通知链接",
    )
    rows = forms.CharField(
        label="放假安排（每行：日期 类型 名称）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "class": "font-monospace"}),
        help_text="可从 Excel 复制“日期、类型、名称”三列粘贴；类型填写“放假”或“调休上班”。",
    )
    file = forms.FileField(
        label="或上传 Excel（.xlsx，表头：日期、类型、名称）",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.visible_fields():
            classes = field.field.widget.attrs.get("class", "")
            field.field.widget.attrs["class"] = f"form-control {classes}".strip()
