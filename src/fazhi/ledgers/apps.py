from django.apps import AppConfig


class LedgersConfig(AppConfig):
    name = "fazhi.ledgers"
    verbose_name = "台账"
    demo_loader = "fazhi.ledgers.demo.load"
