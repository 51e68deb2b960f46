import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.audit.models import AdminAction
from fazhi.orgs import divisions, services
from fazhi.orgs.models import Membership, Organisation
from fazhi.orgs.roles import Level, Role
from tests.progress import RecordingBar

COUNTY = "230407"  # 黑龙江省 鹤岗市 兴山区: 4 townships, 8 villages in the list


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(username="root", password="Root-pass-2026")


def _tree(code):
    county = Organisation.objects.get(division_code=code)
    below = Organisation.objects.filter(path__startswith=county.path).exclude(pk=county.pk)
    return county, below


def test_setup_creates_every_township_and_village_of_the_list(superuser):
    listed = divisions.townships(COUNTY)
    result = services.county_setup(actor=superuser, county_code=COUNTY)
    county, below = _tree(COUNTY)
    assert (county.name, county.code, county.level) == ("兴山区", COUNTY, Level.COUNTY)
    assert below.filter(level=Level.TOWNSHIP).count() == len(listed) == 4
    assert below.filter(level=Level.VILLAGE).count() == sum(len(t.children) for t in listed) == 8
    assert (result.townships_created, result.villages_created) == (4, 8)
    names = {t.name for t in listed}
    assert set(below.filter(level=Level.TOWNSHIP).values_list("name", flat=True)) == names
    village = below.filter(level=Level.VILLAGE).first()
    assert village.path.startswith(village.parent.path) and village.parent.parent == county
    # the superuser without a membership becomes the county's administrator
    assert Membership.objects.filter(user=superuser, organisation=county, role=Role.ADMIN).exists()
    entry = AdminAction.objects.get(verb="org.setup")
    assert entry.actor == superuser and entry.detail["villages"] == 8
    assert entry.scope_path == county.path


def test_setup_is_idempotent_and_keeps_renamed_abolished_units(superuser):
    services.county_setup(actor=superuser, county_code=COUNTY)
    county, below = _tree(COUNTY)
    village = below.filter(level=Level.VILLAGE).first()
    services.organisation_update(
        actor=superuser, organisation=village, name="新名字村", code="230407001001"
    )
    other = below.filter(level=Level.VILLAGE).exclude(pk=village.pk).first()
    services.organisation_abolish(actor=superuser, organisation=other)
    before = Organisation.objects.count()
    again = services.county_setup(actor=superuser, county_code=COUNTY)
    assert (again.townships_created, again.villages_created, again.created_county) == (0, 0, False)
    assert Organisation.objects.count() == before
    assert services.county_setup_plan(COUNTY).nothing_to_do


def test_only_the_county_admin_sets_up_their_county(world, superuser):
    county_admin, township_admin = world.users["county_admin"], world.users["admin"]
    with pytest.raises(PermissionDenied):  # the county does not exist yet: superuser only
        services.county_setup(actor=county_admin, county_code=COUNTY)
    services.county_setup(actor=superuser, county_code=COUNTY)
    with pytest.raises(PermissionDenied):  # not their county
        services.county_setup(actor=county_admin, county_code=COUNTY)
    # A county admin of 甲县 linked to the list sets it up; a township admin may not.
    world.orgs["A"].code = "230404"
    world.orgs["A"].save()
    with pytest.raises(PermissionDenied):
        services.county_setup(actor=township_admin, county_code="230404")
    result = services.county_setup(actor=county_admin, county_code="230404")
    assert result.county == world.orgs["A"] and result.townships_created > 0
    assert not result.granted_admin
    world.orgs["A"].refresh_from_db()
    assert world.orgs["A"].division_code == "230404"


def test_merge_repoints_records_memberships_and_children(world, ledger_world):
    admin = world.users["county_admin"]
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    from fazhi.ledgers.registry import all_kinds

    kind = next(k for k in all_kinds() if k.org_level == Level.TOWNSHIP)
    moved_record = ledger_world.records[(kind.slug, "A2")]
    history_before = moved_record.history.count()
    clerk = get_user_model().objects.create_user(username="a2clerk", password="x-Pass-2026")
    services.membership_grant(actor=None, user=clerk, organisation=a2, role=Role.CLERK)
    moved = services.organisation_merge(actor=admin, absorbed=a2, survivor=a1, reason="区划调整")
    moved_record.refresh_from_db()
    a2.refresh_from_db()
    assert moved_record.organisation == a1
    assert moved_record.history.count() == history_before + 1
    assert moved_record.history.latest().history_change_reason == "区划调整"
    assert Membership.objects.get(user=clerk).organisation == a1
    village = world.orgs["A2V1"]
    village.refresh_from_db()
    assert village.parent == a1 and village.path.startswith(a1.path)
    assert a2.is_abolished and a2.merged_into == a1
    assert a2.history.count() >= 2  # its history stays
    assert moved["任职"] == 1 and moved["下级单位"] == 1
    assert AdminAction.objects.filter(verb="org.merge", actor=admin).count() == 1
    # a clerk of the survivor now sees the merged records
    assert kind.model.objects.for_user(world.users["clerk"]).filter(pk=moved_record.pk).exists()


