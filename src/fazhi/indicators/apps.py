from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    verbose_name = "指标"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each app registers the computations of its catalogue figures in its own
        # indicators.py, and its named figures (named.py) in its selectors.py.
        autodiscover_modules("indicators")
        autodiscover_modules("selectors")
        from fazhi.indicators import signals  # noqa: F401  (keeps stored figures valid)
