"""A person given a one-time password sets their own before doing anything else."""

from django.shortcuts import redirect
from django.urls import reverse

# Paths open to such a person: the page to set the password, and leaving.
OPEN_URL_NAMES = ("password_change", "logout")


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_change_password
            and request.path not in {reverse(name) for name in OPEN_URL_NAMES}
        ):
            return redirect("password_change")
        return self.get_response(request)
