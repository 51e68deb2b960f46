"""`Authorization: Token fz_…` for scripts; the browser uses its session (with CSRF)."""

from django.utils import timezone
from rest_framework import authentication, exceptions

from fazhi.api import services, tokens
from fazhi.api.models import ApiToken


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("令牌格式不对：应为“Token 令牌”。")
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("令牌无效。") from exc
        token = (
            ApiToken.objects.select_related("user").filter(key_hash=tokens.key_hash(key)).first()
        )
        if token is None or token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("令牌无效或已撤销。")
        if token.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed("令牌已过期，请重新创建。")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("该账号已停用。")
        services.token_used(token)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
