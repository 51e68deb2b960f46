import os

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from fazhi.core.progress import progress
from fazhi.operations.archive import OperationsError
from fazhi.operations.restore import restore_archive


class Command(BaseCommand):
    help = "从 fazhi backup 生成的备份文件恢复（先校验整个文件，目标须为空，覆盖需 --force）"

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="不显示进度")
        parser.add_argument("archive", help="备份文件（.tar.gz）")
        parser.add_argument(
            "--force", action="store_true", help="目标已有数据时仍然覆盖（原附件移到旁边保留）"
        )

    def handle(self, *args, archive, force, quiet=False, **options):
        try:
            with progress("恢复", quiet=quiet) as bar:
                result = restore_archive(archive, force=force, on_progress=bar)
        except OperationsError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(
                f"无法访问数据库（{error}）。请检查 DATABASE_URL 和数据库服务。"
            ) from error
        lines = [
            f"恢复完成（备份时间 {result.manifest['created'][:19]}）：",
            f"  数据库：{len(result.tables)} 张表，共 {result.rows} 行（与备份清单一致）",
            f"  附件文件：{result.attachments} 个（SHA-256 均已校验）",
            f"  密钥：已写入 {result.secret_key_path}",
        ]
        if result.pending_migrations:
            lines.append(
                f"  备份来自较早的版本：还有 {result.pending_migrations} 项数据库升级，"
                "请运行 fazhi migrate 后再启动网站"
            )
        if os.environ.get("SECRET_KEY"):
            lines.append("  注意：环境变量 SECRET_KEY 已设置，网站会用它而不是恢复的密钥文件")
        if result.media_set_aside:
            lines.append(f"  原有附件已移到 {result.media_set_aside}，确认无误后可删除")
        if options["verbosity"] >= 2:
            lines += [f"    {table}: {rows}" for table, rows in sorted(result.tables.items())]
        self.stdout.write("\n".join(lines))
