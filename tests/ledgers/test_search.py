"""The search index (fazhi.ledgers.search) finds exactly what the substring search it replaced
found — 1-, 2-, 3+-character, Latin, digit and mixed queries, personal fields searched only
where they may be seen — and stays in step with every write: services, imports, bulk inserts,
updates, archiving and deletes. Runs on SQLite (FTS5 + triggers) and PostgreSQL (GIN)."""

import importlib
from datetime import date

import pytest
from django.db import connection
from django.db.models import Q
from django.urls import reverse

from fazhi.ledgers import excel, search
from fazhi.ledgers.personal import search_condition
from fazhi.ledgers.registry import all_kinds, get_kind
from fazhi.ledgers.services import record_archive, record_create, record_update
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import scope_queryset
from tests.ledgers.helpers import workbook_with_rows

COMPLAINTS = get_kind("complaints")
ACTIVITIES = get_kind("publicity-activities")

# (complainant — personal, matter, reply)
CORPUS = [
    ("张三", "宪法宣传活动现场噪音扰民", "已答复：依据《噪声污染防治法》处理"),
    ("李四", "劳动合同纠纷未处理", "转交劳动监察中队"),
    ("王五", "合同", ""),
    ("欧阳明华", "道路施工 ABC-123 标段扬尘", "已责令整改，回访满意"),
    ("赵六", "abc-123 夜市噪音", "12345 热线转办"),
    ("钱七", "法", "法律援助中心已接待"),
    ("孙八", "100% 退款_未办理", "办理中"),
    ("周九", "宪 法", "（空格分开的两个字）"),
    ("吴十", "宪法宪法宪法", "重复三次"),
    ("郑十一", "Mixed 中英 text 混合 2025年", "OK"),
]
QUERIES = [
    "法",  # one character
    "宪法",  # two characters, many records
    "合同",
    "宪法宣传",  # four characters
    "噪声污染防治法",
    "abc",  # Latin, case-insensitive against ABC
    "ABC-123",
    "123",  # digits
    "12345",
    "中英 text",  # mixed, with a space
    "2025年",
    "100%",  # LIKE's wildcards are literal
    "_未",
    "宪 法",
    "欧阳",  # personal: only where it may be seen
    "张三",
    "不存在的词",
    "z",
    "法法",  # bigram present only across a field boundary, never in a field
    "宪法宪法宪法",  # repeated grams (two distinct among five)
    "宪法宣传活动现场噪音扰民",  # many grams
]


def old_condition(kind, user, text: str) -> Q:
    """The substring search as it was before the index (issue 21)."""
    condition = Q()
    personal = [name for name in kind.search_fields if name in kind.personal_fields]
    for name in kind.search_fields:
        if name not in personal:
            condition |= Q(**{f"{name}__icontains": text})
    if personal:
        seen = scope_queryset(
            Organisation.objects.all(), user, org_field="", capabilities={Capability.PERSONAL_DATA}
        )
        matches = Q()
        for name in personal:
            matches |= Q(**{f"{name}__icontains": text})
        condition |= matches & Q(organisation__in=seen)
    return condition


@pytest.fixture
def complaints(world):
    """The corpus in two townships, inserted in bulk (no service: the index follows anyway)."""
    rows = []
    for township in ("A1", "A2"):
        for number, (complainant, matter, reply) in enumerate(CORPUS):
            rows.append(
                COMPLAINTS.model(
                    organisation=world.orgs[township],
                    occurred_on=date(2025, 3, 1 + number),
                    year=2025,
                    channel="12345",
                    complainant=complainant,
                    matter=f"{matter}" if township == "A1" else f"{matter}（{township}）",
                    reply=reply,
                    status="handling",
                )
            )
    COMPLAINTS.model.objects.bulk_create(rows)
    return COMPLAINTS.model.objects.all()


def found(kind, user, text, condition) -> list[int]:
    return sorted(
        kind.model.objects.for_user(user, kind.view_capabilities)
        .filter(condition)
        .values_list("pk", flat=True)
    )


@pytest.mark.parametrize("username", ["clerk", "leader", "inspector", "county_admin"])
def test_the_index_finds_what_the_substring_search_found(world, complaints, username):
    user = world.users[username]
    for text in QUERIES:
        new = found(COMPLAINTS, user, text, search_condition(COMPLAINTS, user, text))
        old = found(COMPLAINTS, user, text, old_condition(COMPLAINTS, user, text))
        assert new == old, text
    # The comparison means something: the queries find some records, not all, not none.
    leader = world.users["leader"]
    assert len(found(COMPLAINTS, leader, "宪法", search_condition(COMPLAINTS, leader, "宪法"))) == 2
    assert found(COMPLAINTS, leader, "法法", search_condition(COMPLAINTS, leader, "法法")) == []


def test_a_personal_field_is_found_only_where_the_user_may_see_it(world, complaints):
    clerk, leader = world.users["clerk"], world.users["leader"]
    assert found(COMPLAINTS, clerk, "欧阳", search_condition(COMPLAINTS, clerk, "欧阳")) == []
    [record] = found(COMPLAINTS, leader, "欧阳", search_condition(COMPLAINTS, leader, "欧阳"))
    assert COMPLAINTS.model.objects.get(pk=record).organisation == world.orgs["A1"]


def _sql(user, text):
    return str(COMPLAINTS.model.objects.filter(search_condition(COMPLAINTS, user, text)).query)


