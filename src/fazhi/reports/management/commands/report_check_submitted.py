"""fazhi manage report_check_submitted: check the reports submitted before the checker ran at
报送, so the county's collection board shows a verdict for every township."""

from django.core.management.base import BaseCommand

from fazhi.core.progress import progress
from fazhi.reports.services import check_unchecked_versions


class Command(BaseCommand):
    help = "对尚无审查结果的已报送年度报告补做审查（供县级报告收取台账显示）。"

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="不显示进度")

    def handle(self, *args, quiet=False, **options):
        with progress("审查已报送的报告", quiet=quiet) as bar:
            count = check_unchecked_versions(on_progress=bar)
        self.stdout.write(f"已补做审查的报告版本：{count} 个。")
