from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ApiConfig(AppConfig):
    """The REST API and the personal API tokens that scripts log in with."""

    name = "fazhi.api"
    label = "api"
    verbose_name = "接口"

    def ready(self):
        from fazhi.api import schema  # noqa: F401  (registers the token scheme)

        post_migrate.connect(_make_cache_table, sender=self)


def _make_cache_table(using, **kwargs):
    """The shared cache's table (the API throttle's counts) is made by every `fazhi migrate`,
    so no set-up step can forget it; createcachetable leaves an existing table alone."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
