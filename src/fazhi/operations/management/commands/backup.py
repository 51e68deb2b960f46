from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from fazhi.core.progress import progress
from fazhi.operations.archive import OperationsError
from fazhi.operations.backup import create_backup


class Command(BaseCommand):
    help = "备份数据库、全部附件和密钥到一个归档文件（.tar.gz，含校验清单）"

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="不显示进度")
        parser.add_argument(
            "out", help="备份文件路径；给一个文件夹则在其中按日期时间命名（如每日定时备份）"
        )

    def handle(self, *args, out, quiet=False, **options):
        try:
            with progress("备份", quiet=quiet) as bar:
                path, manifest = create_backup(out, on_progress=bar)
        except OperationsError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(
                f"无法访问数据库（{error}）。请检查 DATABASE_URL 和数据库服务。"
            ) from error
        tables = manifest["tables"]
        self.stdout.write(
            f"备份完成：{path}\n"
            f"  数据库（{manifest['engine']}）：{len(tables)} 张表，共 {sum(tables.values())} 行\n"
            f"  附件文件：{manifest['attachments']} 个\n"
            f"  密钥：已包含\n"
            "这个文件含有密钥和个人信息，请存放在安全的地方（只有管理员能读）。"
        )
