import sys
from contextlib import nullcontext
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fazhi.operations.pgmove import MoveError, move


class Command(BaseCommand):
    help = "把内置的 SQLite 数据库整体迁移到一个空的 PostgreSQL 数据库（全部成功或不做改动）。"

    def add_arguments(self, parser):
        parser.add_argument("url", help="目标数据库地址，如 postgres://用户:密码@主机:5432/库名")
        parser.add_argument(
            "--force",
            action="store_true",
            help="目标是上次迁移留下的 Fazhi 数据库时，用本机数据整个替换它",
        )
        parser.add_argument("--quiet", action="store_true", help="不显示进度和逐表行数")

    def handle(self, *args, url, force=False, quiet=False, **options):
        out = self.stdout
        if not quiet:
            out.write("迁移期间请停止 Fazhi 服务：迁移开始后写入本机数据库的内容不会带到新库。")
        progress = nullcontext() if quiet else _progress()
        with progress as bar:
            hooks = bar.hooks() if bar else {}
            try:
                result = move(url, force=force, **hooks)
            except MoveError as error:
                raise CommandError(str(error)) from error
        if not quiet:
            for table, (source, target) in result.counts.items():
                out.write(f"  {table:<48} {source:>10,} → {target:>10,}")
        out.write(
            self.style.SUCCESS(
                f"迁移完成：{len(result.counts)} 张表、{result.rows:,} 行全部复制并核对一致，"
                f"用时 {result.seconds:.0f} 秒。"
            )
        )
        out.write(
            f"附件仍是 {settings.MEDIA_ROOT} 下的文件，无需迁移；"
            f"数据库记录的 {result.files_checked:,} 个附件路径已逐一检查。"
        )
        if result.missing_files:
            shown = "、".join(result.missing_files[:5])
            out.write(
                self.style.WARNING(
                    f"注意：其中 {len(result.missing_files):,} 个文件在本机已不存在（如 {shown}），"
                    "迁移前就已缺失，请从备份中找回。"
                )
            )
        out.write(
            f"下一步：在服务的环境变量中设置 DATABASE_URL={_masked(url)}"
            "（密码照原样填写；FAZHI_DATA_DIR 保持不变，附件和密钥仍在那里），然后重启服务。"
        )


def _masked(url: str) -> str:
    """The URL as typed, its password replaced (the terminal may be logged or shared)."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":<密码>@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class _progress:
    """A rich progress bar fed by the move's hooks (rich is a dependency of the project)."""

    def __enter__(self):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            TextColumn("{task.description:<40}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=sys.stderr),
            transient=False,
        )
        self.progress.__enter__()
        self.task = self.progress.add_task("准备", total=None)
        return self

    def __exit__(self, *exc):
        return self.progress.__exit__(*exc)

    def hooks(self):
        return {
            "on_start": lambda total: self.progress.update(self.task, total=total),
            "on_table": lambda name: self.progress.update(self.task, description=name),
            "advance": lambda n: self.progress.advance(self.task, n),
        }
