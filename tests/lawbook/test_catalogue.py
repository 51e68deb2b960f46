"""The shipped law catalogue: what it holds, how fast its names load, and that it is what
fazhi.lawbook.build makes from the LawRefBook/Laws mirror."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import fazhi.lawbook as lawbook
from fazhi.lawbook import build
from fazhi.lawbook.additions import ADDED
from fazhi.lawbook.names import article_label, article_number, chinese_integer, normalise
from tests.conftest import in_ci

MIRROR = Path(os.environ.get("FAZHI_LAWS_MIRROR", "/work/.mirror/LawRefBook+Laws/repo"))
MAX_SHIPPED_BYTES = 10 * 1024 * 1024
PARTY = "党内法规和规范性文件"


def test_shipped_data_stays_small():
    sizes = {path.name: path.stat().st_size for path in lawbook.DATA_DIR.iterdir()}
    assert set(sizes) == {"index.jsonl", "names.json", "texts.bin"}
    assert sum(sizes.values()) < MAX_SHIPPED_BYTES
    assert sizes["names.json"] < 400_000  # what the checker reads


@pytest.mark.parametrize(
    ("title", "name", "level"),
    [
        ("《中华人民共和国行政处罚法》", "行政处罚法", "法律"),
        ("行政处罚法", "行政处罚法", "法律"),
        ("保密法", "保守国家秘密法", "法律"),
        ("民法典", "民法典", "法律"),
        ("宪法", "宪法", "宪法"),
        ("重大行政决策程序暂行条例", "重大行政决策程序暂行条例", "行政法规"),
        ("信访工作条例", "信访工作条例", "行政法规"),
        ("最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释",
         "最高人民法院关于适用《行政诉讼法》的解释", "司法解释"),
        ("法治政府建设实施纲要（2015-2020年）", "法治政府建设实施纲要（2015—2020年）", PARTY),
        ("法治政府建设实施纲要", "法治政府建设实施纲要（2021—2025年）", PARTY),
        ("“八五”普法规划",
         "中央宣传部、司法部关于开展法治宣传教育的第八个五年规划（2021—2025年）", PARTY),
    ],
)  # fmt: skip
def test_find_by_full_short_and_customary_names(title, name, level):
    ref = lawbook.find(title)
    assert ref is not None and ref.name == name and ref.level == level


def test_unknown_title_is_none():
    assert lawbook.find("中华人民共和国乡村治理法") is None
    assert lawbook.entry("不存在的条例") is None


def test_status_repeal_and_replacement():
    petition = lawbook.find("信访条例")
    assert (petition.status, petition.repealed_on, petition.replaced_by) == (
        "repealed",
        "2022-05-01",
        "信访工作条例",
    )
    contract = lawbook.find("中华人民共和国合同法")
    assert (contract.status, contract.replaced_by) == ("repealed", "民法典")
    assert lawbook.find("行政处罚法").status == "in_force"


def test_editions_and_article_counts_by_year():
    review = lawbook.find("行政复议法")
    assert [e[0] for e in review.editions] == ["2017-09-01", "2023-09-01"]
    assert review.articles_in(2020) == 43
    assert review.articles_in(2024) == 90
    assert review.articles_in(None) == 90
    assert lawbook.find("民法典").articles_in(2024) == 1260


def test_full_entry_with_events_and_article_text():
    record = lawbook.entry("行政处罚法")
    assert record["full"] == "中华人民共和国行政处罚法"
    assert record["category"] == "行政法"
    events = record["editions"][-1]["events"]
    assert events[0] == ["1996-03-17", "第八届全国人民代表大会第四次会议通过"]
    assert events[-1][0] == "2021-01-22"
    label, text = lawbook.article(record, 39)
    assert label == "第三十九条" and text.startswith("行政处罚的实施机关")
    assert lawbook.article(record, 87) is None
    assert len(lawbook.articles(record)) == 86


def test_every_hand_added_document_has_a_source_and_is_found():
    for item in ADDED:
        ref = lawbook.find(item["name"])
        assert ref is not None, item["name"]
        assert lawbook.entry(ref)["source"] == item["source"]
        assert item["source"].strip()
    for name in [
        "法治政府建设实施纲要（2015—2020年）",
        "法治政府建设实施纲要（2021—2025年）",
        "法治政府建设与责任落实督察工作规定",
        "党政主要负责人履行推进法治建设第一责任人职责规定",
        "中央宣传部、司法部关于开展法治宣传教育的第八个五年规划（2021—2025年）",
    ]:
        assert lawbook.entry(name)["added_by_hand"] is True, name


def test_names_and_numbers():
    assert normalise("《中华人民共和国 行政处罚法》") == "行政处罚法"
    assert normalise("纲要（2015—2020年）") == normalise("纲要(2015-2020)")
    assert [chinese_integer(t) for t in ("十", "十一", "一百零一", "一千二百六十", "39")] == [
        10,
        11,
        101,
        1260,
        39,
    ]
    assert article_number("第三十九条之一") == 39
    for number in (1, 10, 15, 20, 100, 101, 110, 999, 1000, 1010, 1260):
        assert article_number(article_label(number)) == number


def test_names_load_in_a_few_milliseconds():
    script = (
        "import time, fazhi.lawbook as lb\n"
        "t = time.perf_counter(); lb.find('行政处罚法')\n"
        "print(time.perf_counter() - t)\n"
    )
    best = min(
        float(
            subprocess.run(
                [sys.executable, "-c", script], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    )
    assert best < 0.02


def test_shipped_names_file_is_derived_from_the_shipped_index():
    header, *lines = (lawbook.DATA_DIR / "index.jsonl").read_text(encoding="utf-8").splitlines()
    header = json.loads(header)
    laws = [json.loads(line) for line in lines]
    assert header["count"] == len(laws) > 1000
    names = build._compact(laws, header["commit"], header["as_of"])
    assert names == (lawbook.DATA_DIR / "names.json").read_text(encoding="utf-8")


def test_shipped_data_is_what_the_script_builds_from_the_mirror(tmp_path):
    if not (MIRROR / "HEAD").exists() and not (MIRROR / ".git").exists():
        if in_ci():
            return  # CI has no mirror; the data is shipped, and checked above against itself
        pytest.skip(f"no LawRefBook/Laws mirror at {MIRROR}")
    started = time.perf_counter()
    build.build(MIRROR, tmp_path)
    for name in ("index.jsonl", "names.json", "texts.bin"):
        assert (tmp_path / name).read_bytes() == (lawbook.DATA_DIR / name).read_bytes(), name
    assert time.perf_counter() - started < 120
