"""Every model change has its migration: `makemigrations --check` finds nothing to write."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration(capsys):
    try:
        call_command("makemigrations", "--check", "--dry-run")
    except SystemExit:
        pytest.fail(f"models changed without a migration:\n{capsys.readouterr().out}")
