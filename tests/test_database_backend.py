import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_suite_runs_on_the_database_it_was_asked_for():
    """scripts/run-tests.sh runs the suite twice; this proves each run used its database."""
    expected = os.environ.get("FAZHI_EXPECT_DB")
    if expected is None:
        pytest.skip("FAZHI_EXPECT_DB not set: run through `make test` to check the backend")
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1
