"""Every rule of the enforcement workflow: the illegal path refused with its Chinese reason and
nothing changed, and the lawful path."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.deadlines.selectors import deadlines_of
from fazhi.enforcement import services
from fazhi.enforcement.models import Case
from tests.enforcement.helpers import case, officer, snapshot, staffed_case

pytestmark = pytest.mark.django_db


def refused(record, call, reason, error=ValidationError):
    before = snapshot()
    with pytest.raises(error) as raised:
        call()
    messages = raised.value.messages if error is ValidationError else [str(raised.value)]
    assert any(reason in message for message in messages), messages
    assert snapshot() == before


def decide(record, day=date(2025, 4, 1), **extra):
    return services.case_decide(
        actor=None, record=record, decided_on=day, result="罚款2000元", **extra
    )


# 《行政处罚法》第四十二条: certified officers, at least two.


def test_an_officer_with_an_expired_certificate_cannot_join(world):
    record = case(world)
    expired = officer(world, "赵刚", "A1-900", until=date(2025, 2, 28))
    refused(
        record,
        lambda: services.case_officer_add(actor=None, record=record, officer=expired),
        "在2025-03-03无效，不能参与办案",
    )


def test_an_officer_of_another_township_cannot_join(world):
    record = case(world)
    stranger = officer(world, "钱伟", "A2-001", org="A2")
    refused(
        record,
        lambda: services.case_officer_add(actor=None, record=record, officer=stranger),
        "只能从本乡镇（街道）登记在册的执法人员中选择",
    )


def test_a_decision_needs_two_officers(world):
    record = case(world)
    services.case_officer_add(actor=None, record=record, officer=officer(world, "张明", "A1-001"))
    refused(record, lambda: decide(record), "执法人员不得少于两人")
    services.case_officer_add(actor=None, record=record, officer=officer(world, "李强", "A1-002"))
    decide(record)
    assert Case.objects.get(pk=record.pk).status == Case.Status.DECIDED


def test_a_certificate_expired_before_the_decision_does_not_count(world):
    record = case(world)
    services.case_officer_add(actor=None, record=record, officer=officer(world, "张明", "A1-001"))
    short = officer(world, "李强", "A1-002", until=date(2025, 3, 20))
    services.case_officer_add(actor=None, record=record, officer=short)
    refused(record, lambda: decide(record), "（李强的执法证在当日无效）")
    decide(record, day=date(2025, 3, 20))


# 《行政处罚法》第五十八条: major decisions after a passed 法制审核.


def major_case(world):
    return staffed_case(world, is_major=True, major_criterion="public_interest")


def test_a_major_case_cannot_be_decided_without_a_passed_review(world):
    record = major_case(world)
    refused(record, lambda: decide(record), "未经法制审核或者审核未通过的，不得作出决定")
    services.case_review_submit(actor=None, record=record, submitted_on=date(2025, 3, 20))
    refused(record, lambda: decide(record), "审核意见登记前不能作出决定")
    services.legal_review_record(
        actor=world.users["reviewer"],
        record=record,
        reviewed_on=date(2025, 3, 25),
        opinion="rejected",
        comments="证据不足",
    )
    refused(record, lambda: decide(record), "第五十八条")


def test_a_major_case_is_decided_after_a_passed_review(world):
    record = major_case(world)
    services.case_review_submit(
        actor=world.users["clerk"], record=record, submitted_on=date(2025, 3, 20)
    )
    services.legal_review_record(
        actor=world.users["reviewer"],
        record=record,
        reviewed_on=date(2025, 3, 25),
        opinion="passed",
    )
    record.refresh_from_db()
    refused(
        record, lambda: decide(record, day=date(2025, 3, 24)), "第五十八条"
    )  # before the review
    decide(record, day=date(2025, 3, 26))
    review = deadlines_of(record).get(code="enforcement.legal_review")
    assert review.met_on == date(2025, 3, 25)


def test_only_a_reviewer_records_the_legal_review(world):
    record = major_case(world)
    services.case_review_submit(actor=None, record=record, submitted_on=date(2025, 3, 20))
    refused(
        record,
        lambda: services.legal_review_record(
            actor=world.users["clerk"],
            record=record,
            reviewed_on=date(2025, 3, 25),
            opinion="passed",
        ),
        "只有法制审核员可以登记法制审核意见",
        error=PermissionDenied,
    )
    refused(
        record,
        lambda: services.legal_review_record(
            actor=world.users["reviewer"],
            record=record,
            reviewed_on=date(2025, 3, 25),
            opinion="rejected",
        ),
        "须写明审核意见和理由",
    )


# Publicity: 国办发〔2018〕118号, 7 working days for 行政处罚 and 行政许可.


def test_publicity_before_the_decision_is_refused(world):
    record = staffed_case(world)
    refused(
        record,
        lambda: services.case_publicise(
            actor=None, record=record, publicised_on=date(2025, 4, 1), channel="政府网站"
        ),
        "案件尚未作出决定，不能公示决定",
    )


def test_late_publicity_needs_a_reason_and_counts_as_late(world):
    record = staffed_case(world, occurred_on=date(2024, 9, 2), case_number="甲镇罚〔2024〕1号")
    decide(record, day=date(2024, 9, 27))
    deadline = deadlines_of(record).get(code="penalty.publicity")
    # 2024-09-29 (Sunday) was a make-up working day; 1–7 October the National Day holiday;
    # 2024-10-12 (Saturday) another make-up working day: the 7th working day.
    assert deadline.due_on == date(2024, 10, 12)
    late = lambda **extra: services.case_publicise(  # noqa: E731
        actor=None, record=record, publicised_on=date(2024, 10, 14), channel="政府网站", **extra
    )
    refused(record, late, "公示日期超过法定公示期限（2024-10-12，7个工作日）")
    late(late_reason="网站改版期间暂停发布")
    deadline.refresh_from_db()
    assert deadline.state(date(2024, 12, 1)) == "met_late"


def test_publicity_on_time(world):
    record = staffed_case(world, case_type="inspection", case_number="甲镇检〔2025〕1号")
    decide(record)
    services.case_publicise(
        actor=None, record=record, publicised_on=date(2025, 4, 3), channel="公开栏"
    )
    deadline = deadlines_of(record).get(code="enforcement.publicity")  # 20 working days
    assert deadline.days == 20 and deadline.state(date(2025, 5, 1)) == "met_on_time"
    assert not deadlines_of(record).filter(code="penalty.publicity").exists()


# 《行政处罚法》第六十条: decided within 90 days of 立案; extensions recorded.


def test_a_decision_after_the_closing_period_needs_an_explanation(world):
    record = staffed_case(world)
    assert deadlines_of(record).get(code="penalty.case_closing").due_on == date(2025, 6, 3)
    refused(
        record,
        lambda: decide(record, day=date(2025, 6, 4)),
        "决定日期超过法定办案期限（2025-06-03）",
    )
    decide(record, day=date(2025, 6, 4), late_reason="当事人下落不明，调查延误")
    deadline = deadlines_of(record).get(code="penalty.case_closing")
    assert deadline.state(date(2025, 7, 1)) == "met_late"


def test_an_extension_approved_in_time_moves_the_deadline(world):
    record = staffed_case(world)
    extend = lambda **kw: services.case_extend(  # noqa: E731
        actor=world.users["clerk"], record=record, days=30, **kw
    )
    refused(
        record,
        lambda: extend(approved_on=date(2025, 6, 4), approver="镇长", reason="需测绘"),
        "延长须在期限届满前批准",
    )
    refused(
        record,
        lambda: extend(approved_on=date(2025, 5, 30), approver="", reason="需测绘"),
        "请填写批准延长的负责人",
    )
    extend(approved_on=date(2025, 5, 30), approver="镇长", reason="需委托测绘")
    deadline = deadlines_of(record).get(code="penalty.case_closing")
    assert deadline.due_on == date(2025, 7, 1) and "已延长30日" in deadline.name
    decide(record, day=date(2025, 6, 20))
    deadline.refresh_from_db()
    assert deadline.state(date(2025, 7, 1)) == "met_on_time"


def test_other_case_types_have_no_closing_period_to_extend(world):
    record = staffed_case(world, case_type="licence", case_number="甲镇许〔2025〕1号")
    assert not deadlines_of(record).filter(code="penalty.case_closing").exists()
    refused(
        record,
        lambda: services.case_extend(
            actor=None,
            record=record,
            days=10,
            approved_on=date(2025, 4, 1),
            approver="镇长",
            reason="x",
        ),
        "行政许可案件没有法定办案期限",
    )


# Service and closing.


def test_closing_needs_service_and_publicity(world):
    record = staffed_case(world)
    decide(record)
    refused(
        record,
        lambda: services.case_close(actor=None, record=record, closed_on=date(2025, 5, 1)),
        "决定尚未送达、公示，不能结案",
    )
    services.case_serve(actor=None, record=record, served_on=date(2025, 4, 2))
    services.case_publicise(
        actor=None, record=record, publicised_on=date(2025, 4, 3), channel="网站"
    )
    services.case_close(actor=None, record=record, closed_on=date(2025, 5, 1))
    assert Case.objects.get(pk=record.pk).status == Case.Status.CLOSED
    assert deadlines_of(record).get(code="penalty.service").met_on == date(2025, 4, 2)


def test_a_clerk_of_another_township_cannot_act(world):
    record = staffed_case(world)
    other = case(world, org="A2", case_number="乙镇罚〔2025〕1号")
    refused(
        other,
        lambda: services.case_decide(
            actor=world.users["clerk"], record=other, decided_on=date(2025, 4, 1), result="x"
        ),
        "无权办理该单位的执法案件",
        error=PermissionDenied,
    )
    assert record.status == Case.Status.FILED


# A decided case's facts are the file's: the generic edit may not change them.


def test_the_facts_of_a_decided_case_are_locked(world):
    from fazhi.enforcement.kinds import CASES
    from fazhi.ledgers.services import record_update

    record = staffed_case(world)
    assert record_update(actor=None, kind=CASES, record=record, data={"facts": "改后的案情"})
    decide(record)
    record = Case.objects.get(pk=record.pk)
    refused(
        record,
        lambda: record_update(actor=None, kind=CASES, record=record, data={"facts": "再改"}),
        "违法事实（案情）不能再修改",
    )


def test_a_major_case_must_name_its_criterion(world):
    with pytest.raises(ValidationError) as raised:
        case(world, is_major=True)
    assert "第五十八条" in str(raised.value)
    assert not Case.objects.exists()


def test_certificate_numbers_are_unique(world):
    officer(world, "张明", "A1-001")
    with pytest.raises(ValidationError) as raised:
        officer(world, "张明明", "A1-001", org="A2")
    assert "该执法证号已登记" in str(raised.value)


def test_hearing_only_before_the_decision(world):
    record = staffed_case(world)
    services.case_hearing_record(actor=None, record=record, held_on=date(2025, 3, 20))
    refused(record, lambda: decide(record, day=date(2025, 3, 19)), "决定日期不能早于听证日期")
    decide(record)
    refused(
        record,
        lambda: services.case_hearing_record(actor=None, record=record, held_on=date(2025, 4, 2)),
        "不能再登记听证",
    )


def test_service_only_after_the_decision_and_by_certified_officers(world):
    record = case(world)
    for index, name in enumerate(("张明", "李强"), start=1):  # certified until 2025-06-30
        who = officer(world, name, f"A1-S-{index:03d}", until=date(2025, 6, 30))
        services.case_officer_add(actor=None, record=record, officer=who)
    serve = lambda day: services.case_serve(actor=None, record=record, served_on=day)  # noqa: E731
    refused(record, lambda: serve(date(2025, 4, 1)), "案件尚未作出决定，不能登记送达")
    decide(record)
    refused(
        record, lambda: serve(date(2025, 7, 5)), "送达执法文书须有至少2名执法证在2025-07-05有效"
    )
    serve(date(2025, 4, 2))
    assert Case.objects.get(pk=record.pk).served_on == date(2025, 4, 2)


def test_a_review_is_submitted_only_from_an_open_case(world):
    record = staffed_case(world)
    decide(record)
    refused(
        record,
        lambda: services.case_review_submit(
            actor=None, record=record, submitted_on=date(2025, 4, 2)
        ),
        "不能提交法制审核",
    )
