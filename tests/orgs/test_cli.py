"""The `fazhi` console script, run as a person runs it: a separate process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

FAZHI = Path(sys.executable).with_name("fazhi")


def fazhi(*args, data_dir):
    env = {**os.environ, "FAZHI_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)  # the CLI's own SQLite file in data_dir
    env.pop("DJANGO_SETTINGS_MODULE", None)  # production settings, as installed
    return subprocess.run([str(FAZHI), *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-data")
    assert fazhi("migrate", "-v", "0", data_dir=path).returncode == 0
    assert fazhi("demo", "--quiet", data_dir=path).returncode == 0
    return path


def test_help_lists_every_subcommand_and_each_has_help(data_dir):
    result = fazhi("--help", data_dir=data_dir)
    assert result.returncode == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")]
    for expected in ("orgs", "demo", "serve", "migrate", "check", "manage"):
        assert expected in listed
    for name in listed:
        if name == "manage":
            continue
        sub = fazhi(name, "--help", data_dir=data_dir)
        assert sub.returncode == 0, (name, sub.stderr)
        assert "usage" in sub.stdout.lower() or "用法" in sub.stdout, name


def test_orgs_lists_code_level_name_parent(data_dir):
    result = fazhi("orgs", data_dir=data_dir)
    assert result.returncode == 0
    rows = [line.split("\t") for line in result.stdout.strip().splitlines()]
    assert rows[0] == ["code", "level", "name", "parent_code"]
    assert ["999901", "county", "示范县", "-"] in rows
    assert ["999901101", "township", "青山镇", "999901"] in rows
    assert len(rows) == 1 + 1 + 3 + 10


def test_unknown_subcommand_is_refused_in_chinese(data_dir):
    result = fazhi("nonsense", data_dir=data_dir)
    assert result.returncode == 2
    assert "未知的子命令" in result.stderr