def test_merge_rules(world):
    county_admin, township_admin = world.users["county_admin"], world.users["admin"]
    with pytest.raises(PermissionDenied):  # a township admin never merges townships
        services.organisation_merge(
            actor=township_admin, absorbed=world.orgs["A2"], survivor=world.orgs["A1"]
        )
    with pytest.raises(ValidationError, match="同一上级单位"):
        services.organisation_merge(
            actor=county_admin, absorbed=world.orgs["A2V1"], survivor=world.orgs["A1V1"]
        )
    with pytest.raises(PermissionDenied):  # another county
        services.organisation_merge(
            actor=county_admin, absorbed=world.orgs["B1"], survivor=world.orgs["A1"]
        )
    services.organisation_merge(
        actor=township_admin, absorbed=world.orgs["A1V2"], survivor=world.orgs["A1V1"]
    )
    with pytest.raises(ValidationError, match="已撤销"):
        services.organisation_merge(
            actor=township_admin, absorbed=world.orgs["A1V2"], survivor=world.orgs["A1V1"]
        )


def test_abolish_keeps_the_unit_and_hides_it_from_pickers(world, ledger_world):
    township_admin = world.users["admin"]
    village = world.orgs["A1V1"]
    with pytest.raises(PermissionDenied):
        services.organisation_abolish(actor=world.users["inspector"], organisation=village)
    with pytest.raises(PermissionDenied):  # the county level is not a township admin's
        services.organisation_abolish(actor=township_admin, organisation=world.orgs["A1"])
    with pytest.raises(ValidationError, match="未撤销的单位"):
        services.organisation_abolish(
            actor=world.users["county_admin"], organisation=world.orgs["A1"]
        )
    services.organisation_abolish(actor=township_admin, organisation=village, reason="撤村")
    village.refresh_from_db()
    assert village.is_abolished
    assert village not in Organisation.objects.current()
    assert AdminAction.objects.filter(verb="org.abolish").count() == 1
    services.organisation_reinstate(actor=township_admin, organisation=village)
    village.refresh_from_db()
    assert not village.is_abolished


def test_a_unit_is_never_deleted_while_anything_points_to_it(world, ledger_world):
    admin = world.users["county_admin"]
    township = world.orgs["A1"]
    found = services.references(township)
    assert found["下级单位"] == 2 and found["任职"] >= 1
    assert any(label not in ("下级单位", "任职") for label in found)  # ledger records
    with pytest.raises(ValidationError, match="不能删除"):
        services.organisation_delete(actor=admin, organisation=township)
    assert Organisation.objects.filter(pk=township.pk).exists()
    spare = services.organisation_create(
        actor=admin, code="100001103", name="丁镇", level=Level.TOWNSHIP, parent=world.orgs["A"]
    )
    services.organisation_delete(actor=admin, organisation=spare)
    assert not Organisation.objects.filter(code="100001103").exists()
    assert set(AdminAction.objects.values_list("verb", flat=True)) >= {"org.create", "org.delete"}


def test_adding_a_community_under_an_abolished_township_is_refused(world):
    admin = world.users["county_admin"]
    services.organisation_merge(actor=admin, absorbed=world.orgs["A2"], survivor=world.orgs["A1"])
    world.orgs["A2"].refresh_from_db()
    with pytest.raises(ValidationError, match="已撤销"):
        services.organisation_create(
            actor=admin, code="X1", name="新社区", level=Level.VILLAGE, parent=world.orgs["A2"]
        )
    created = services.organisation_create(
        actor=world.users["admin"],
        code="X1",
        name="新社区",
        level=Level.VILLAGE,
        parent=world.orgs["A1"],
    )
    assert created.parent == world.orgs["A1"]
    with pytest.raises(PermissionDenied):
        services.organisation_create(
            actor=world.users["admin"],
            code="X2",
            name="越界",
            level=Level.VILLAGE,
            parent=world.orgs["B1"],
        )


def test_abolished_units_are_offered_only_to_their_own_records(world, ledger_world, superuser):
    from fazhi.ledgers.forms import record_form_class
    from fazhi.ledgers.registry import all_kinds

    kind = next(k for k in all_kinds() if k.org_level == Level.VILLAGE)
    village = world.orgs["A1V1"]
    services.organisation_abolish(actor=None, organisation=village)
    form_class = record_form_class(kind)
    offered = form_class(user=superuser).fields["organisation"].queryset
    assert village not in offered and world.orgs["A1V2"] in offered
    existing = ledger_world.records[(kind.slug, "A1V1")]
    offered = form_class(instance=existing, user=superuser).fields["organisation"].queryset
    assert village in offered


def test_a_merge_invalidates_both_units_stored_figures(world):
    from fazhi.indicators.models import FigureRevision

    def revision(org):
        row = FigureRevision.objects.filter(pk=org.pk).first()
        return row.revision if row else 0

    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    before = (revision(a1), revision(a2))
    services.organisation_merge(actor=world.users["county_admin"], absorbed=a2, survivor=a1)
    assert (revision(a1), revision(a2)) == (before[0] + 1, before[1] + 1)


def test_setup_reports_each_township_to_a_progress_bar(superuser):
    bar = RecordingBar()
    services.county_setup(actor=superuser, county_code=COUNTY, on_progress=bar)
    listed = divisions.townships(COUNTY)
    assert (bar.total, bar.done) == (4, 4)
    assert bar.steps == [township.name for township in listed]
