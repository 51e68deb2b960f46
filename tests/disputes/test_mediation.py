"""Mediation cases under 《人民调解法》 and the success rate (successful / closed)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.disputes.kinds import MEDIATIONS
from fazhi.disputes.models import MediationCase
from fazhi.disputes.selectors import mediation_by_township, mediation_stats
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


def test_success_rate_is_successes_over_closed_cases_summed_not_averaged(world):
    # 甲镇: 1 of 1 closed succeeded (100%); 乙镇: 1 of 4 (25%). Average of rates would be
    # 62.5%; the county rate is 2 / 5 = 40%. Open cases count as received, not closed.
    success = {"result": "success", "agreement": "written", "closed_on": date(2025, 5, 1)}
    failed = {"result": "failed", "closed_on": date(2025, 5, 1)}
    create(world, **success)
    create(world, parties="甲、乙")
    create(world, org="A2", **success)
    for index in range(3):
        create(world, org="A2", parties=f"丙{index}、丁", **failed)
    rows, total = mediation_by_township(world.users["county_admin"], 2025)
    assert [(t.code, s.closed, s.successful) for t, s in rows] == [
        (world.orgs["A1"].code, 1, 1),
        (world.orgs["A2"].code, 4, 1),
    ]
    assert (total.received, total.closed, total.successful) == (6, 5, 2)
    assert total.success_rate == pytest.approx(0.4)
    assert total.success_rate_label == "40.0%"
    # A clerk of 甲镇 sees only its own township.
    own_rows, own_total = mediation_by_township(world.users["clerk"], 2025)
    assert [t.code for t, _ in own_rows] == [world.orgs["A1"].code]
    assert own_total.success_rate == 1


def test_no_closed_case_has_no_rate(world):
    create(world)
    stats = mediation_stats(MediationCase.objects.all())
    assert stats.success_rate is None and stats.success_rate_label == "—"
