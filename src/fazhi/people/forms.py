from django import forms

from fazhi.core.forms import Form
from fazhi.core.versions import VersionedForm
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Role


def styled(form):
    """Bootstrap classes on every widget (the site's look, no inline style)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif not isinstance(widget, forms.HiddenInput):
            widget.attrs.setdefault("class", "form-control")
    return form


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.get_level_display()}）"


class PersonForm(VersionedForm):
    display_name = forms.CharField(label="姓名", max_length=50)
    organisation = UnitChoiceField(
        label="单位", queryset=Organisation.objects.none(), empty_label="请选择单位"
    )
    phone = forms.RegexField(
        label="手机号",
        regex=r"^1\d{10}$",
        required=False,
        error_messages={"invalid": "手机号应为 11 位数字，以 1 开头。"},
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            units if units is not None else Organisation.objects.none()
        )
        styled(self)


class PersonCreateForm(PersonForm):
    username = forms.CharField(
        label="登录名",
        max_length=150,
        help_text="字母、数字或 . _ - @，登录时使用，建立后不能修改。",
    )
    role = forms.ChoiceField(
        label="角色（可选）",
        required=False,
        choices=[("", "暂不授予"), *Role.choices],
        help_text="授予在所选单位的角色；以后可在人员页面增减。",
    )

    field_order = ["display_name", "organisation", "phone", "username", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        styled(self)


class RoleGrantForm(Form):
    organisation = UnitChoiceField(
        label="单位", queryset=Organisation.objects.none(), empty_label="请选择单位"
    )
    role = forms.ChoiceField(label="角色", choices=Role.choices)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            units if units is not None else Organisation.objects.none()
        )
        styled(self)


class ImportForm(Form):
    file = forms.FileField(
        label="人员名单（.xlsx）", error_messages={"required": "请选择要导入的文件。"}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        styled(self)
