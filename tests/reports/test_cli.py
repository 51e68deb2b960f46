"""fazhi report: the drafted report of a small world written as .docx, PDF and 数据底稿."""

import io
from pathlib import Path

import docx
import pdfplumber
import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from fazhi.reports.pdf import pdf_available
from tests.conftest import require
from tests.reports.helpers import YEAR, activity, meeting

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def township(world):
    township = world.orgs["A1"]
    for month in (3, 6, 9):
        meeting(township, month=month)
    meeting(township, year=YEAR - 1)
    activity(township, materials=1200)
    activity(world.orgs["A1V1"], materials=300)
    meeting(world.orgs["A2"])  # another township: never in A1's report
    return township


def test_listed_by_the_fazhi_command():
    from fazhi.cli import _project_commands

    assert "report" in _project_commands()


def test_writes_the_report_and_its_workpaper(township, tmp_path):
    target, sheet = tmp_path / "report.docx", tmp_path / "底稿.xlsx"
    out = _run(
        "--org", township.code, "--year", str(YEAR), "-o", str(target), "--workpaper", str(sheet)
    )
    assert f"已生成 Word：{target.resolve()}" in out
    assert f"已生成数据底稿（每个数字的来源记录）：{sheet.resolve()}" in out

    word = docx.Document(str(target))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == f"甲镇{YEAR}年度法治政府建设情况报告"
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert [h[:2] for h in headings] == ["一、", "二、", "三、", "四、", "五、"]
    body = "\n".join(texts)
    assert "领导小组会议3次" in body  # A1's three meetings of the year, not A2's
    assert "1500份" in body  # the township's and its village's materials

    rows = list(load_workbook(sheet)["数据底稿"].iter_rows(values_only=True))
    rows = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    figures = int(out.split("报告中的数字共 ")[1].split(" 处")[0])
    assert figures == len(rows) > 0
    meetings = [
        r
        for r in rows
        if r["指标代码"] == "governance.leading_group_meetings" and r["年度"] == YEAR
    ]
    assert meetings and all(r["记录数"] == 3 for r in meetings)


def test_default_file_name_in_the_current_directory(township, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = _run("--org", township.code, "--year", str(YEAR))
    expected = tmp_path / f"甲镇{YEAR}年度法治政府建设情况报告.docx"
    assert expected.exists() and str(expected.resolve()) in out


def test_pdf_next_to_the_word_file(township, tmp_path):
    require(pdf_available(), "LibreOffice (soffice) is not installed")
    target = tmp_path / "report.docx"
    out = _run("--org", township.code, "--year", str(YEAR), "-o", str(target), "--pdf")
    written = tmp_path / "report.pdf"
    assert f"已生成 PDF：{written.resolve()}" in out
    with pdfplumber.open(written) as pdf:
        assert len(pdf.pages) >= 1
        text = "".join((page.extract_text() or "") for page in pdf.pages).replace(" ", "")
    assert "五、其他需要报告的情况" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--org", "999999", "--year", "2024"], "没有统一代码为 999999 的单位"),
        (["--org", "100001", "--year", "2024"], "甲县是县（区），年度报告只为乡镇（街道）生成"),
        (["--org", "100001101201", "--year", "2024"], "甲一村是村（社区）"),
        (["--org", "100001101", "--year", "20x4"], "年度应为四位数字，如 2024"),
        (["--org", "100001101", "--year", "1999"], "报告年度应在 2000 至"),
        (["--org", "100001101", "--year", "2999"], "报告年度应在 2000 至"),
        (["--org", "100001101", "--year", "2024", "-o", "report.pdf"], "应以 .docx 结尾"),
        (["--org", "100001101", "--year", "2024", "-o", "/nonexistent/dir/r.docx"], "目录不存在"),
        (
            ["--org", "100001101", "--year", "2024", "--workpaper", "/nonexistent/x.xlsx"],
            "目录不存在",
        ),
    ],
)
def test_errors_in_chinese(world, args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError, match=message):
        _run(*args)
    assert list(Path(tmp_path).iterdir()) == []  # nothing written on a refused run


def test_pdf_refused_up_front_without_libreoffice(township, tmp_path, monkeypatch):
    monkeypatch.setattr("fazhi.reports.pdf.soffice_path", lambda: None)
    target = tmp_path / "report.docx"
    with pytest.raises(CommandError, match="未安装 LibreOffice"):
        _run("--org", township.code, "--year", str(YEAR), "-o", str(target), "--pdf")
    assert not target.exists()
