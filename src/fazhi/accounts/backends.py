from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """Username and password. A stopped account (is_active off) with its right password reaches
    the login form, which tells the person their account is stopped instead of "wrong password"
    (a wrong password still gets the generic answer, so nothing is revealed without it); its
    open sessions end, since a session never resolves to a stopped account."""

    def user_can_authenticate(self, user) -> bool:
        return True

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None
