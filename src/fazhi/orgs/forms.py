from django import forms

from fazhi.core import versions
from fazhi.core.forms import Form, ModelForm
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level


class OrganisationForm(ModelForm):
    reason = forms.CharField(label="修改原因", max_length=200, required=False)
    seen_version = versions.version_field()

    class Meta:
        model = Organisation
        fields = ["code", "name"]


class OrganisationFilterForm(Form):
    q = forms.CharField(label="名称或代码", required=False)
    level = forms.ChoiceField(label="层级", required=False, choices=[("", "全部"), *Level.choices])


class ReasonForm(Form):
    """Confirming an abolition or reinstatement: an optional reason, and the version seen."""

    reason = forms.CharField(label="原因", max_length=200, required=False)
    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)


class MergeForm(Form):
    survivor = forms.ModelChoiceField(
        label="并入", queryset=Organisation.objects.none(), empty_label="请选择"
    )
    reason = forms.CharField(label="原因", max_length=200, required=False)

    def __init__(self, *args, siblings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = siblings


class ChildForm(Form):
    code = forms.CharField(label="统一代码", max_length=32)
    name = forms.CharField(label="名称", max_length=100)


class TreeImportForm(Form):
    file = forms.FileField(
        label="Excel 文件（.xlsx）",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx"}),
    )
