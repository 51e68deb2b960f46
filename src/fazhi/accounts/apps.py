from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fazhi.accounts"
    verbose_name = "用户"
