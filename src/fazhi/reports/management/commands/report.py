"""fazhi report: draft a township's annual report from its ledgers and write it as files."""

import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level

FIRST_YEAR = 2000


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"年度应为四位数字，如 2024，而不是“{text}”。") from error


def _write(path: Path, data: bytes, what: str) -> Path:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise CommandError(f"无法写入{what}“{path}”：{error.strerror or error}") from error
    return path.resolve()


class Command(BaseCommand):
    help = "生成乡镇（街道）年度法治政府建设情况报告（Word，可加 PDF 和数据底稿）。"

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="乡镇（街道）的统一代码")
        parser.add_argument("--year", required=True, type=_year, help="报告年度，如 2024")
        parser.add_argument(
            "-o", "--output", help="Word 文件路径（默认：当前目录下的“单位年度报告.docx”）"
        )
        parser.add_argument(
            "--pdf", action="store_true", help="同时生成 PDF（与 Word 文件同名，需 LibreOffice）"
        )
        parser.add_argument("--workpaper", metavar="XLSX", help="同时生成数据底稿（.xlsx）")

    def handle(self, *args, org, year, output=None, pdf=False, workpaper=None, **options):
        from fazhi.reports.docx import render_docx
        from fazhi.reports.drafting import draft_document
        from fazhi.reports.pdf import PdfUnavailable, docx_to_pdf, pdf_available
        from fazhi.reports.workpaper import render_workpaper

        organisation = Organisation.objects.filter(code=org).first()
        if organisation is None:
            raise CommandError(f"没有统一代码为 {org} 的单位。")
        if organisation.level != Level.TOWNSHIP:
            raise CommandError(
                f"{organisation.name}是{organisation.get_level_display()}，"
                "年度报告只为乡镇（街道）生成。"
            )
        this_year = timezone.localdate().year
        if not FIRST_YEAR <= year <= this_year:
            raise CommandError(f"报告年度应在 {FIRST_YEAR} 至 {this_year} 年之间。")
        if pdf and not pdf_available():
            raise CommandError(
                "本机未安装 LibreOffice（soffice），无法生成 PDF；去掉 --pdf 可只生成 Word。"
            )

        sheet_path = Path(workpaper) if workpaper else None
        if output and Path(output).suffix.lower() != ".docx":
            raise CommandError(f"Word 文件应以 .docx 结尾：{output}")
        for path in filter(None, (Path(output) if output else None, sheet_path)):
            if not path.parent.is_dir():
                raise CommandError(f"目录不存在：{path.parent}")

        document = draft_document(organisation, year)
        target = Path(output) if output else Path(f"{document.title}.docx")
        data = render_docx(document)
        self.stdout.write(f"已生成 Word：{_write(target, data, 'Word 文件')}")
        if pdf:
            try:
                pdf_data = docx_to_pdf(data)
            except PdfUnavailable as error:
                raise CommandError(f"PDF 未生成：{error}") from error
            written = _write(target.with_suffix(".pdf"), pdf_data, "PDF 文件")
            self.stdout.write(f"已生成 PDF：{written}")
        self.stdout.write(f"报告中的数字共 {len(document.figures)} 处。")
        if sheet_path:
            written = _write(sheet_path, render_workpaper(document), "数据底稿")
            self.stdout.write(f"已生成数据底稿（每个数字的来源记录）：{written}")
