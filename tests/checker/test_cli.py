"""`fazhi check` through fazhi.checker.cli.main and `python -m fazhi.checker`."""

from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest

from fazhi.checker.cli import main
from tests.checker.conftest import CLEAN_REPORT
from tests.checker.pdfs import encrypted_pdf


@pytest.fixture
def files(tmp_path):
    clean = tmp_path / "qingshan_2024.txt"
    clean.write_text(CLEAN_REPORT, encoding="utf-8")
    broken = tmp_path / "hongqiao_2024.txt"
    broken.write_text(
        CLEAN_REPORT.replace("青山镇", "红桥镇")
        .replace("二、党政主要负责人履行推进法治建设第一责任人职责情况", "二、工作亮点")
        # nothing left that covers the duty inside part 1 either (issue 20: that is partial)
        .replace("，带头述法", ""),
        encoding="gb18030",
    )
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(encrypted_pdf())
    return {"clean": str(clean), "broken": str(broken), "secret": str(secret)}


def test_clean_report_exits_zero_with_chinese_summary(files, capsys):
    assert main([files["clean"]]) == 0
    out = capsys.readouterr().out
    assert "报告：qingshan_2024.txt（青山镇，2024 年度）" in out
    assert "主要举措和成效" in out and "问题：0 个" in out and "数据：共提取" in out


def test_error_finding_exits_one(files, capsys):
    assert main([files["broken"]]) == 1
    assert "缺少必备部分" in capsys.readouterr().out


def test_unreadable_file_exits_two_and_the_batch_goes_on(files, capsys):
    assert main([files["secret"], files["clean"], "--format", "json"]) == 2
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    assert [item["source"] for item in payload] == ["secret.pdf", "qingshan_2024.txt"]
    assert "加密" in payload[0]["error"] and payload[1]["year"] == 2024
    assert "无法读取 secret.pdf" in captured.err


def test_json_is_one_object_for_one_file(files, capsys):
    main([files["clean"], "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert isinstance(payload, dict) and payload["schema"] == "fazhi.check/1"


def test_markdown_and_html(files, capsys):
    main([files["clean"], files["broken"], "--format", "md"])
    markdown = capsys.readouterr().out
    assert markdown.startswith("# 法治政府建设年度报告审查结果") and "| 部分 | 状态 |" in markdown
    main([files["clean"], "--format", "html"])
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and "青山镇" in page and "http" not in page


def test_xlsx_county_workbook(files, tmp_path, capsys):
    out = tmp_path / "county.xlsx"
    assert main([files["clean"], files["broken"], files["secret"], "--xlsx", str(out)]) == 2
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames[:3] == ["报告", "数据", "问题"]
    rows = list(workbook["报告"].values)
    assert rows[0][:3] == ("文件", "单位", "年度") and "调解成功率（%）" in rows[0]
    assert [row[0] for row in rows[1:]] == ["qingshan_2024.txt", "hongqiao_2024.txt", "secret.pdf"]
    rate_column = rows[0].index("调解成功率（%）")
    assert rows[1][rate_column] == 96
    assert len(list(workbook["数据"].values)) > 10
    assert any(row[4] == "missing_part" for row in workbook["问题"].values)


def test_bad_arguments_exit_two_with_chinese_message(capsys):
    assert main([]) == 2
    assert "参数错误" in capsys.readouterr().err
    assert main(["x.txt", "--format", "xml"]) == 2
    assert main(["--help"]) == 0
    assert "用法：fazhi check" in capsys.readouterr().out


def test_python_dash_m_runs_the_same_cli(files):
    completed = subprocess.run(
        [sys.executable, "-m", "fazhi.checker", files["clean"], "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["org"] == "青山镇"


def test_a_folder_stands_for_the_reports_inside_it(files, tmp_path, capsys):
    (tmp_path / "notes.jpg").write_bytes(b"\xff\xd8")
    assert main([str(tmp_path), "--format", "json"]) == 2  # the encrypted PDF is in there
    sources = [item["source"] for item in json.loads(capsys.readouterr().out)]
    assert sources == ["hongqiao_2024.txt", "qingshan_2024.txt", "secret.pdf"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main([str(empty)]) == 2
    assert "没有报告文件" in capsys.readouterr().err
