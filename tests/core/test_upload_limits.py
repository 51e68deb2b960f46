"""Size and decompression bombs posted to every upload page: the report checker, a ledger import
and an attachment. Each is refused with a Chinese message before anything parses it, nothing is
saved, and refusing it raises this process's memory by less than 50 MB."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, FakePayload, encode_multipart
from django.urls import reverse

from fazhi.core.uploads import SizeLimitedUploadHandler, read_upload
from fazhi.ledgers import excel
from fazhi.ledgers.models import Attachment, StoredFile
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from fazhi.study.models import StudySession
from tests.bombs import big_plain_file, docx_bomb, peak_memory_growth, xlsx_bomb
from tests.ledger_world import sample_values

KIND = get_kind("study-sessions")
BUDGET = 50 * 1024 * 1024
UNPACKED = "文件解压后超过 100 MB 的上限"
TOO_BIG = "文件过大（60 MB），超过 20 MB 的上限"


@pytest.fixture(scope="module")
def bombs(tmp_path_factory, django_db_setup, django_db_blocker) -> dict[str, tuple[Path, str]]:
    """name -> (file, the refusal it must get)."""
    folder = tmp_path_factory.mktemp("bombs")
    with django_db_blocker.unblock():
        template = excel.template_bytes(KIND)
    return {
        "docx": (docx_bomb(folder / "报告.docx"), UNPACKED),
        "xlsx": (xlsx_bomb(folder / "学法.xlsx", template), UNPACKED),
        "plain": (big_plain_file(folder / "报告.txt"), TOO_BIG),
    }


def post_measured(client, url: str, field: str, path: Path, **data):
    """POST `path` as a multipart upload. The request body is built before measuring, so the
    growth is the server's work alone (the test client holds the whole body in memory)."""
    with path.open("rb") as handle:
        body = encode_multipart(BOUNDARY, {**data, field: handle})
    payload = FakePayload(body)
    del body
    with peak_memory_growth() as growth:
        response = client.request(
            REQUEST_METHOD="POST",
            PATH_INFO=url,
            CONTENT_TYPE=MULTIPART_CONTENT,
            CONTENT_LENGTH=len(payload),
            **{"wsgi.input": payload},
        )
    assert growth.peak < BUDGET, f"{path.name}: {growth}"
    return response


NAMES = ["docx", "xlsx", "plain"]


@pytest.mark.parametrize("name", NAMES)
def test_the_report_checker_refuses_each_bomb(client, world, bombs, name):
    path, refusal = bombs[name]
    client.force_login(world.users["clerk"])
    response = post_measured(client, reverse("review:check"), "report", path)
    assert response.status_code == 200
    assert refusal in response.content.decode()
    assert "result" not in response.context


@pytest.mark.parametrize("name", NAMES)
def test_a_ledger_import_refuses_each_bomb_and_saves_nothing(client, world, bombs, name):
    path, refusal = bombs[name]
    client.force_login(world.users["clerk"])
    response = post_measured(client, reverse("ledgers:import", args=[KIND.slug]), "file", path)
    assert response.status_code == 200
    assert refusal in response.content.decode()
    assert not StudySession.objects.exists()


@pytest.mark.parametrize("name", NAMES)
def test_an_attachment_refuses_each_bomb_and_stores_nothing(client, world, bombs, name, settings):
    path, refusal = bombs[name]
    township = world.orgs["A1"]
    record = record_create(
        actor=None, kind=KIND, organisation=township, data=sample_values(KIND, township)
    )
    media = Path(settings.MEDIA_ROOT)
    files_before = sorted(media.rglob("*"))
    client.force_login(world.users["clerk"])
    url = reverse("ledgers:upload", args=[KIND.slug, record.pk])
    response = post_measured(client, url, "file", path, category="document")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "上传失败：" + refusal in page
    assert not Attachment.objects.filter(record_id=record.pk).exists()
    assert not StoredFile.objects.exists()
    assert sorted(media.rglob("*")) == files_before


def test_import_service_refuses_a_bomb_given_as_bytes(world, bombs):
    # A caller holding bytes (the bench, a script) meets the same guard inside the service.
    path, refusal = bombs["xlsx"]
    with peak_memory_growth() as growth, pytest.raises(ValidationError, match=refusal):
        excel.import_rows(actor=world.users["clerk"], kind=KIND, data=path.read_bytes())
    assert growth.peak < BUDGET, str(growth)
    assert not StudySession.objects.exists()


def test_the_limits_are_settings(settings, bombs):
    settings.FAZHI_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="文件过大（2 KB），超过 1 KB 的上限"):
        read_upload(SimpleUploadedFile("a.txt", b"x" * 2048))
    settings.FAZHI_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    settings.FAZHI_UPLOAD_MAX_MEMBERS = 3
    docx = bombs["docx"][0].read_bytes()
    with pytest.raises(ValidationError, match="个部件，超过 3 个的上限"):
        read_upload(SimpleUploadedFile("a.docx", docx))


def test_a_file_past_the_limit_is_not_kept_while_it_arrives(settings):
    settings.FAZHI_UPLOAD_MAX_BYTES = 1024 * 1024
    received = []

    class Keeper(FileUploadHandler):  # stands for Django's memory and temporary-file handlers
        def receive_data_chunk(self, raw_data, start):
            received.append(len(raw_data))
            return raw_data

        def file_complete(self, file_size):
            return None

    body = encode_multipart(BOUNDARY, {"file": SimpleUploadedFile("大.txt", b"x" * 3 * 1024**2)})
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": len(body)}
    handlers = [SizeLimitedUploadHandler(), Keeper()]
    _, files = MultiPartParser(meta, io.BytesIO(body), handlers).parse()
    assert sum(received) <= 1024 * 1024
    stand_in = files["file"]
    assert (stand_in.name, stand_in.size, stand_in.read()) == ("大.txt", 3 * 1024**2, b"")
    with pytest.raises(ValidationError, match="文件过大（3 MB），超过 1 MB 的上限"):
        read_upload(stand_in)
