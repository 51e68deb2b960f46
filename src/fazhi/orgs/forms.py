from django import forms

from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level


class OrganisationForm(forms.ModelForm):
    reason = forms.CharField(label="修改原因", max_length=200, required=False)

    class Meta:
        model = Organisation
        fields = ["code", "name"]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label="名称或代码", required=False)
    level = forms.ChoiceField(label="层级", required=False, choices=[("", "全部"), *Level.choices])
