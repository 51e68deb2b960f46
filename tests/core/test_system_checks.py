"""Management commands (migrate, serve, …) run without system-check warnings on either
database, the database-dependent checks included."""

import pytest
from django.core import management

pytestmark = pytest.mark.django_db


def test_no_system_check_warnings(capsys):
    management.call_command("check", "--database", "default", "--fail-level", "WARNING")
    assert "System check identified no issues" in capsys.readouterr().out
