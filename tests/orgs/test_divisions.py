import pytest

from fazhi.orgs import divisions


def test_search_finds_counties_by_name_province_and_code():
    found = divisions.search("越秀")
    assert [(c.code, c.full_name) for c in found] == [("440104", "广东省 广州市 越秀区")]
    assert {c.code for c in divisions.search("鼓楼区")} >= {"320106", "350102"}
    assert [c.code for c in divisions.search("福建 鼓楼")] == ["350102"]
    assert [c.name for c in divisions.search("310114")] == ["嘉定区"]
    assert divisions.search("  ") == []


def test_browse_province_city_county():
    assert "广东省" in divisions.provinces()
    assert "广州市" in divisions.cities("广东省")
    assert "越秀区" in [c.name for c in divisions.counties_in("广东省", "广州市")]
    # a municipality's districts sit under the municipality itself
    assert divisions.county("310114").full_name == "上海市 嘉定区"


def test_find_county_refuses_an_ambiguous_or_unknown_name():
    assert divisions.find_county("嘉定区").code == "310114"
    assert divisions.find_county("440104").name == "越秀区"
    with pytest.raises(LookupError, match="对应多个县（区）.*350102"):
        divisions.find_county("鼓楼区")
    with pytest.raises(LookupError, match="区划名录中没有"):
        divisions.find_county("不存在县")


def test_townships_and_villages_with_stable_derived_codes():
    towns = divisions.townships("230407")  # 黑龙江省 鹤岗市 兴山区: 4 townships, 8 villages
    assert len(towns) == 4
    assert sum(len(t.children) for t in towns) == 8
    for town in towns:
        assert town.code.startswith("230407-") and len(town.code) == 13
        for village in town.children:
            assert village.code.startswith(town.code + "-")
    codes = [t.code for t in towns] + [v.code for t in towns for v in t.children]
    assert len(set(codes)) == len(codes)
    # derived from the names only: the same on every read
    divisions.townships.cache_clear()
    assert [t.code for t in divisions.townships("230407")] == [t.code for t in towns]


def test_colliding_digests_are_lengthened():
    codes = divisions.derived_codes("X", ["甲", "乙"])
    assert codes["甲"] != codes["乙"]
    original = divisions._digest
    try:
        divisions._digest = lambda name, digits: (
            "0" * digits if digits < 8 else original(name, digits)
        )
        codes = divisions.derived_codes("X", ["甲", "乙"])
        assert all(len(code) == len("X-") + 8 for code in codes.values())
        assert codes["甲"] != codes["乙"]
    finally:
        divisions._digest = original
