"""Other places' names (issue 20, point 3): full names anywhere, short names in set phrases and
the villages of the other townships of the county; no alarm on the report's own places, its own
villages, everyday words or 中华人民共和国. Figures recorded in bench/RESULTS.md."""

from __future__ import annotations

import re

import pytest

from fazhi.checker import check_file, check_text
from fazhi.checker.places import load_gazetteer, villages_by_town
from tests.checker.conftest import CLEAN_REPORT
from tests.checker.place_corpus import FOREIGN, OWN_OR_COMMON

PENGBAO = CLEAN_REPORT.replace("青山镇2024", "原州区彭堡镇2024").replace("青山镇", "彭堡镇")


def flagged(text: str) -> set[str]:
    result = check_text(text)
    return {
        re.search(r"“([^”]+)”", finding["message"]).group(1)
        for finding in result["findings"]
        if finding["code"] == "foreign_place_name"
    }


def test_corpus_is_big_enough_and_real():
    assert len(FOREIGN) >= 30 and len(OWN_OR_COMMON) >= 30
    own = villages_by_town("原州区\t固原市")
    assert {"彭堡村", "撒门村", "杨忠堡村"} <= set(own["彭堡镇"])
    assert "张易村" in own["张易镇"] and "南屯村" in own["头营镇"]
    assert load_gazetteer().chains("彭堡镇") == [("原州区", "固原市", "宁夏回族自治区")]


@pytest.mark.parametrize(("sentence", "names"), FOREIGN)
def test_other_places_are_named(sentence, names):
    assert flagged(PENGBAO.replace("无。", sentence)) == names


@pytest.mark.parametrize("sentence", OWN_OR_COMMON)
def test_own_places_and_common_words_raise_nothing(sentence):
    assert flagged(PENGBAO.replace("无。", sentence)) == set()


def test_corpus_figures():
    """32 of 32 true cases found exactly, 0 of 33 false cases raised (bench/RESULTS.md)."""
    found = sum(flagged(PENGBAO.replace("无。", s)) == names for s, names in FOREIGN)
    false_alarms = sum(bool(flagged(PENGBAO.replace("无。", s))) for s in OWN_OR_COMMON)
    assert (found, len(FOREIGN)) == (32, 32)
    assert (false_alarms, len(OWN_OR_COMMON)) == (0, 33)


def test_message_names_the_town_of_a_village():
    result = check_text(PENGBAO.replace("无。", "张易村开展宪法宣传，张易村村民踊跃参加。"))
    (finding,) = [f for f in result["findings"] if f["code"] == "foreign_place_name"]
    assert "本县其他乡镇的村（社区）“张易村”（属张易镇）（共 2 处）" in finding["message"]
    assert finding["line"] == PENGBAO.split("\n").index("无。") + 1


def test_town_of_many_places_checks_villages_only_when_its_county_is_known():
    # 青山镇 exists in four counties: the report names none, so no county's villages are judged;
    # its title names 洮北区: that county's other townships' villages count.
    assert flagged(CLEAN_REPORT.replace("无。", "张易村开展宪法宣传。")) == set()
    titled = CLEAN_REPORT.replace("青山镇2024年度", "洮北区青山镇2024年度")
    assert flagged(titled.replace("无。", "敖宝村、八家子村开展宪法宣传。")) == {"敖宝村"}
    assert "张易村" not in flagged(
        CLEAN_REPORT.replace("无。", "洮北区大力推进。张易村开展宪法宣传。")
    )


def test_seeds_raise_no_foreign_place(seeds):
    for name in ("jincun_2021.txt", "dazhanglou_2023.txt", "pengbao_2021.txt"):
        result = check_file(seeds / name)
        assert "foreign_place_name" not in [f["code"] for f in result["findings"]], name


def test_seed_copied_under_another_town_names_the_original(seeds):
    """A real report handed in by another township of its county: every place of the original
    shows (大张楼镇 is in 嘉祥县, like 梁宝寺镇)."""
    text = (seeds / "dazhanglou_2023.txt").read_text(encoding="utf-8")
    head, body = text.split("\n\n2023年，", 1)
    copied = head.replace("大张楼镇", "梁宝寺镇") + "\n\n2023年，" + body
    result = check_text(copied)
    assert result["org"] == "梁宝寺镇"
    messages = [f["message"] for f in result["findings"] if f["code"] == "foreign_place_name"]
    assert len(messages) == 1 and "“大张楼镇”（共 6 处）" in messages[0]


def test_seed_copied_with_set_phrase_names_the_short_name(seeds):
    text = (seeds / "pengbao_2021.txt").read_text(encoding="utf-8").replace("彭堡镇", "头营镇")
    text = text.replace("扎实推进法治政府建设任务", "扎实推进法治彭堡建设任务")
    assert flagged(text) == {"彭堡"}
