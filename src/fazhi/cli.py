"""The `fazhi` command: one entry point for everything done without a browser.

Subcommands are the project's own Django management commands (found in fazhi.* apps), a few of
Django's, and pure-Python tools that need no database (the report checker). `fazhi manage ...`
reaches any other Django management command.
"""

import os
import sys

DJANGO_BUILTINS = {
    "migrate": "创建或升级数据库结构",
    "createsuperuser": "创建超级管理员账号",
    "changepassword": "修改用户密码",
    "collectstatic": "收集静态文件（生产部署用）",
}
# Name -> "module:function" taking argv and returning an exit code; these never touch Django.
PURE_COMMANDS = {
    "check": ("fazhi.checker.cli:main", "审查年度报告（.txt .md .docx .pdf），可批量"),
    "laws": ("fazhi.lawbook.cli:main", "查询法律法规库：法律法规或其中一条"),
}


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()


def _project_commands() -> dict[str, str]:
    """Our management commands and the Django ones we expose, with their help lines."""
    from django.core.management import get_commands, load_command_class

    listed = {}
    for name, app in get_commands().items():
        if app.startswith("fazhi."):
            listed[name] = load_command_class(app, name).help
    for name, help_text in DJANGO_BUILTINS.items():
        listed[name] = help_text
    return listed


def _print_help(commands: dict[str, str]) -> None:
    print("用法：fazhi <子命令> [参数]    （fazhi <子命令> --help 查看子命令说明）\n")
    print("子命令：")
    entries = {**commands, **{name: text for name, (_, text) in PURE_COMMANDS.items()}}
    entries["manage"] = "运行任意 Django 管理命令（fazhi manage help 列出全部）"
    for name in sorted(entries):
        print(f"  {name:<16} {entries[name]}")


def _run_pure(name: str, argv: list[str]) -> int:
    from importlib import import_module

    target = PURE_COMMANDS[name][0]
    module_name, function_name = target.split(":")
    return int(getattr(import_module(module_name), function_name)(argv) or 0)


SIGPIPE_EXIT = 141  # what a shell reports for a command ended by SIGPIPE (128 + 13)


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand; output cut short (`fazhi orgs | head`) ends quietly, not in a traceback."""
    try:
        code = _main(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return SIGPIPE_EXIT
    return code


def _silence_stdout() -> None:
    # Python flushes stdout again at exit: point it at /dev/null so that flush cannot fail.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # a stdout without a file descriptor (tests) has nothing left to flush


def _main(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PURE_COMMANDS:
        return _run_pure(argv[0], argv[1:])

    _setup_django()
    from django.core.management import ManagementUtility

    commands = _project_commands()
    if not argv or argv[0] in {"-h", "--help", "help"}:
        _print_help(commands)
        return 0
    name, rest = argv[0], argv[1:]
    # `fazhi move-to-postgres` is the move_to_postgres command: hyphens read better typed.
    if name not in commands and name.replace("-", "_") in commands:
        name = name.replace("-", "_")
    if name == "manage":
        ManagementUtility(["fazhi manage", *rest]).execute()
        return 0
    if name not in commands:
        print(f"未知的子命令：{name}。运行 fazhi --help 查看全部子命令。", file=sys.stderr)
        return 2
    ManagementUtility(["fazhi", name, *rest]).execute()
    return 0


if __name__ == "__main__":
    sys.exit(main())
