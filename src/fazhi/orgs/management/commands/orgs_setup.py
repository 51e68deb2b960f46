from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.progress import progress
from fazhi.orgs import divisions, services


class Command(BaseCommand):
    help = "从全国行政区划名录建立一个县（区）及其下的镇、乡、街道和村、社区（可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--county", required=True, help="县（区）名称或六位区划代码，如 兴山区 或 230407"
        )
        parser.add_argument("--dry-run", action="store_true", help="只显示将要建立的单位数")
        parser.add_argument("--quiet", action="store_true", help="不显示进度")

    def handle(self, *args, county, dry_run=False, quiet=False, **options):
        try:
            found = divisions.find_county(county)
        except LookupError as error:
            raise CommandError(str(error)) from error
        plan = services.county_setup_plan(found.code)
        self.stdout.write(
            f"{found.full_name}（{found.code}）：名录中乡镇（街道）{len(plan.townships)} 个、"
            f"村（社区）{plan.village_total} 个；已建立乡镇（街道）{plan.townships_existing} 个、"
            f"村（社区）{plan.villages_existing} 个。"
        )
        if dry_run:
            return
        try:
            with progress("建立乡镇（街道）和村（社区）", quiet=quiet) as bar:
                result = services.county_setup(actor=None, county_code=found.code, on_progress=bar)
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from error
        self.stdout.write(
            f"已建立：乡镇（街道）{result.townships_created} 个，"
            f"村（社区）{result.villages_created} 个。"
        )
