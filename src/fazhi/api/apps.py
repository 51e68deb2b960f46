from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API and the personal API tokens that scripts log in with."""

    name = "fazhi.api"
    label = "api"
    verbose_name = "接口"

    def ready(self):
        from fazhi.api import schema  # noqa: F401  (registers the token scheme)
