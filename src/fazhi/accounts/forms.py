from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "inactive": "该账号已停用，不能登录。如需恢复，请联系本单位的系统管理员。",
    }
