from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from fazhi.accounts import services
from fazhi.accounts.forms import OwnPasswordForm
from fazhi.core.http import form_data


@require_http_methods(["GET", "POST"])
def password_change(request):
    """Everyone changes their own password here; a one-time password leads here first."""
    form = OwnPasswordForm(request.user, form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.password_set_own(
                user=request.user, password=form.cleaned_data["new_password1"]
            )
        except ValidationError as error:
            form.add_error("new_password2", error)
        else:
            update_session_auth_hash(request, request.user)  # stay signed in
            messages.success(request, "密码已修改。")
            return redirect("home")
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "forced": request.user.must_change_password},
    )
