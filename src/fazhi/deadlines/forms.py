from django import forms

from fazhi.deadlines.periods import all_periods


class PeriodSettingForm(forms.Form):
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
