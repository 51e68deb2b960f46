"""/healthz: database reachable, migrations applied, media writable; 200 or 503, nothing else."""

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

ALL_OK = {"database": "ok", "migrations": "ok", "media": "ok"}
SECRET = "/srv/secret-path/fazhi.sqlite3"


def _get(client=None):
    response = (client or Client()).get("/healthz")
    return response, json.loads(response.content)


@pytest.mark.django_db
def test_healthy_site_answers_200_with_only_ok_per_check(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # not there yet: made on first use, as uploads do
    response, body = _get()
    assert response.status_code == 200
    assert body == {"status": "ok", "checks": ALL_OK}
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response  # no session, no CSRF cookie
    assert list((tmp_path / "media").iterdir()) == []  # the probe file is removed


@pytest.mark.django_db
def test_only_get_and_head():
    assert Client().post("/healthz").status_code == 405
    assert Client().head("/healthz").status_code == 200


@pytest.mark.django_db
def test_unreachable_database_is_503_without_the_reason():
    error = OperationalError(f"unable to open database file {SECRET}")
    with mock.patch("fazhi.core.health.connection.cursor", side_effect=error):
        response, body = _get()
    assert response.status_code == 503
    assert body["status"] == "failed"
    assert body["checks"]["database"] == "failed"
    assert body["checks"]["media"] == "ok"
    assert "secret" not in response.content.decode()


@pytest.mark.django_db
def test_unapplied_migration_is_503():
    pending = [(mock.Mock(name="0042_new_field"), False)]
    with mock.patch.object(MigrationExecutor, "migration_plan", return_value=pending):
        response, body = _get()
    assert response.status_code == 503
    assert body == {
        "status": "failed",
        "checks": {"database": "ok", "migrations": "failed", "media": "ok"},
    }


@pytest.mark.django_db
def test_media_folder_that_cannot_be_made_is_503(settings, tmp_path):
    # A regular file where the folder's parent should be: fails even for root.
    (tmp_path / "blocked").write_text("")
    settings.MEDIA_ROOT = tmp_path / "blocked" / "media"
    response, body = _get()
    assert response.status_code == 503
    assert body["checks"] == {"database": "ok", "migrations": "ok", "media": "failed"}
    assert "blocked" not in response.content.decode()


@pytest.mark.django_db
def test_read_only_media_folder_is_503(settings, tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    media.chmod(0o555)
    settings.MEDIA_ROOT = media
    try:
        # root ignores file modes, so the refusal a read-only mount gives is what the OS says.
        refusal = PermissionError(13, "Permission denied", str(media))
        with mock.patch("fazhi.core.health.tempfile.NamedTemporaryFile", side_effect=refusal):
            response, body = _get()
    finally:
        media.chmod(0o755)
    assert response.status_code == 503
    assert body["checks"]["media"] == "failed"
    assert str(tmp_path) not in response.content.decode()


@pytest.mark.django_db
def test_media_files_have_no_public_url(settings, tmp_path, django_user_model):
    """Attachments are served only through the permission-checked download view."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "attachments").mkdir()
    (tmp_path / "attachments" / "photo.jpg").write_bytes(b"PRIVATE-PHOTO")
    admin = django_user_model.objects.create_superuser("root", password="x-Long-pass-1")
    client = Client()
    client.force_login(admin)
    for url in ("/media/attachments/photo.jpg", "/attachments/photo.jpg"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"PRIVATE-PHOTO" not in response.content
    assert settings.MEDIA_URL in ("", "/")  # no public prefix for uploaded files


@pytest.mark.django_db
def test_static_files_are_served_by_the_app_with_debug_off(settings):
    assert settings.DEBUG is False
    response = Client().get("/static/fazhi/site.css")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)  # a real file, from WhiteNoise
