"""Records named by title and date wherever listed (LedgerKind.record_name), and standing
registers counted as 在册."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.ledgers.registry import all_kinds, get_kind
from fazhi.ledgers.services import record_create
from fazhi.ledgers.templatetags.ledger_tags import record_name

pytestmark = pytest.mark.django_db


def _mediation(world, org="A1"):
    return record_create(
        actor=None,
        kind=get_kind("mediations"),
        organisation=world.orgs[org],
        data={
            "occurred_on": date(2025, 3, 14),
            "parties": "张三、李四",
            "dispute_type": "land",
            "summary": "宅基地边界纠纷",
            "mediator": "王调解",
            "method": "people",
        },
    )


def test_a_mediation_is_named_by_its_parties_type_and_date_masked_unless_allowed(world):
    kind = get_kind("mediations")
    case = _mediation(world)
    assert kind.record_name(case) == "张三与李四土地纠纷（2025-03-14）"
    assert kind.record_name(case, unmasked=False) == "张*与李*土地纠纷（2025-03-14）"
    # The template filter decides by the viewer's capability on the record's township.
    assert record_name(case, world.users["leader"]) == "张三与李四土地纠纷（2025-03-14）"
    assert record_name(case, world.users["clerk"]) == "张*与李*土地纠纷（2025-03-14）"
    assert record_name(case) == "张*与李*土地纠纷（2025-03-14）"


def test_every_kind_names_its_demo_record_by_a_title_and_the_date(world):
    from tests.ledger_world import sample_values

    for kind in all_kinds():
        values = sample_values(kind, world.orgs["A1V1" if kind.org_level == "village" else "A1"])
        record = kind.model(organisation=world.orgs["A1"], **values)
        name = kind.record_name(record, unmasked=False)
        day = f"{record.occurred_on:%Y-%m-%d}"
        assert name.endswith(f"（{day}）"), (kind.slug, name)
        assert "第" not in name.split("（")[0] or kind.slug != "mediations", name
        assert len(name) > len(day) + 2, (kind.slug, name)


def test_the_drill_down_names_records_by_title_and_date(client, world):
    case = _mediation(world)
    client.force_login(world.users["clerk"])  # may not see personal data
    url = reverse(
        "indicators:records",
        kwargs={"code": world.orgs["A1"].code, "indicator": "disputes.mediation_cases"},
    )
    html = client.get(url + "?year=2025").content.decode()
    assert "张*与李*土地纠纷（2025-03-14）" in html
    assert "张三" not in html and "第" + str(case.pk) + "号" not in html


def test_the_record_page_is_titled_by_the_record_name(client, world):
    case = _mediation(world)
    for role, name in (("leader", "张三与李四"), ("clerk", "张*与李*")):
        client.force_login(world.users[role])
        url = reverse("ledgers:detail", args=["mediations", case.pk])
        heading = client.get(url).content.decode().split("<h1", 1)[1].split("</h1>", 1)[0]
        assert f"{name}土地纠纷（2025-03-14）" in heading, role


def test_standing_registers_count_what_is_registered_not_this_years(client, world):
    officers = get_kind("enforcement-officers")
    assert officers.standing_register and get_kind("enforcement-items").standing_register
    assert not get_kind("study-sessions").standing_register
    from tests.ledger_world import sample_values

    values = sample_values(officers, world.orgs["A1"])
    values["occurred_on"] = date(2019, 6, 1)  # registered years ago, still in service
    record_create(actor=None, kind=officers, organisation=world.orgs["A1"], data=values)
    client.force_login(world.users["clerk"])
    html = client.get(reverse("ledgers:index")).content.decode()
    card = html.split(">执法人员<", 1)[1].split("</a>", 1)[0]
    assert "在册 1" in card and "今年" not in card
    study = html.split(">学法活动<", 1)[1].split("</a>", 1)[0]
    assert "今年 0 条" in study
