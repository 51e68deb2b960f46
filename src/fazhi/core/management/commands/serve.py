from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "启动网站（默认 127.0.0.1:8000）。生产部署请使用 WSGI 服务器加载 fazhi.wsgi。"

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000", help="地址:端口")

    def handle(self, *args, addrport, **options):
        call_command("runserver", addrport, use_reloader=False)
