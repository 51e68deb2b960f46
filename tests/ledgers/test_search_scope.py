"""PostgreSQL's county-keyed search index (fazhi.ledgers.search, `search_scope`): every
searchable table has the column, its trigger and the index; the column names the county of the
record's organisation through every change — a new record, a record given to another unit, a
unit moved to another county, the migration over existing rows — and a county's search is
served by the index, finding what the substring search finds."""

from datetime import date
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fazhi.ledgers import search
from fazhi.ledgers.personal import search_condition
from fazhi.ledgers.registry import get_kind
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level, Role
from fazhi.orgs.services import membership_grant

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql_only]

COMPLAINTS = get_kind("complaints")
SCOPED = import_module("fazhi.ledgers.migrations.0005_county_keyed_search")


def _complaint(organisation, matter="宪法宣传现场噪音", **extra):
    return COMPLAINTS.model.objects.create(
        organisation=organisation,
        occurred_on=date(2025, 3, 1),
        year=2025,
        channel="12345",
        complainant="张三",
        matter=matter,
        status="handling",
        **extra,
    )


def _scope(record) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT "{search.SCOPE_COLUMN}" FROM "{record._meta.db_table}" WHERE id = %s',
            [record.pk],
        )
        return cursor.fetchone()[0]


def test_every_searchable_table_has_the_column_its_trigger_and_the_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND column_name = %s",
            [search.SCOPE_COLUMN],
        )
        with_column = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%%grams'")
        indexes = dict(cursor.fetchall())
        cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        triggers = {row[0] for row in cursor.fetchall()}
    assert with_column == set(SCOPED.TABLES)
    assert "orgs_organisation_search_scope" in triggers
    for table, (fields, personal, _) in SCOPED.TABLES.items():
        assert f"{table}_{search.SCOPE_COLUMN}" in triggers, table
        for suffix, group in (("sgrams", fields), ("spgrams", personal)):
            name = f"{table}_{suffix}"
            if group:
                assert "fazhi_scoped_grams(search_scope" in indexes[name], table
            else:
                assert name not in indexes


def test_a_record_is_keyed_by_the_county_above_its_unit(world):
    county_a, county_b = world.orgs["A"], world.orgs["B"]
    assert _scope(_complaint(world.orgs["A1V1"])) == county_a.pk  # village → its county
    assert _scope(_complaint(world.orgs["A"])) == county_a.pk  # the county's own
    record = _complaint(world.orgs["A2"])
    assert _scope(record) == county_a.pk
    # Given to another county's unit (a bulk update, as a merge moves records).
    COMPLAINTS.model.objects.filter(pk=record.pk).update(organisation=world.orgs["B1"])
    assert _scope(record) == county_b.pk
    # An update that leaves the unit alone leaves the key.
    record.refresh_from_db()
    record.matter = "劳动合同"
    record.save()
    assert _scope(record) == county_b.pk


def test_a_unit_moved_to_another_county_takes_its_records_along(world):
    """The organisation's trigger: each moved unit's records follow its new path."""
    township, village = world.orgs["A2"], world.orgs["A2V1"]
    on_township, on_village = _complaint(township), _complaint(village)
    county_b = world.orgs["B"]
    old_prefix, new_prefix = township.path, county_b.path + township.path.split("/")[-2] + "/"
    for unit in Organisation.objects.filter(path__startswith=old_prefix):
        Organisation.objects.filter(pk=unit.pk).update(
            path=new_prefix + unit.path[len(old_prefix) :]
        )
    Organisation.objects.filter(pk=township.pk).update(parent=county_b)
    assert _scope(on_township) == county_b.pk and _scope(on_village) == county_b.pk
    inspector = _inspector(county_b)
    assert set(_found(inspector, "宪法")) == {on_township.pk, on_village.pk}


def test_a_unit_whose_level_changes_rekeys_its_subtree(world):
    """A change of level (a county re-classed as a district-level city, say) changes the
    county of every record below it."""
    record = _complaint(world.orgs["A1V1"])
    Organisation.objects.filter(pk=world.orgs["A"].pk).update(level=Level.CITY)
    assert _scope(record) == world.orgs["A1V1"].pk  # no county above it any more
    Organisation.objects.filter(pk=world.orgs["A"].pk).update(level=Level.COUNTY)
    assert _scope(record) == world.orgs["A"].pk


def _inspector(county):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username=f"inspector-{county.code}")
    membership_grant(actor=None, user=user, organisation=county, role=Role.INSPECTOR)
    return user


def _found(user, text) -> list[int]:
    return list(
        COMPLAINTS.model.objects.for_user(user, COMPLAINTS.view_capabilities)
        .filter(search_condition(COMPLAINTS, user, text))
        .values_list("pk", flat=True)
    )


@pytest.mark.parametrize("text", ["宪法", "法", "宪法宣传", "噪音", "张三", "不存在"])
def test_a_county_search_finds_what_the_substring_search_finds(world, text):
    """As the county's inspector who also leads 甲镇: the personal field (complainant) is
    searched through the county-keyed personal index, on 甲镇's records only."""
    for unit in ("A1", "A1V2", "A2", "B1"):
        _complaint(world.orgs[unit])
        _complaint(world.orgs[unit], matter="劳动合同纠纷")
    inspector = world.users["inspector"]
    membership_grant(actor=None, user=inspector, organisation=world.orgs["A1"], role=Role.LEADER)
    assert search.search_scope(inspector, COMPLAINTS.view_capabilities) == world.orgs["A"].pk
    in_county = COMPLAINTS.model.objects.filter(organisation__path__startswith=world.orgs["A"].path)
    expected = set(in_county.filter(matter__icontains=text).values_list("pk", flat=True)) | set(
        in_county.filter(
            organisation__path__startswith=world.orgs["A1"].path, complainant__icontains=text
        ).values_list("pk", flat=True)
    )
    assert set(_found(inspector, text)) == expected
    if text != "不存在":
        assert expected
    if text == "张三":
        assert len(expected) == 4  # 甲镇's and 甲二村's, not 乙镇's nor 丙县's


def test_the_county_search_is_served_by_the_county_keyed_index(world):
    """The query's expression is the index's: were they to differ, the index would never be
    read. Sequential scans are priced out, so the plan shows which index can serve."""
    _complaint(world.orgs["A1"])
    inspector = world.users["inspector"]
    scope = search.search_scope(inspector, COMPLAINTS.view_capabilities)
    condition = search.candidates(
        COMPLAINTS.model, ("matter", "reply"), ("complainant",), "宪法", scope
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = COMPLAINTS.model.objects.filter(condition).explain()
    assert "Bitmap Index Scan on openness_complaint_sgrams" in plan, plan
    assert "Bitmap Index Scan on openness_complaint_spgrams" in plan, plan


def test_the_migration_keys_the_records_already_there(transactional_db, world):
    """Unapplied and applied again over existing records: the column is filled from their
    units, then kept by the trigger."""
    record = _complaint(world.orgs["B1V1"])
    executor = MigrationExecutor(connection)
    target = [("ledgers", "0004_personaldataaccess_api_context")]
    executor.migrate(target)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.columns WHERE column_name = %s",
            [search.SCOPE_COLUMN],
        )
        assert cursor.fetchone()[0] == 0
    moved = _complaint(world.orgs["A1"])  # written while there is no trigger
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert _scope(record) == world.orgs["B"].pk
    assert _scope(moved) == world.orgs["A"].pk
