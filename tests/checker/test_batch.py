"""Batches on several processes, and passages copied between organisations."""

from __future__ import annotations

import jsonschema

from fazhi.checker import check_files, load_schema
from tests.checker.conftest import CLEAN_REPORT, OTHER_REPORT

SHARED = (
    "我镇坚持把矛盾纠纷排查化解作为维护社会稳定的基础性工作，建立镇、村、组三级排查网络，"
    "每月开展一次集中排查，对排查出的矛盾纠纷逐件登记、逐件化解，做到小事不出村、大事不出镇。"
)


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_batch_keeps_order_and_goes_on_after_bad_files(tmp_path):
    paths = []
    for index in range(10):
        if index % 4 == 1:
            paths.append(write(tmp_path, f"{index}.txt", ""))
        else:
            paths.append(write(tmp_path, f"{index}.txt", CLEAN_REPORT))
    seen = []
    batch = check_files(paths, workers=2, on_progress=lambda done, total, source: seen.append(done))
    assert [r["source"] for r in batch.results] == [f"{i}.txt" for i in range(10)]
    assert len(batch.unreadable) == 3 and all("空" in r["error"] for r in batch.unreadable)
    assert len(batch.reports) == 7 and seen == list(range(1, 11))


def test_shared_passage_between_different_towns_is_listed_with_both_locations(tmp_path):
    first = CLEAN_REPORT.replace("无。", SHARED.replace("我镇", "青山镇"))
    second = OTHER_REPORT.replace("执法队伍人手紧张", SHARED + "\n\n执法队伍人手紧张")
    third = CLEAN_REPORT.replace("无。", SHARED)  # same town as the first: not copying
    paths = [
        write(tmp_path, "qingshan.txt", first),
        write(tmp_path, "hongqiao.txt", second),
        write(tmp_path, "qingshan_copy.txt", third),
    ]
    batch = check_files(paths, workers=1)
    passages = [p for p in batch.copies if "排查" in p["a"]["text"]]
    assert passages, batch.copies
    pairs = {frozenset((p["a"]["source"], p["b"]["source"])) for p in passages}
    assert frozenset(("qingshan.txt", "qingshan_copy.txt")) not in pairs
    assert frozenset(("qingshan.txt", "hongqiao.txt")) in pairs
    passage = next(p for p in passages if p["b"]["source"] == "hongqiao.txt")
    assert passage["chars"] >= 50
    assert (passage["a"]["line"], passage["b"]["line"]) == (27, 13)
    # The JSON of each report carries its shared passages, valid under the schema.
    hongqiao = batch.results[1]
    assert hongqiao["shared_passages"][0]["other"]["source"] == "qingshan.txt"
    assert hongqiao["shared_passages"][0]["line"] == 13
    for result in batch.results:
        jsonschema.validate(result, load_schema())


def test_unrelated_reports_share_nothing(tmp_path):
    batch = check_files(
        [write(tmp_path, "a.txt", CLEAN_REPORT), write(tmp_path, "b.txt", OTHER_REPORT)], workers=1
    )
    assert batch.copies == []


def test_phrasing_common_to_most_towns_is_not_reported_as_copying(tmp_path):
    towns = ["青山镇", "红桥镇", "马集镇", "纸坊镇", "疃里镇", "梁宝寺镇"]
    paths = [
        write(tmp_path, f"{index}.txt", CLEAN_REPORT.replace("青山镇", town))
        for index, town in enumerate(towns)
    ]
    batch = check_files(paths, workers=1)
    assert [r["org"] for r in batch.results] == towns
    assert batch.copies == []
