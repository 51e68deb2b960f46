from django import forms

from fazhi.core.forms import Form


class NotificationSettingsForm(Form):
    email_digest = forms.BooleanField(
        label="每天把未查看的通知发到我的邮箱",
        required=False,
        help_text="每天早上汇总一封，只包含此前未发过的通知。",
    )
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        max_length=254,
        error_messages={"invalid": "电子邮箱格式不正确，请填写如 name@example.gov.cn 的地址。"},
    )

    def clean(self):
        data = super().clean()
        if data.get("email_digest") and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "要接收每日邮件，请填写电子邮箱。")
        return data
