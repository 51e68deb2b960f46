"""The scheme services: validation (every error named, nothing saved), import into a new or an
unlocked scheme, copy from last year, edits while unlocked, lock."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.assessment import schemes
from fazhi.assessment.models import Assessment, Item, ItemScore, Scheme
from fazhi.assessment.scheme_io import YAML
from fazhi.audit.models import AdminAction
from fazhi.core import versions
from tests.assessment.scheme_docs import as_yaml, document, item, snapshot


def _import(world, data, actor="inspector", **kwargs):
    return schemes.scheme_import(world.users[actor], world.orgs["A"], as_yaml(data), YAML, **kwargs)


def test_import_creates_the_scheme_with_every_field(world):
    outcome = _import(world, document())
    scheme = outcome.scheme
    assert outcome.created and outcome.items_created == 6
    assert (scheme.county, scheme.year, scheme.total_points) == (world.orgs["A"], 2025, 10)
    assert scheme.grade_bands[0] == {"grade": "优秀", "min": 9}
    assert [c.name for c in scheme.categories.all()] == ["学法用法", "报送"]
    first = scheme.items.get(code="1.1")
    assert first.points == Decimal("1.5")
    assert first.params == {"target": 6, "per_missing": 0.3, "cap": 1.2}
    assert (first.indicator_code, first.source) == ("study.sessions", "S1 开江县 第6项")
    assert scheme.items.get(code="1.3").falsification_penalty == Decimal("0.5")
    assert scheme.categories.get(name="报送").floor_at_zero is True
    assert not scheme.locked and scheme.copied_from is None
    entry = AdminAction.objects.get(verb="assessment.scheme.import")
    assert entry.scope_name == "甲县" and "新增 6 项" in entry.summary


def test_importing_the_same_file_twice_gives_the_same_scheme(world):
    _import(world, document())
    before = snapshot(world.orgs["A"])
    again = _import(world, document())
    assert not again.created and not again.changed
    assert (again.items_unchanged, again.items_updated) == (6, 0)
    assert snapshot(world.orgs["A"]) == before
    assert AdminAction.objects.filter(verb="assessment.scheme.import").count() == 1


def test_reimport_updates_by_code_adds_and_removes(world):
    _import(world, document())
    kept_pk = Item.objects.get(code="1.1").pk
    data = document()
    item(data, "1.1")["title"] = "全年学法不少于8次"
    data["categories"][1]["items"] = [
        {**item(data, "2.1"), "points": 4},
        {"code": "2.9", "title": "迟交整改", "points": 0, "kind": "veto"},
    ]
    outcome = _import(world, data)
    assert (outcome.items_created, outcome.items_updated, outcome.items_removed) == (1, 2, 2)
    scheme = outcome.scheme
    assert sorted(scheme.items.values_list("code", flat=True)) == [
        "1.1",
        "1.2",
        "1.3",
        "2.1",
        "2.9",
    ]
    assert Item.objects.get(code="1.1").pk == kept_pk
    assert Item.objects.get(code="1.1").title == "全年学法不少于8次"


def _errors(world, data) -> list[str]:
    before = snapshot(world.orgs["A"])
    count = AdminAction.objects.count()
    with pytest.raises(schemes.SchemeInvalid) as raised:
        _import(world, data)
    assert snapshot(world.orgs["A"]) == before, "a refused import saved something"
    assert AdminAction.objects.count() == count
    return raised.value.errors_list


def _spoiled(change):
    data = document()
    change(data)
    return data


CASES = {
    "unknown indicator": (
        lambda d: item(d, "1.1").update(indicator="study.nonexistent"),
        "第 1 类第 1 项（1.1）：指标代码“study.nonexistent”不在指标目录中。",
    ),
    "unknown fact": (
        lambda d: item(d, "2.1").update(fact="report.teleported"),
        "第 2 类第 1 项（2.1）：事实“report.teleported”不存在",
    ),
    "threshold without indicator": (
        lambda d: item(d, "1.1").pop("indicator"),
        "第 1 类第 1 项（1.1）：计分方式“达标计分（≥N 次，每缺一次扣分）”须填写指标代码。",
    ),
    "late without fact": (
        lambda d: item(d, "2.1").pop("fact"),
        "第 2 类第 1 项（2.1）：计分方式“迟报漏报扣分”须填写事实",
    ),
    "yesno reading nothing": (
        lambda d: item(d, "1.3").pop("indicator"),
        "第 1 类第 3 项（1.3）：计分方式“是否计分（有/无）”须填写指标代码或事实之一。",
    ),
    "indicator and fact both": (
        lambda d: item(d, "1.3").update(fact="report.submission"),
        "第 1 类第 3 项（1.3）：一个项目只能读取一个指标或一个事实",
    ),
    "deduction cap above points": (
        lambda d: item(d, "2.2").update(params={"per_unit": 0.5, "cap": 3}),
        "第 2 类第 2 项（2.2）：参数“最多扣分”（3）超过本项分值 2 分。",
    ),
    "missing parameter": (
        lambda d: item(d, "1.1").update(params={"target": 6}),
        "第 1 类第 1 项（1.1）：缺少参数“每缺一次扣分”。",
    ),
    "unknown kind": (
        lambda d: item(d, "1.1").update(kind="lottery"),
        "第 1 类第 1 项（1.1）：计分方式“lottery”不存在",
    ),
    "items not adding up": (
        lambda d: item(d, "1.2").update(points=3),
        "第 1 类（学法用法）：各项分值之和为 6.5 分，与类别分值 6 分不符。",
    ),
    "categories not adding up": (
        lambda d: d.update(total_points=100),
        "各类别分值之和为 10 分，与细则总分 100 分不符。",
    ),
    "duplicate code": (
        lambda d: item(d, "1.2").update(code="1.1"),
        "第 1 类第 2 项（1.1）：编号“1.1”与第 1 类第 1 项重复。",
    ),
    "bands not descending": (
        lambda d: d["grade_bands"][2].update(min=8.5),
        "等次分数线第 3 档（合格）：等次应从高到低排列，最低分 8.5 应低于上一档的 8。",
    ),
    "falsification penalty above points": (
        lambda d: item(d, "1.3").update(falsification_penalty=5),
        "第 1 类第 3 项（1.3）：核查不实加扣（5）超过本项分值 2 分。",
    ),
    "no points": (
        lambda d: item(d, "1.2").update(points="两分"),
        "第 1 类第 2 项（1.2）：分值应为数字，而不是“两分”。",
    ),
    "bad year": (lambda d: d.update(year="明年"), "考核年度应为 2000 至 2100 之间的整数"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_bad_input_is_named_and_saves_nothing(world, case):
    change, expected = CASES[case]
    errors = _errors(world, _spoiled(change))
    assert any(message.startswith(expected) for message in errors), errors


def test_a_bad_reimport_leaves_the_scheme_as_it_was(world):
    _import(world, document())
    data = document()
    item(data, "1.1")["title"] = "改了"
    item(data, "2.2")["params"] = {"per_unit": 0.5, "cap": 9}
    _errors(world, data)
    assert Item.objects.get(code="1.1").title == "全年学法不少于6次"


def test_an_item_with_scores_cannot_be_removed_by_import(world):
    scheme = _import(world, document()).scheme
    assessment = Assessment.objects.create(scheme=scheme, organisation=world.orgs["A1"])
    ItemScore.objects.create(assessment=assessment, item=scheme.items.get(code="2.2"))
    data = document()
    data["categories"][1]["items"] = [item(data, "2.1"), {**item(data, "2.2"), "code": "2.4"}]
    errors = _errors(world, data)
    assert errors == ["项目 2.2 已有考核得分，不能删除；请在文件中保留该项目。"]


def test_only_the_countys_inspector_or_admin_manage(world):
    for role in ("clerk", "leader", "admin"):  # admin: the township's
        with pytest.raises(PermissionDenied):
            _import(world, document(), actor=role)
    assert not Scheme.objects.exists()
    _import(world, document(), actor="county_admin")
    with pytest.raises(PermissionDenied):
        schemes.scheme_import(world.users["inspector"], world.orgs["B"], as_yaml(document()), YAML)


def test_copy_makes_an_unlocked_scheme_for_the_new_year(world):
    source = _import(world, document(year=2024, title="甲县2024年度考核细则")).scheme
    schemes.scheme_lock(world.users["inspector"], source)
    copy = schemes.scheme_copy(world.users["county_admin"], source, 2025)
    assert (copy.year, copy.title, copy.copied_from) == (2025, "甲县2025年度考核细则", source)
    assert not copy.locked
    assert list(copy.items.values_list("code", "points", "params")) == list(
        source.items.values_list("code", "points", "params")
    )
    assert copy.items.get(code="1.1").pk != source.items.get(code="1.1").pk
    with pytest.raises(schemes.SchemeInvalid, match="已有考核细则"):
        schemes.scheme_copy(world.users["inspector"], source, 2025)
    assert AdminAction.objects.filter(verb="assessment.scheme.copy").count() == 1


def test_lock_refuses_edit_and_reimport(world):
    scheme = _import(world, document()).scheme
    inspector = world.users["inspector"]
    schemes.scheme_lock(inspector, scheme)
    scheme.refresh_from_db()
    assert scheme.locked and scheme.locked_by == inspector
    assert schemes.scheme_lock(inspector, scheme).locked_at == scheme.locked_at  # no-op
    assert AdminAction.objects.filter(verb="assessment.scheme.lock").count() == 1
    before = snapshot(world.orgs["A"])
    target = scheme.items.get(code="1.1")
    with pytest.raises(ValidationError, match="已锁定"):
        schemes.item_update(inspector, target, title="新", points=1.5, params=target.params)
    with pytest.raises(ValidationError, match="已锁定"):
        schemes.category_update(
            inspector, target.category, name="新", points=6, floor_at_zero=False
        )
    with pytest.raises(ValidationError, match="已锁定"):
        _import(world, document())
    assert snapshot(world.orgs["A"]) == before


def test_lock_refuses_a_scheme_whose_sums_are_apart(world):
    scheme = _import(world, document()).scheme
    target = scheme.items.get(code="1.1")
    schemes.item_update(
        world.users["inspector"], target, title=target.title, points=2, params=target.params
    )
    assert schemes.scheme_errors(scheme) == [
        "类别（学法用法）：各项分值之和为 6.5 分，与类别分值 6 分不符。"
    ]
    with pytest.raises(schemes.SchemeInvalid, match="不能锁定"):
        schemes.scheme_lock(world.users["inspector"], scheme)
    scheme.refresh_from_db()
    assert not scheme.locked


def test_item_update_checks_the_item_and_the_version(world):
    scheme = _import(world, document()).scheme
    inspector = world.users["inspector"]
    target = scheme.items.get(code="2.2")
    seen = versions.current_version(target)
    with pytest.raises(schemes.SchemeInvalid) as raised:
        schemes.item_update(
            inspector, target, title="逾期", points=1, params={"per_unit": 0.5, "cap": 2}
        )
    assert raised.value.errors_list == ["项目（2.2）：参数“最多扣分”（2）超过本项分值 1 分。"]
    schemes.item_update(
        inspector,
        target,
        title="逾期事项（每项）",
        points=2,
        params={"per_unit": "1", "cap": "2"},
        seen_version=seen,
    )
    target.refresh_from_db()
    assert (target.title, target.params) == ("逾期事项（每项）", {"per_unit": 1, "cap": 2})
    with pytest.raises(versions.StaleEdit):
        schemes.item_update(
            inspector, target, title="又改", points=2, params=target.params, seen_version=seen
        )
    assert AdminAction.objects.filter(verb="assessment.item.update").count() == 1
    with pytest.raises(PermissionDenied):
        schemes.item_update(world.users["clerk"], target, title="x", points=2, params=target.params)


def test_category_update(world):
    scheme = _import(world, document()).scheme
    category = scheme.categories.get(name="报送")
    with pytest.raises(schemes.SchemeInvalid, match="已有名为“学法用法”的类别"):
        schemes.category_update(
            world.users["inspector"], category, name="学法用法", points=4, floor_at_zero=True
        )
    schemes.category_update(
        world.users["inspector"], category, name="报送与期限", points=4, floor_at_zero=False
    )
    category.refresh_from_db()
    assert (category.name, category.floor_at_zero) == ("报送与期限", False)


def test_townships_see_their_countys_schemes_only(world):
    _import(world, document())
    schemes.scheme_import(None, world.orgs["B"], as_yaml(document(title="丙县细则")), YAML)
    visible = {
        role: sorted(s.county.name for s in schemes.visible_schemes(world.users[role]))
        for role in ("clerk", "leader", "reviewer", "admin", "inspector", "county_admin", "advisor")
    }
    assert visible == {
        "clerk": ["甲县"],
        "leader": ["甲县"],
        "reviewer": ["甲县"],
        "admin": ["甲县"],
        "inspector": ["甲县"],
        "county_admin": ["甲县"],
        "advisor": [],
    }


def test_create_from_a_document_refuses_a_second_one_for_the_year(world):
    document_ = schemes.read_document(as_yaml(document()), YAML)
    scheme = schemes.scheme_create(world.users["inspector"], world.orgs["A"], document_)
    assert scheme.items.count() == 6
    with pytest.raises(schemes.SchemeInvalid, match="甲县2025年度已有考核细则"):
        schemes.scheme_create(world.users["inspector"], world.orgs["A"], document_)
    assert AdminAction.objects.filter(verb="assessment.scheme.create").count() == 1
