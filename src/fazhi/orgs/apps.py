from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "fazhi.orgs"
    verbose_name = "组织机构"
    demo_loader = "fazhi.orgs.demo.load"
