"""How the OpenAPI schema describes the API's own parts (imported by the app config)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "fazhi.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "个人接口令牌：`Authorization: Token fz_…`（在“接口令牌”页面创建）。",
        }
