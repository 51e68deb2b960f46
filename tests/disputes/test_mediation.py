"""Mediation cases under 《人民调解法》 and the success rate on the overview page."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from lxml import html

from fazhi.disputes.kinds import MEDIATIONS
from fazhi.disputes.models import MediationCase
from fazhi.disputes.views import MEDIATION_RATE, mediation_codes
from fazhi.indicators import engine
from fazhi.indicators.formatting import raw_value
from fazhi.ledgers.services import record_create, record_update

OPEN = {
    "occurred_on": date(2025, 4, 1),
    "summary": "相邻通行道路被堵",
    "dispute_type": "neighbour",
    "parties": "张三、李四",
    "mediator": "调解员 罗素芬",
    "method": "people",
    "result": "",
    "agreement": "",
    "closed_on": None,
}


def create(world, org="A1", **changes):
    return record_create(
        actor=world.users["clerk"] if org == "A1" else None,
        kind=MEDIATIONS,
        organisation=world.orgs[org],
        data={**OPEN, **changes},
    )


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        (
            {"result": "failed", "closed_on": date(2025, 3, 30)},
            "closed_on",
            "结案日期不能早于受理日期",
        ),
        ({"result": "failed"}, "closed_on", "已有调解结果的案件须填写结案日期"),
        ({"closed_on": date(2025, 4, 9)}, "result", "须填写调解结果"),
        (
            {"result": "success", "closed_on": date(2025, 4, 9)},
            "agreement",
            "第二十八条",
        ),
        (
            {"result": "terminated", "closed_on": date(2025, 4, 9), "agreement": "oral"},
            "agreement",
            "只有调解成功的案件才有调解协议",
        ),
    ],
)
def test_unlawful_mediation_records_are_refused(world, changes, field, reason):
    with pytest.raises(ValidationError) as refused:
        create(world, **changes)
    assert reason in " ".join(refused.value.message_dict[field])
    assert not MediationCase.objects.exists()


def test_an_edit_that_closes_without_agreement_changes_nothing(world):
    case = create(world)
    with pytest.raises(ValidationError):
        record_update(
            actor=world.users["clerk"],
            kind=MEDIATIONS,
            record=case,
            data={"result": "success", "closed_on": date(2025, 4, 9)},
        )
    case.refresh_from_db()
    assert (case.result, case.closed_on, case.history.count()) == ("", None, 1)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"result": "success", "agreement": "written", "closed_on": date(2025, 4, 9)},
        {"result": "success", "agreement": "oral", "closed_on": date(2025, 4, 1)},
        {"result": "failed", "closed_on": date(2025, 4, 20)},
        {"result": "terminated", "closed_on": date(2025, 4, 20)},
    ],
)
def test_lawful_mediation_records_are_saved(world, changes):
    case = create(world, **changes)
    assert MediationCase.objects.get(pk=case.pk).result == changes.get("result", "")


def test_the_overview_shows_the_catalogue_figures_summed_not_averaged(client, world):
    """/disputes/ reads 调解成功率 and its parts from the engine, per township and for the county
    (the summed numerator over the summed denominator, never a mean of the townships' rates)."""
    success = {"result": "success", "agreement": "written", "closed_on": date(2025, 5, 1)}
    failed = {"result": "failed", "closed_on": date(2025, 5, 1)}
    create(world, **success)
    create(world, parties="甲、乙")
    create(world, org="A2", **success)
    for index in range(3):
        create(world, org="A2", parties=f"丙{index}、丁", **failed)
    a1, a2, county = world.orgs["A1"], world.orgs["A2"], world.orgs["A"]
    client.force_login(world.users["county_admin"])
    page = html.fromstring(client.get(reverse("disputes:overview") + "?year=2025").content)
    shown = {
        (element.get("data-org"), element.get("data-indicator")): element.get("data-value")
        for element in page.xpath('//*[@data-testid="mediation"]//*[@data-indicator]')
    }
    codes = mediation_codes()
    assert {org for org, _ in shown} == {a1.code, a2.code, county.code}
    table = engine.evaluate(codes, [a1, a2, county], [2025])
    for org in (a1, a2, county):
        for code in codes:
            assert shown[(org.code, code)] == raw_value(table.value(code, org, 2025)), code
    assert [shown[(org.code, "disputes.mediation_success")] for org in (a1, a2, county)] == [
        "1",
        "1",
        "2",
    ]
    assert shown[(county.code, "disputes.mediation_cases")] == "6"
    parts = [table.figure(MEDIATION_RATE, org, 2025) for org in (a1, a2)]
    expected = Decimal(100 * sum(p.numerator for p in parts)) / sum(p.denominator for p in parts)
    assert Decimal(shown[(county.code, MEDIATION_RATE)]) == expected.quantize(Decimal("0.1"))
    # A clerk of 甲镇 sees only its own township, and no county total.
    client.force_login(world.users["clerk"])
    page = html.fromstring(client.get(reverse("disputes:overview") + "?year=2025").content)
    orgs = set(page.xpath('//*[@data-testid="mediation"]//*[@data-indicator]/@data-org'))
    assert orgs == {a1.code}
