"""deploy/ agrees with the code: the commands and options the units run exist, nginx passes the
largest upload and the headers the proxy settings trust, and the paths agree across files."""

import configparser
import re
import shlex
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands, load_command_class

from fazhi.cli import _project_commands
from fazhi.core.management.commands import serve

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
NGINX = (DEPLOY / "nginx/fazhi.conf").read_text()
GUIDE = REPO / "docs/install.md"
FAZHI = "/opt/fazhi/venv/bin/fazhi"
ENV_FILE = "/etc/fazhi/fazhi.env"


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string((DEPLOY / name).read_text())
    return parser


def _env() -> dict[str, str]:
    """Every variable fazhi.env names, set or commented out."""
    found = {}
    for line in (DEPLOY / "fazhi.env").read_text().splitlines():
        match = re.fullmatch(r"#?([A-Z][A-Z0-9_]*)=(.*)", line.strip())
        if match:
            found[match.group(1)] = match.group(2)
    return found


def _exec_argv(unit: str) -> list[str]:
    command = _unit(unit)["Service"]["ExecStart"]
    env = _env()
    command = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], command)
    return shlex.split(command)


def _parse(argv: list[str]):
    """The options as the subcommand's own parser reads them (a CommandError if it would not)."""
    assert argv[0] == FAZHI
    name = argv[1]
    assert name in _project_commands(), f"fazhi has no subcommand {name}"
    command = load_command_class(get_commands()[name], name)
    return command.create_parser("fazhi", name).parse_args(argv[2:])


@pytest.mark.parametrize("unit", ["fazhi.service", "fazhi-digest.service", "fazhi-worker.service"])
def test_units_run_existing_commands_with_the_shared_settings(unit):
    _parse(_exec_argv(unit))
    service = _unit(unit)["Service"]
    assert service["EnvironmentFile"] == ENV_FILE
    assert service["User"] == "fazhi"
    assert service["ReadWritePaths"] == _env()["FAZHI_DATA_DIR"]


def test_server_unit_gives_the_checker_its_cache_folder():
    # ProtectHome/ProtectSystem leave no ~/.cache: the place-name index goes where systemd
    # makes the service a writable cache folder.
    service = _unit("fazhi.service")["Service"]
    assert f"/var/cache/{service['CacheDirectory']}" == _env()["FAZHI_CACHE_DIR"]


def test_server_unit_serves_on_loopback_and_restarts():
    options = _parse(_exec_argv("fazhi.service"))
    assert options.addrport == "127.0.0.1:8000" and not options.dev
    service = _unit("fazhi.service")["Service"]
    assert service["Restart"] == "on-failure"
    assert _unit("fazhi.service")["Install"]["WantedBy"] == "multi-user.target"


def test_digest_runs_the_deadline_list_daily():
    options = _parse(_exec_argv("fazhi-digest.service"))
    assert options.org == _env()["FAZHI_DIGEST_ORG"]
    assert options.digest  # everyone's notifications, and the e-mail digest where configured
    timer = _unit("fazhi-digest.timer")["Timer"]
    assert (DEPLOY / timer["Unit"]).exists()
    assert timer["OnCalendar"] == "*-*-* 07:30:00"
    assert timer["Persistent"] == "true"


def test_backup_runs_daily_into_its_own_folder_and_keeps_thirty_days():
    options = _parse(_exec_argv("fazhi-backup.service"))
    service = _unit("fazhi-backup.service")["Service"]
    folder = options.out
    assert folder == "/var/backups/fazhi"
    assert service["ReadWritePaths"].split() == [_env()["FAZHI_DATA_DIR"], folder]
    assert service["UMask"] == "0077"  # the archive holds the secret key and personal data
    assert (
        f"find {folder} -name fazhi-backup-*.tar.gz -mtime +30 -delete"
        in (service["ExecStartPost"])
    )
    timer = _unit("fazhi-backup.timer")["Timer"]
    assert timer["Unit"] == "fazhi-backup.service" and timer["Persistent"] == "true"


def test_environment_file_names_only_settings_the_code_reads():
    code = (REPO / "src/fazhi/settings.py").read_text() + Path(serve.__file__).read_text()
    code += (REPO / "src/fazhi/checker/places.py").read_text()  # the checker has no settings
    used_by_units = (DEPLOY / "fazhi-digest.service").read_text()
    for name in _env():
        assert f'"{name}"' in code or f"${{{name}}}" in used_by_units, name
    assert _env()["BEHIND_HTTPS_PROXY"] == "1"


def _nginx(directive: str) -> list[str]:
    return re.findall(rf"^[ \t]*{directive}[ \t]+([^;{{}}\n]+);", NGINX, re.MULTILINE)


def _bytes(size: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", size).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]


def test_nginx_passes_the_largest_upload():
    [limit] = _nginx("client_max_body_size")
    assert _bytes(limit) >= settings.FAZHI_UPLOAD_MAX_BYTES


def test_nginx_waits_at_least_as_long_as_the_server():
    for directive in ("proxy_read_timeout", "proxy_send_timeout"):
        [timeout] = _nginx(directive)
        assert int(timeout.rstrip("s")) >= serve.DEFAULT_TIMEOUT


def test_nginx_proxies_to_the_server_unit_with_the_trusted_headers():
    bind = _parse(_exec_argv("fazhi.service")).addrport
    assert _nginx("server") == [bind]  # the upstream is where fazhi.service listens
    assert "proxy_pass http://fazhi_app" in NGINX
    headers = dict(value.split(None, 1) for value in _nginx("proxy_set_header"))
    # settings.SECURE_PROXY_SSL_HEADER and the login throttle's client address read these.
    assert headers["X-Forwarded-Proto"] == "$scheme"
    assert headers["X-Forwarded-For"] == "$remote_addr"
    assert headers["Host"] == "$host"
    readme = (REPO / "README.md").read_text()
    row = next(line for line in readme.splitlines() if line.startswith("| `BEHIND_HTTPS_PROXY`"))
    assert "X-Forwarded-Proto" in row and "X-Forwarded-For" in row


def test_nginx_serves_tls_and_no_media():
    assert _nginx("ssl_certificate") == ["/etc/fazhi/tls/fazhi.crt"]
    assert _nginx("ssl_certificate_key") == ["/etc/fazhi/tls/fazhi.key"]
    assert "return 301 https://$host$request_uri" in NGINX
    assert re.search(r"location /media/ \{\s*return 404;", NGINX)
    assert "root " not in NGINX and "alias " not in NGINX  # nginx serves no folder itself


def test_admin_wrapper_uses_the_units_settings_and_user():
    script = (DEPLOY / "fazhi-admin").read_text()
    assert f". {ENV_FILE}" in script
    assert f"runuser -u fazhi -- {FAZHI}" in script


def test_install_guide_is_linked_and_its_commands_exist():
    guide = GUIDE.read_text()
    assert "docs/install.md" in (REPO / "README.md").read_text()
    for name in (
        "fazhi.service",
        "fazhi-digest.timer",
        "fazhi-backup.timer",
        "nginx/fazhi.conf",
        "fazhi.env",
    ):
        assert name in guide, name
    named = set(re.findall(r"fazhi-admin ([a-z][a-z-]*)", guide))
    assert {"migrate", "createsuperuser", "collectstatic", "backup"} <= named
    assert {"restore", "move-to-postgres"} <= named
    missing = named - set(_project_commands()) - {"move-to-postgres"}  # the cli's spelling
    assert "move_to_postgres" in _project_commands()
    assert missing == set(), f"the guide names subcommands fazhi does not have: {missing}"
