"""Input formats (encodings, .docx, .pdf) and each bad input: a Chinese message, never a crash."""

from __future__ import annotations

import io
import random
import time
import zipfile

import docx
import pytest

from fazhi.checker import CheckerInputError, check_bytes, check_file
from fazhi.checker.limits import DEFAULT_LIMITS
from tests.checker.conftest import CLEAN_REPORT
from tests.checker.pdfs import encrypted_pdf, image_only_pdf, text_pdf


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def expect_input_error(data: bytes, name: str) -> CheckerInputError:
    with pytest.raises(CheckerInputError) as caught:
        check_bytes(data, name)
    assert has_chinese(caught.value.message)
    assert caught.value.source == name
    return caught.value


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_text_encodings_are_detected(encoding):
    expected = check_bytes(CLEAN_REPORT.encode("utf-8"), "a.txt")
    result = check_bytes(CLEAN_REPORT.encode(encoding), "a.txt")
    assert result["title"] == "青山镇2024年度法治政府建设情况报告"
    assert result["facts"] == expected["facts"]
    assert result["parts"] == expected["parts"]


def test_markdown_file_and_windows_line_endings():
    data = ("# " + CLEAN_REPORT).replace("\n", "\r\n").encode("utf-8")
    result = check_bytes(data, "report.md")
    assert result["parts"]["plans"]["status"] == "present"
    assert result["parts"]["plans"]["line"] == 21


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None, at: int = 0) -> bytes:
    document = docx.Document()
    for index, text in enumerate(paragraphs):
        document.add_paragraph(text)
        if table and index == at:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_in_order():
    lines = [line for line in CLEAN_REPORT.split("\n") if line]
    table = [["项目", "数量"], ["法律顾问进村服务", "130次"]]
    at = lines.index("（三）化解矛盾纠纷。共调解矛盾纠纷50起，调解成功48起，调解成功率为96%。")
    result = check_bytes(make_docx(lines, table, at), "report.docx")
    assert result["parts"]["first_responsible"]["status"] == "present"
    assert result["signed_on"] == "2025-02-10"
    values = [(fact["value"], fact["unit"]) for fact in result["facts"]]
    assert (130, "次") in values
    assert values.index((130, "次")) == values.index((96, "%")) + 1


def test_pdf_text_layer_across_pages():
    lines = [line for line in CLEAN_REPORT.split("\n") if line]
    data = text_pdf([lines[:8], lines[8:]])
    result = check_bytes(data, "report.pdf")
    assert result["title"] == "青山镇2024年度法治政府建设情况报告"
    assert all(result["parts"][c]["status"] == "present" for c in result["parts"])
    assert (3000, "份") in [(f["value"], f["unit"]) for f in result["facts"]]


def test_phrase_doubled_across_pdf_page_break_is_a_conversion_artifact():
    pages = [
        ["青山镇2024年度法治政府建设情况报告", "一、主要举措和成效",
         "我镇高度重视基层矛盾纠纷排查化解工作，进一步加强人民调解"],
        ["人民调解队伍建设，全年调解纠纷50起。", "二、存在的不足和原因", "宣传不够。"],
    ]  # fmt: skip
    result = check_bytes(text_pdf(pages), "report.pdf")
    messages = [f["message"] for f in result["findings"] if f["code"] == "conversion_artifact"]
    assert any("人民调解" in message for message in messages)


def test_empty_file():
    assert "空" in expect_input_error(b"", "empty.txt").message
    assert "没有文字" in expect_input_error(b"  \n\r\n\t ", "blank.txt").message


def test_binary_junk():
    junk = random.Random(3).randbytes(50_000)
    expect_input_error(junk, "junk.txt")
    expect_input_error(b"\x00\x01\x02garbage" * 100, "junk.bin")


def test_fuzzed_bytes_never_raise_anything_else():
    rng = random.Random(7)
    seeds = [b"", b"PK\x03\x04", b"%PDF-1.4", CLEAN_REPORT.encode("utf-8")]
    for round_ in range(60):
        prefix = seeds[round_ % len(seeds)]
        data = prefix + rng.randbytes(rng.randint(0, 3000))
        try:
            check_bytes(data, rng.choice(["a.txt", "a.docx", "a.pdf", "a"]))
        except CheckerInputError as error:
            assert has_chinese(error.message)


