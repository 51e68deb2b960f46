"""The API's own endpoints: who am I (the person behind the session or token)."""

from django.contrib.auth.views import redirect_to_login
from django.utils import translation
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions, serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from fazhi.orgs.scoping import memberships_of


class RoleSerializer(serializers.Serializer):
    organisation_code = serializers.CharField()
    organisation_name = serializers.CharField()
    role = serializers.CharField()
    role_label = serializers.CharField()


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    display_name = serializers.CharField()
    roles = RoleSerializer(many=True)


@extend_schema(responses=MeSerializer, summary="当前用户及其角色")
@api_view(["GET"])
def me(request):
    user = request.user
    roles = [
        {
            "organisation_code": membership.organisation.code,
            "organisation_name": membership.organisation.name,
            "role": membership.role,
            "role_label": membership.get_role_display(),
        }
        for membership in memberships_of(user)
    ]
    data = {
        "username": user.get_username(),
        "display_name": getattr(user, "display_name", "") or user.get_username(),
        "roles": roles,
    }
    return Response(MeSerializer(data).data)


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, generated once per process and language: it describes the code, the
    same for every person (SERVE_PUBLIC), and takes seconds to build for ~300 operations."""

    _generated: dict[tuple, dict] = {}

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (translation.get_language(), version)
        if key not in self._generated:
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=version, patterns=self.patterns
            )
            self._generated[key] = generator.get_schema(request=request, public=self.serve_public)
        filename = self._get_filename(request, version)
        return Response(
            data=self._generated[key],
            headers={"Content-Disposition": f'inline; filename="{filename}"'},
        )


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar package's files, its styles in a file (no inline style)."""

    template_name = "api/swagger_ui.html"

    def handle_exception(self, exc):
        # A person opening the page without a session goes to the login page, then back here.
        if isinstance(exc, exceptions.NotAuthenticated):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)
