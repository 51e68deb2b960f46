"""`fazhi laws`: a law, an article, and clear Chinese messages when there is none."""

from __future__ import annotations

from fazhi.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["laws", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_law_by_short_name_prints_version_status_and_source_date(capsys):
    code, out, err = run(capsys, "行政处罚法")
    assert code == 0 and err == ""
    assert out.startswith("《中华人民共和国行政处罚法》")
    assert "状态：现行有效" in out
    assert "版本：2021-01-22 公布，2021-07-15 施行，共 86 条" in out
    assert "1996-03-17 第八届全国人民代表大会第四次会议通过" in out
    assert "数据日期 2025-04-19" in out


def test_article_in_chinese_or_arabic_numerals(capsys):
    code, out, _ = run(capsys, "行政处罚法", "第三十九条")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "《中华人民共和国行政处罚法》第三十九条"
    assert "2021-01-22 公布" in lines[1]
    assert lines[3].startswith("第三十九条　行政处罚的实施机关、立案依据")
    assert run(capsys, "《中华人民共和国行政处罚法》", "39")[1] == out
    assert run(capsys, "行政处罚法", "三十九")[1] == out


def test_repealed_law_names_its_replacement(capsys):
    code, out, _ = run(capsys, "信访条例")
    assert code == 0
    assert "状态：已废止（2022-05-01），由《信访工作条例》取代" in out


def test_hand_added_document_shows_its_source(capsys):
    code, out, _ = run(capsys, "法治政府建设实施纲要")
    assert code == 0
    assert "《法治政府建设实施纲要（2021—2025年）》" in out
    assert "规划期：2021—2025 年" in out
    assert "（人工补录）" in out


def test_unknown_law_suggests_close_names(capsys):
    code, out, err = run(capsys, "行政处罚")
    assert code == 1 and out == ""
    assert err.splitlines()[0] == "法律法规库中没有“行政处罚”。"
    assert "  行政处罚法" in err.splitlines()


def test_unknown_law_without_any_close_name(capsys):
    code, _, err = run(capsys, "乡村治理法")
    assert code == 1
    assert err == "法律法规库中没有“乡村治理法”。\n"


def test_article_out_of_range_and_bad_article(capsys):
    code, _, err = run(capsys, "行政处罚法", "第九十九条")
    assert code == 1
    assert err == "《中华人民共和国行政处罚法》只有 86 条，没有第九十九条。\n"
    code, _, err = run(capsys, "行政处罚法", "abc")
    assert code == 2 and "不是条文序号" in err


def test_document_without_texts_says_so(capsys):
    code, _, err = run(capsys, "法治政府建设与责任落实督察工作规定", "第一条")
    assert code == 1
    assert err == "法律法规库未收录《法治政府建设与责任落实督察工作规定》的条文。\n"
