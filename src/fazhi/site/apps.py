from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The site as a whole, above every app: the home page, the menu by role and the command
    that loads every app's demo data. (fazhi.core keeps the helpers the apps share.)"""

    name = "fazhi.site"
    label = "site"
    verbose_name = "站点"
