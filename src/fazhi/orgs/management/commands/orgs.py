from django.core.management.base import BaseCommand

from fazhi.orgs.models import Organisation


class Command(BaseCommand):
    help = "列出全部单位：统一代码、层级、名称、上级单位代码。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--level", choices=["county", "township", "village"], help="只列出该层级"
        )

    def handle(self, *args, level=None, **options):
        organisations = Organisation.objects.select_related("parent").order_by("path")
        if level:
            organisations = organisations.filter(level=level)
        self.stdout.write("code\tlevel\tname\tparent_code")
        for org in organisations:
            parent = org.parent.code if org.parent else "-"
            self.stdout.write(f"{org.code}\t{org.level}\t{org.name}\t{parent}")
