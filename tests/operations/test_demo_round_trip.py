"""The whole demo (every table, with history) plus uploaded files: backup, wipe, restore.

Committed data (a transactional test): the backup reads what another session would see.
"""

import hashlib
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.module_loading import import_string

from fazhi.ledgers.attachments import attachment_add
from fazhi.ledgers.models import Attachment
from fazhi.ledgers.registry import get_kind
from fazhi.operations.backup import create_backup
from fazhi.operations.database import live_counts, rows_in_use
from fazhi.operations.restore import restore_archive
from tests.ledger_world import png_bytes
from tests.operations.test_backup_restore import media_sums, requires_pg_tools, wipe


@pytest.mark.django_db(transaction=True)
def test_the_demo_with_uploaded_files_survives_backup_wipe_restore(settings, tmp_path):
    requires_pg_tools()
    settings.MEDIA_ROOT = str(tmp_path / "data" / "media")
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    for config in apps.get_app_configs():
        if getattr(config, "demo_loader", None):
            import_string(config.demo_loader)()
    kind = get_kind("study-sessions")
    for number, record in enumerate(kind.model.objects.order_by("pk")[:3]):
        photo = png_bytes(color=(number * 60, 90, 20), size=(32, 24))
        attachment_add(
            actor=None,
            kind=kind,
            record=record,
            uploaded=SimpleUploadedFile(f"学习照片{number}.png", photo),
            category="photo",
        )
    get_user_model().objects.create_superuser(username="root", password="Root-pass-2026")
    counts = live_counts()
    sums = media_sums(Path(settings.MEDIA_ROOT))
    assert len(sums) == 3 and counts["ledgers_attachment"] == 3
    assert sum(1 for rows in counts.values() if rows) > 60  # the demo fills most tables

    out, manifest = create_backup(tmp_path / "demo.tar.gz")
    assert manifest["tables"] == counts
    wipe(settings)
    assert rows_in_use() == {}
    restored = restore_archive(out)

    assert restored.tables == counts
    assert media_sums(Path(settings.MEDIA_ROOT)) == sums
    client = Client()
    client.force_login(get_user_model().objects.get(username="root"))
    for attachment in Attachment.objects.select_related("stored_file"):
        response = client.get(reverse("ledgers:attachment", args=[attachment.pk]))
        assert response.status_code == 200, attachment.name
        body = b"".join(response.streaming_content)
        assert hashlib.sha256(body).hexdigest() == attachment.stored_file.sha256
