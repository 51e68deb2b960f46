import csv
import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.catalogue import load_catalogue
from fazhi.core.progress import progress
from fazhi.indicators.formatting import format_number
from fazhi.indicators.selectors import figure_rows
from fazhi.orgs.models import Organisation


def _plain(value):
    return None if value is None else format_number(value)


def _number(value):
    """A JSON number: integers stay integers, decimals are written as they are shown."""
    text = _plain(value)
    return None if text is None else json.loads(text)


NUMBERS = ("value", "numerator", "denominator")


class Command(BaseCommand):
    help = "输出某单位（含下属单位）某年度的全部统计指标值（文本、JSON 或 CSV）。"

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="单位统一代码")
        parser.add_argument("--year", required=True, type=int, help="年度，如 2024")
        parser.add_argument("--format", choices=["text", "json", "csv"], default="text")
        parser.add_argument("--codes", help="只输出这些指标代码（逗号分隔）")
        parser.add_argument("--quiet", action="store_true", help="不显示进度")

    def handle(self, *args, org, year, format, codes=None, quiet=False, **options):
        organisation = Organisation.objects.filter(code=org).first()
        if organisation is None:
            raise CommandError(f"没有统一代码为 {org} 的单位。")
        if not 2000 <= year <= 2100:
            raise CommandError("年度应在 2000 至 2100 之间。")
        wanted = None
        if codes:
            wanted = [c.strip() for c in codes.split(",") if c.strip()]
            unknown = [c for c in wanted if c not in load_catalogue()]
            if unknown:
                raise CommandError(f"指标目录中没有：{'、'.join(unknown)}")
        with progress("计算统计指标", quiet=quiet) as bar:
            rows = figure_rows(organisation, year, wanted, on_progress=bar)
        records = [
            {
                "code": row.indicator.code,
                "name": row.indicator.name,
                "value": _plain(row.figure.value),
                "unit": row.indicator.unit,
                "numerator": _plain(row.figure.numerator),
                "denominator": _plain(row.figure.denominator),
            }
            for row in rows
        ]
        if format == "json":
            payload = {"organisation": organisation.code, "name": organisation.name, "year": year}
            payload["indicators"] = [
                {**record, **{k: _number(getattr(row.figure, k)) for k in NUMBERS}}
                for record, row in zip(records, rows, strict=True)
            ]
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        elif format == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=list(records[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(records)
        else:
            self.stdout.write(f"{organisation.name} {year}年 统计指标")
            for row in rows:
                self.stdout.write(f"  {row.indicator.code:<44} {row.indicator.name}：{row.text}")