def test_corrupt_docx():
    good = make_docx(["一、主要举措和成效", "开展宣传12次。"])
    expect_input_error(good[: len(good) // 2], "truncated.docx")
    expect_input_error(b"this is not a word file", "fake.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><broken")
    expect_input_error(buffer.getvalue(), "broken-xml.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("something.txt", "hello")
    expect_input_error(buffer.getvalue(), "no-document.docx")


def test_encrypted_pdf():
    assert "加密" in expect_input_error(encrypted_pdf(), "secret.pdf").message


def test_image_only_pdf_without_text_layer():
    assert "文字层" in expect_input_error(image_only_pdf(), "scan.pdf").message


def test_corrupt_pdf():
    data = text_pdf([["青山镇2024年度法治政府建设情况报告"]])
    expect_input_error(data[:60], "cut.pdf")
    expect_input_error(b"not a pdf at all", "fake.pdf")


def test_a_file_over_twenty_megabytes_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.txt"
    line = "全年开展普法宣传活动40余次，发放宣传资料3000余份。\n".encode()
    with path.open("wb") as handle:
        for _ in range(21 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert path.stat().st_size > DEFAULT_LIMITS.max_bytes
    started = time.monotonic()
    with pytest.raises(CheckerInputError) as caught:
        check_file(path)
    assert "过大" in caught.value.message
    with pytest.raises(CheckerInputError):
        check_bytes(path.read_bytes(), "huge.txt")
    assert time.monotonic() - started < 10  # a bound on hanging, not a speed test


def test_long_text_under_the_size_limit_is_bounded():
    text = ("全年开展普法宣传活动40余次。" * 60_000).encode("utf-8")  # ~2.5 MB of text
    assert len(text) < DEFAULT_LIMITS.max_bytes
    expect_input_error(text, "long.txt")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(CheckerInputError):
        check_file(tmp_path / "nope.txt")
    with pytest.raises(CheckerInputError):
        check_file(tmp_path)


def test_old_doc_format_is_explained():
    message = expect_input_error(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.doc"
    ).message
    assert ".docx" in message


def test_docx_heading_styles_count_as_headings_without_typed_numbers():
    document = docx.Document()
    document.add_paragraph("青山镇2024年度法治政府建设情况报告", style="Title")
    for heading, body in [
        ("工作举措", "全年开展普法宣传活动40余次，发放宣传资料3000余份。"),
        ("领导干部履职", "镇党委书记履行第一责任人职责，主持专题会议4次。"),
        ("短板弱项", "干部法治意识有待增强。"),
        ("来年打算", "继续加强法治宣传。"),
    ]:
        document.add_paragraph(heading, style="Heading 1")
        document.add_paragraph(body)
    buffer = io.BytesIO()
    document.save(buffer)
    result = check_bytes(buffer.getvalue(), "styled.docx")
    assert result["title"] == "青山镇2024年度法治政府建设情况报告"
    assert result["parts"]["measures"]["heading"] == "工作举措"
    assert result["parts"]["shortcomings"]["status"] == "present"


def test_report_in_traditional_characters_is_read_as_simplified():
    traditional = (
        CLEAN_REPORT.replace("青山镇", "青山鎮")
        .replace("法治政府建设", "法治政府建設")
        .replace("主要举措和成效", "主要舉措和成效")
        .replace("存在的不足和原因", "存在的不足和原因")
        .replace("发放宣传资料3000余份", "發放宣傳資料3000餘份")
        .replace("党政主要负责人", "黨政主要負責人")
        .replace("报告", "報告")
        .replace("推进", "推進")
    )
    result = check_bytes(traditional.encode("utf-8"), "traditional.txt")
    assert result["org"] == "青山镇"
    # read as simplified, quoted as written (issue 20)
    assert result["title"] == "青山鎮2024年度法治政府建設情况報告"
    assert "traditional_script" in [f["code"] for f in result["findings"]]
    assert (3000, "份", True) in [(f["value"], f["unit"], f["approx"]) for f in result["facts"]]
    assert all(result["parts"][code]["status"] == "present" for code in result["parts"])


def test_simplified_report_is_not_converted():
    text = CLEAN_REPORT.replace("无。", "著名的乾隆年间遗址，於是开展宣传。")
    result = check_bytes(text.encode("utf-8"), "simplified.txt")
    assert "traditional_script" not in [f["code"] for f in result["findings"]]


def test_pdf_footer_page_numbers_are_not_reported_as_debris():
    pages = [
        ["青山镇2024年度法治政府建设情况报告", "一、主要举措和成效", "开展宣传12次。", "— 1 —"],
        ["二、存在的不足和原因", "宣传不够。", "— 2 —"],
    ]
    result = check_bytes(text_pdf(pages), "report.pdf")
    assert "conversion_artifact" not in [f["code"] for f in result["findings"]]
    text = "\n".join(line for page in pages for line in page)
    result = check_bytes(text.encode("utf-8"), "report.txt")
    assert "conversion_artifact" in [f["code"] for f in result["findings"]]


def test_markdown_table_cells_are_separate_clauses():
    text = CLEAN_REPORT.replace("无。", "| 项目 | 数量 |\n|---|---|\n| 法律顾问进村 | 130次 |")
    result = check_bytes(text.encode("utf-8"), "report.md")
    fact = next(f for f in result["facts"] if f["value"] == 130)
    assert fact["text"] == "130次" and fact["line"] == 29
    assert fact["indicator"] == "legal_services.advisor_services"


def test_pdf_with_a_space_between_every_character_is_read():
    lines = [line for line in CLEAN_REPORT.split("\n") if line]
    spaced = [" ".join(line) for line in lines]
    result = check_bytes(text_pdf([spaced]), "spaced.pdf")
    assert result["title"] == "青山镇2024年度法治政府建设情况报告"
    assert result["parts"]["first_responsible"]["status"] == "present"
    facts = [(f["value"], f["unit"], f["indicator"]) for f in result["facts"]]
    assert (3000, "份", "publicity.materials") in facts
