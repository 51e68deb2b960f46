"""Size and decompression bombs given to the checker (`fazhi check` and check_bytes), outside
Django: refused with a Chinese message before any parsing, with memory growth under 50 MB."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from openpyxl import Workbook

from fazhi.checker import CheckerInputError, check_bytes, check_file
from fazhi.checker.cli import main
from fazhi.checker.limits import FileLimits, check_zip
from tests.bombs import MB, big_plain_file, docx_bomb, peak_memory_growth, xlsx_bomb
from tests.checker.conftest import CLEAN_REPORT

BUDGET = 50 * MB
UNPACKED = "文件解压后超过 100 MB 的上限"


def _blank_workbook() -> bytes:
    workbook = Workbook()
    workbook.active.append(["单位", "学习日期"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    # The tables every check loads once (place names, vocabulary) are not the bombs' doing.
    check_bytes(CLEAN_REPORT.encode(), "clean.txt")
    return {
        "docx": (docx_bomb(folder / "bomb.docx"), UNPACKED),
        "xlsx": (xlsx_bomb(folder / "bomb.xlsx", _blank_workbook()), UNPACKED),
        "plain": (big_plain_file(folder / "big.txt"), "文件过大（60 MB），超过 20 MB 的上限"),
    }


@pytest.mark.parametrize("name", ["docx", "xlsx", "plain"])
def test_fazhi_check_refuses_each_bomb_in_bounded_memory(bombs, name, capsys):
    path, refusal = bombs[name]
    with peak_memory_growth() as growth:
        code = main([str(path), "--format", "json"])
    assert growth.peak < BUDGET, str(growth)
    assert code == 2
    assert refusal in json.loads(capsys.readouterr().out)["error"]


@pytest.mark.parametrize("name", ["docx", "xlsx"])
def test_check_bytes_refuses_each_zip_bomb_in_bounded_memory(bombs, name):
    path, refusal = bombs[name]
    data = path.read_bytes()
    with peak_memory_growth() as growth, pytest.raises(CheckerInputError) as caught:
        check_bytes(data, path.name)
    assert growth.peak < BUDGET, str(growth)
    assert refusal in caught.value.message


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_too_many_members_are_refused():
    data = _zip({f"word/part{i}.xml": b"<a/>" for i in range(30)})
    with pytest.raises(CheckerInputError, match="内含 30 个部件，超过 20 个的上限"):
        check_zip(data, FileLimits(max_members=20))


def test_a_member_far_more_compressed_than_any_document_is_refused_under_the_size_limit():
    # 50 MB unpacked is within the 100 MB limit, but a thousandfold ratio is a bomb's.
    data = _zip({"word/document.xml": b" " * (50 * MB)})
    with pytest.raises(CheckerInputError, match="“word/document.xml”的压缩比为 \\d+ 倍"):
        check_zip(data)


def test_a_member_lying_about_its_size_is_stopped_while_unpacking():
    # The central directory says 1,000 bytes; the data unpacks to 30 MB.
    data = bytearray(_zip({"word/document.xml": b" " * (30 * MB)}))
    entry = data.index(b"PK\x01\x02")
    data[entry + 24 : entry + 28] = (1000).to_bytes(4, "little")
    with peak_memory_growth() as growth, pytest.raises(CheckerInputError, match="已损坏"):
        check_bytes(bytes(data), "lie.docx")
    assert growth.peak < BUDGET, str(growth)


def test_limits_can_be_passed_in(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("青山镇2024年度法治政府建设情况报告\n" * 100, encoding="utf-8")
    with pytest.raises(CheckerInputError, match="超过 1 KB 的上限"):
        check_file(path, FileLimits(max_bytes=1024))
    with pytest.raises(CheckerInputError, match="超过 1 KB 的上限"):
        check_bytes(path.read_bytes(), "report.txt", FileLimits(max_bytes=1024))


def test_an_ordinary_workbook_and_document_pass():
    check_zip(_blank_workbook())
    check_zip(_zip({"word/document.xml": "<w:document>正文</w:document>".encode() * 1000}))
