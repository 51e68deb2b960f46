from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from fazhi.core.forms import PlainErrors


class LoginForm(PlainErrors, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "inactive": "该账号已停用，不能登录。如需恢复，请联系本单位的系统管理员。",
    }


class OwnPasswordForm(PlainErrors, PasswordChangeForm):
    """Django's password change form with the site's plain error messages."""
