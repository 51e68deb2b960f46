"""`fazhi check FILE... [--format text|json|md|html] [--xlsx OUT]`.

Exit status: 0 no error-severity finding, 1 some, 2 a file could not be read (or bad arguments).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from fazhi.checker.batch import check_files
from fazhi.checker.output import render_html, render_markdown, render_text

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


class ChineseHelpFormatter(argparse.HelpFormatter):
    SECTIONS = {"positional arguments": "位置参数", "options": "选项", "optional arguments": "选项"}

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="用法：")

    def start_section(self, heading):
        super().start_section(self.SECTIONS.get(heading, heading))


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"{self.prog}：参数错误（{message}）。用 --help 查看用法。\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="fazhi check",
        description="审查法治政府建设年度报告：五个必备部分、数据和常见问题。",
        epilog="退出码：0 无错误级问题；1 有错误级问题；2 有文件无法读取。",
        add_help=False,
        formatter_class=ChineseHelpFormatter,
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="报告文件（.txt .md .docx .pdf）或包含报告的文件夹"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "md", "html"),
        default="text",
        help="输出格式：text 中文摘要（默认），json 机器可读，md / html 供人阅读",
    )
    parser.add_argument("--xlsx", metavar="OUT", help="另存县级汇总工作簿（.xlsx）")
    parser.add_argument("--jobs", type=int, default=None, help="并行进程数（默认用全部 CPU 核）")
    parser.add_argument("--quiet", action="store_true", help="不显示进度")
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    return parser


REPORT_SUFFIXES = {".txt", ".md", ".markdown", ".docx", ".pdf"}


def expand_arguments(arguments: list[str]) -> list[str]:
    """Files as given; a folder stands for the report files directly inside it, sorted."""
    files: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files += sorted(
                str(child)
                for child in path.iterdir()
                if child.is_file() and child.suffix.lower() in REPORT_SUFFIXES
            )
        else:
            files.append(argument)
    return files


def _run_batch(files: list[str], jobs: int | None, quiet: bool = False):
    if len(files) == 1:
        return check_files(files, workers=1)
    if quiet or not sys.stderr.isatty():
        return check_files(files, workers=jobs)  # no bar in a pipe, a log or with --quiet
    # rich only for the bar on a terminal: a single check or a pipe does not pay its import
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(file=sys.stderr)
    columns = (
        TextColumn("审查报告"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("", total=len(files))

        def advance(done: int, total: int, source: str) -> None:
            progress.update(task, completed=done, description=source)

        return check_files(files, workers=jobs, on_progress=advance)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as stop:
        return int(stop.code or 0)
    files = expand_arguments(args.files)
    if not files:
        sys.stderr.write("fazhi check：所给文件夹中没有报告文件（.txt .md .docx .pdf）\n")
        return EXIT_UNREADABLE
    batch = _run_batch(files, args.jobs, args.quiet)
    results = batch.results
    if args.format == "json":
        payload = results[0] if len(results) == 1 else results
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "md":
        sys.stdout.write(render_markdown(results, batch.copies))
    elif args.format == "html":
        sys.stdout.write(render_html(results, batch.copies))
    else:
        sys.stdout.write(render_text(results, batch.copies, color=sys.stdout.isatty()))
    for result in batch.unreadable:
        sys.stderr.write(f"无法读取 {result['source']}：{result['error']}\n")
    if args.xlsx:
        from fazhi.checker.workbook import write_workbook

        try:
            write_workbook(args.xlsx, results, batch.copies)
        except OSError as error:
            sys.stderr.write(f"无法写入工作簿 {args.xlsx}：{error.strerror or error}\n")
            return EXIT_UNREADABLE
        sys.stderr.write(f"已写入县级汇总工作簿：{args.xlsx}\n")
    if batch.unreadable:
        return EXIT_UNREADABLE
    if any(f["severity"] == "error" for r in batch.reports for f in r["findings"]):
        return EXIT_FINDINGS
    return EXIT_OK
