"""The checker over the API: a file in, the checker's "fazhi.check/1" JSON out, nothing kept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from fazhi.api import services
from tests.checker.conftest import seeds_dir
from tests.review.test_check_page import MADE_UP

pytestmark = pytest.mark.django_db


def _post(client, name, data):
    return client.post(reverse("api:checker"), {"report": SimpleUploadedFile(name, data)})


def test_a_sample_report_gets_exactly_the_checkers_result(client, world):
    from fazhi.checker import check_file

    sample = seeds_dir() / "jincun_2021.txt"
    token, key = services.token_create(user=world.users["inspector"], name="检查脚本", days=1)
    response = client.post(
        reverse("api:checker"),
        {"report": SimpleUploadedFile(sample.name, sample.read_bytes())},
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 200
    assert response.json() == check_file(sample)


def test_a_made_up_report_names_its_missing_part(client, world):
    client.force_login(world.users["clerk"])
    result = _post(client, "甲镇报告.txt", MADE_UP.encode("gb18030")).json()
    assert result["schema"] == "fazhi.check/1"
    assert result["parts"]["first_responsible"]["status"] == "missing"
    assert any(f["value"] == 3000 and f["approx"] for f in result["facts"])


def test_bad_files_get_a_chinese_400_on_the_field(client, world):
    client.force_login(world.users["clerk"])
    response = _post(client, "坏文件.docx", b"PK\x03\x04 not really a docx")
    assert response.status_code == 400 and list(response.json()) == ["report"]
    assert client.post(reverse("api:checker"), {}).status_code == 400
    with override_settings(FAZHI_UPLOAD_MAX_BYTES=10):
        response = _post(client, "长.txt", MADE_UP.encode())
    assert response.status_code == 400, response.json()
    assert "report" in response.json()


def test_anonymous_callers_are_asked_to_authenticate(client, world):
    assert _post(client, "a.txt", b"x").status_code == 401
