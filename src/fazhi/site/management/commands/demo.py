from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from fazhi.core.progress import progress
from fazhi.orgs.demo import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "载入演示数据（虚构的示范县及其乡镇、村和各角色演示账号）；可重复运行，结果相同。"

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="不打印演示账号，不显示进度")

    def handle(self, *args, quiet=False, **options):
        # Each app that has demo data names its loader on its AppConfig; they run in app order.
        loaders = [
            (config.verbose_name, config.demo_loader)
            for config in apps.get_app_configs()
            if getattr(config, "demo_loader", None)
        ]
        with transaction.atomic(), progress("载入演示数据", len(loaders), quiet=quiet) as bar:
            for name, loader in loaders:
                import_string(loader)()
                bar.advance(name)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
        if not quiet:
            self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
            for username, organisation, role in demo_logins():
                self.stdout.write(f"  {username:<20} {organisation} · {role}")