@pytest.mark.parametrize("text", ["宪法", "宪法宣传"])
def test_the_index_is_used(world, complaints, text):
    """The condition goes through the index (FTS5 on SQLite, the GIN gram expression on
    PostgreSQL), not only the LIKE re-check — but for a township's people on PostgreSQL, whose
    own rows are fewer than a common bigram's across a province (search.substring_only)."""
    inspector, leader = world.users["inspector"], world.users["leader"]
    if connection.vendor == "sqlite":
        assert "_search" in _sql(inspector, text) and "_search" in _sql(leader, text)
    else:
        # The county's inspector reads the county's entries (search.search_scope).
        county = world.orgs["A"].pk
        assert "fazhi_scoped_grams(" in _sql(inspector, text)
        assert f"fazhi_scoped_query_grams({county}, " in _sql(inspector, text)
        assert "fazhi_grams(" not in _sql(leader, text) and "LIKE" in _sql(leader, text)
    assert search.substring_only(leader, COMPLAINTS.view_capabilities) == (
        connection.vendor == "postgresql"
    )
    assert not search.substring_only(inspector, COMPLAINTS.view_capabilities)
    assert not search.substring_only(world.users["county_admin"], COMPLAINTS.view_capabilities)
    superuser = type(leader).objects.create_superuser(username="root", password="x")
    assert not search.substring_only(superuser, COMPLAINTS.view_capabilities)
    assert "_search" in _sql(superuser, text) or "fazhi_grams(" in _sql(superuser, text)
    assert "fazhi_scoped_grams(" not in _sql(superuser, text)  # everything: no county's keys


def indexed(kind, pk, text) -> bool:
    """Whether the index alone (without the re-check) has the record as a candidate."""
    condition = search.candidates(
        kind.model,
        tuple(n for n in kind.search_fields if n not in kind.personal_fields),
        tuple(n for n in kind.search_fields if n in kind.personal_fields),
        text,
    )
    assert condition is not None
    return kind.model.objects.filter(condition, pk=pk).exists()


def test_every_write_path_keeps_the_index_in_step(world):
    clerk, township = world.users["clerk"], world.orgs["A1"]
    data = {
        "occurred_on": date(2025, 4, 1),
        "channel": "12345",
        "complainant": "冯十二",
        "matter": "菜市场占道经营",
        "status": "handling",
    }
    record = record_create(actor=clerk, kind=COMPLAINTS, organisation=township, data=data)
    assert indexed(COMPLAINTS, record.pk, "占道经营") and indexed(COMPLAINTS, record.pk, "冯十二")
    record_update(actor=clerk, kind=COMPLAINTS, record=record, data={"matter": "违章搭建"})
    assert indexed(COMPLAINTS, record.pk, "违章搭建")
    assert not indexed(COMPLAINTS, record.pk, "占道经营")
    # Archived records stay searchable for administrators (the archive list).
    record_archive(actor=clerk, kind=COMPLAINTS, record=record, reason="重复")
    assert indexed(COMPLAINTS, record.pk, "违章搭建")
    # A change of a field the index does not hold leaves it as it was.
    COMPLAINTS.model.objects.filter(pk=record.pk).update(status="answered")
    assert indexed(COMPLAINTS, record.pk, "违章搭建")
    COMPLAINTS.model.objects.filter(pk=record.pk).delete()
    assert not indexed(COMPLAINTS, record.pk, "违章搭建")

    workbook = workbook_with_rows(COMPLAINTS, [{**data, "matter": "噪音扰民夜间施工"}], "甲镇")
    result = excel.import_rows(actor=clerk, kind=COMPLAINTS, data=workbook)
    assert result.created == 1
    imported = COMPLAINTS.model.objects.get(matter="噪音扰民夜间施工")
    assert indexed(COMPLAINTS, imported.pk, "夜间施工")


def test_a_search_field_the_index_does_not_hold_is_still_searched(world, complaints, monkeypatch):
    """A kind declaring a search field after its index was migrated: found without the index
    (SQLite) rather than missed."""
    import dataclasses

    from fazhi.ledgers import registry

    kind = dataclasses.replace(COMPLAINTS, search_fields=("matter", "channel"))
    monkeypatch.setitem(registry._KINDS, kind.slug, kind)
    leader = world.users["leader"]
    assert len(found(kind, leader, "123", search_condition(kind, leader, "123"))) == 10


def test_the_migrated_indexes_hold_what_the_kinds_declare():
    """Each ledger app's search_and_list_indexes migration names its kinds' search fields,
    personal search fields and filter/sort columns: a kind that changes them needs a new one."""
    declared = {}
    for app in {kind.model._meta.app_label for kind in all_kinds()}:
        module = importlib.import_module(f"fazhi.{app}.migrations")
        path = module.__path__[0]
        import pathlib

        [name] = [p.stem for p in pathlib.Path(path).glob("*_search_and_list_indexes.py")]
        declared.update(importlib.import_module(f"fazhi.{app}.migrations.{name}").TABLES)
    for kind in all_kinds():
        model = kind.model
        public = tuple(n for n in kind.search_fields if n not in kind.personal_fields)
        personal = tuple(n for n in kind.search_fields if n in kind.personal_fields)
        sortable = [f for f in kind.list_columns if f != "organisation"]
        ordered = {*kind.filter_fields, *(f for f in sortable if f not in kind.personal_fields)}
        fields, personal_fields, columns = declared[model._meta.db_table]
        assert (fields, personal_fields) == (public, personal), kind.slug
        assert set(columns) == ordered, kind.slug


def test_the_list_page_searches_through_the_index(client, world, complaints):
    client.force_login(world.users["leader"])
    url = reverse("ledgers:list", args=[COMPLAINTS.slug])
    page = client.get(url, {"q": "宪法"}).context["page"]
    assert page.paginator.count == 2 and page.paginator.exact
    assert {r.matter for r in page} >= {"宪法宣传活动现场噪音扰民", "宪法宪法宪法"}
