"""The move checks every file path the database names (attachments stay in MEDIA_ROOT)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from fazhi.ledgers.models import StoredFile
from fazhi.operations.pgmove import check_files, plan


@pytest.mark.django_db
def test_every_file_path_is_checked_and_the_missing_ones_named():
    present = default_storage.save("attachments/pgmove-present.txt", ContentFile(b"kept"))
    StoredFile.objects.create(sha256="a" * 64, size=4, content_type="text/plain", file=present)
    StoredFile.objects.create(
        sha256="b" * 64, size=4, content_type="text/plain", file="attachments/pgmove-gone.txt"
    )
    checked, missing = check_files("default")
    assert checked >= 2
    assert "attachments/pgmove-gone.txt" in missing
    assert present not in missing
    default_storage.delete(present)


def test_the_plan_covers_every_table_once_with_parents_first():
    tables = plan()
    names = [t.name for t in tables]
    assert len(names) == len(set(names))
    for expected in (
        "django_content_type",
        "auth_permission",
        "accounts_user",
        "orgs_organisation",
        "orgs_historicalorganisation",
        "django_session",
        "axes_accessattempt",
        "ledgers_storedfile",
        "accounts_user_groups",  # an auto-created many-to-many table
    ):
        assert expected in names, expected
    position = {name: i for i, name in enumerate(names)}
    assert position["django_content_type"] < position["auth_permission"]
    assert position["accounts_user"] < position["accounts_user_groups"]
