"""Publication, filing, amendment, repeal and expiry: illegal paths refused with a Chinese reason
and nothing changed, lawful paths carried out (REGULATIONS.md §4)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.deadlines.models import State
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_archive, record_update
from fazhi.normative import services
from fazhi.normative.models import Status
from tests.normative.helpers import PUBLISHED, TODAY, at_stage, document, snapshot
from tests.normative.test_procedure import deadline, refused

pytestmark = pytest.mark.django_db
KIND = get_kind("normative-documents")


def publish(world, record, **changes):
    values = {"published_on": PUBLISHED, "doc_number": "甲政规〔2025〕1号", "channel": "政府网站"}
    values.update(changes)
    return lambda: services.document_publish(
        actor=world.users["clerk"], record=record, today=TODAY, **values
    )


@pytest.mark.parametrize("stage", ["drafting", "consulted", "review"])
def test_no_publication_without_a_passed_review(world, stage):
    record = at_stage(world, stage)
    refused(publish(world, record), record, "未经合法性审核通过（通过或修改后通过）的文件不得公布")


def test_no_publication_after_a_failed_review(world):
    record = at_stage(world, "review")
    services.review_record(
        actor=world.users["reviewer"],
        record=record,
        reviewed_on=date(2025, 4, 18),
        opinion="rejected",
        remarks="缺乏上位法依据",
        today=TODAY,
    )
    record.refresh_from_db()
    refused(publish(world, record), record, "未经合法性审核通过")


def test_no_publication_without_a_deliberation(world):
    record = at_stage(world, "deliberation")
    refused(publish(world, record), record, "未经集体审议通过的文件不得公布")


def test_publication_sets_the_filing_deadline(world):
    record = at_stage(world, "published")
    assert record.status == Status.PUBLISHED
    assert (record.doc_number, record.published_on) == ("甲政规〔2025〕1号", PUBLISHED)
    filing = deadline(record, "normative.filing")
    # 2025-04-28 + 15 days = 2025-05-13, a Tuesday.
    assert (filing.triggered_on, filing.due_on) == (PUBLISHED, date(2025, 5, 13))
    assert filing.state(date(2025, 5, 14)) == State.OVERDUE


def test_a_document_number_is_unique_in_its_township(world):
    at_stage(world, "published")
    second = at_stage(world, "approved", title="集镇环境卫生管理暂行规定")
    refused(publish(world, second), second, "已使用文号“甲政规〔2025〕1号”，文号不能重复")
    # Another township may use the same number.
    other = at_stage(world, "published", org="A2", title="集镇环境卫生管理暂行规定")
    assert other.doc_number == "甲政规〔2025〕1号"


def test_publication_cannot_predate_the_deliberation_or_be_in_the_future(world):
    record = at_stage(world, "approved")
    refused(
        publish(world, record, published_on=date(2025, 4, 20)),
        record,
        "公布日期不能早于集体审议日期",
    )
    refused(publish(world, record, published_on=date(2026, 1, 5)), record, "公布日期不能晚于今天")


def test_a_validity_over_five_years_is_refused(world):
    record = at_stage(world, "approved")
    refused(publish(world, record, validity_years=6), record, "有效期须为 1 至 5 年")
    publish(world, record, validity_years=5)()
    record.refresh_from_db()
    assert record.expires_on == date(2030, 4, 27)


def test_a_published_document_is_not_published_again(world):
    record = at_stage(world, "published")
    refused(publish(world, record, doc_number="甲政规〔2025〕2号"), record, "不能重复公布")


# 备案 -------------------------------------------------------------------------


def test_only_a_published_document_is_filed(world):
    record = at_stage(world, "approved")
    refused(
        lambda: services.document_file(
            actor=world.users["clerk"],
            record=record,
            filed_on=date(2025, 5, 6),
            authority="县政府",
            today=TODAY,
        ),
        record,
        "只有已公布待备案的文件可以登记备案",
    )


def test_filing_makes_the_document_effective_and_meets_the_deadline(world):
    record = at_stage(world, "effective")
    assert record.status == Status.EFFECTIVE
    assert deadline(record, "normative.filing").state(TODAY) == State.MET_ON_TIME


def test_a_late_filing_is_recorded_as_late(world):
    record = at_stage(world, "published")
    services.document_file(
        actor=world.users["clerk"],
        record=record,
        filed_on=date(2025, 6, 3),
        authority="甲县人民政府",
        today=TODAY,
    )
    assert deadline(record, "normative.filing").state(TODAY) == State.MET_LATE


# 修改、废止、失效 ----------------------------------------------------------------


def test_only_an_effective_document_is_amended(world):
    record = at_stage(world, "published")
    amend = lambda: services.document_amend(  # noqa: E731
        actor=world.users["clerk"],
        record=record,
        started_on=date(2025, 9, 1),
        reason="上位法修订",
        today=TODAY,
    )
    refused(amend, record, "只有已备案的有效文件可以启动修改")


def test_an_amendment_goes_through_review_and_deliberation_again(world):
    record = at_stage(world, "effective")
    services.document_amend(
        actor=world.users["clerk"],
        record=record,
        started_on=date(2025, 9, 1),
        reason="上位法修订",
        today=TODAY,
    )
    record.refresh_from_db()
    assert (record.status, record.revision, record.in_force) == (Status.AMENDING, 2, True)
    # The first revision's review and deliberation do not cover the amended text.
    refused(
        publish(world, record, doc_number="甲政规〔2025〕5号", published_on=date(2025, 9, 2)),
        record,
        "未经合法性审核通过",
    )


def test_repeal_only_of_a_document_in_force(world):
    record = at_stage(world, "approved")
    repeal = lambda: services.document_repeal(  # noqa: E731
        actor=world.users["clerk"],
        record=record,
        repealed_on=date(2025, 9, 1),
        reason="上位法废止",
        today=TODAY,
    )
    refused(repeal, record, "只有现行有效的文件可以废止")
    effective = at_stage(
        world, "effective", title="集镇环境卫生管理暂行规定", number="甲政规〔2025〕2号"
    )
    services.document_repeal(
        actor=world.users["clerk"],
        record=effective,
        repealed_on=date(2025, 9, 1),
        reason="上位法废止",
        today=TODAY,
    )
    effective.refresh_from_db()
    assert (effective.status, effective.ended_on) == (Status.REPEALED, date(2025, 9, 1))


def test_expiry_only_once_the_validity_has_run(world):
    def expire(record, day):
        return lambda: services.document_expire(
            actor=world.users["clerk"], record=record, expired_on=day, today=date(2027, 1, 1)
        )

    undated = at_stage(world, "effective")
    refused(expire(undated, date(2026, 4, 28)), undated, "未设定有效期，不会因期满失效")
    dated = at_stage(world, "approved", title="集镇环境卫生管理暂行规定")
    publish(world, dated, validity_years=1, doc_number="甲政规〔2025〕2号")()
    dated.refresh_from_db()
    assert dated.expires_on == date(2026, 4, 27)
    refused(expire(dated, date(2026, 4, 27)), dated, "届满前不能登记失效")
    expire(dated, date(2026, 4, 28))()
    dated.refresh_from_db()
    assert (dated.status, dated.in_force) == (Status.EXPIRED, False)


# The generic edit and archive ----------------------------------------------------


def test_a_published_text_is_not_edited_through_the_ledger_form(world):
    record = at_stage(world, "published")
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        record_update(
            actor=world.users["clerk"], kind=KIND, record=record, data={"title": "改过的标题"}
        )
    assert "该文件已公布，不能直接修改内容" in " ".join(caught.value.messages)
    record.refresh_from_db()
    assert snapshot() == before
    draft = document(world, title="集镇环境卫生管理暂行规定")
    assert record_update(
        actor=world.users["clerk"], kind=KIND, record=draft, data={"title": "集镇环境卫生管理规定"}
    )


def test_an_archived_document_is_not_processed(world):
    record = document(world)
    record_archive(actor=world.users["clerk"], kind=KIND, record=record, reason="重复录入")
    record.refresh_from_db()
    refused(
        lambda: services.consultation_start(
            actor=world.users["clerk"],
            record=record,
            starts_on=date(2025, 3, 10),
            ends_on=date(2025, 4, 9),
            channel="政府网站",
            today=TODAY,
        ),
        record,
        "该记录已归档",
    )


def test_an_amended_document_is_published_and_filed_again(world):
    clerk, reviewer = world.users["clerk"], world.users["reviewer"]
    record = at_stage(world, "effective")
    services.document_amend(
        actor=clerk, record=record, started_on=date(2025, 9, 1), reason="上位法修订", today=TODAY
    )
    services.consultation_start(
        actor=clerk,
        record=record,
        starts_on=date(2025, 9, 2),
        ends_on=date(2025, 10, 9),
        channel="政府网站",
        today=TODAY,
    )
    services.consultation_close(
        actor=clerk, record=record, closed_on=date(2025, 10, 9), today=TODAY
    )
    services.review_submit(actor=clerk, record=record, submitted_on=date(2025, 10, 10), today=TODAY)
    services.review_record(
        actor=reviewer, record=record, reviewed_on=date(2025, 10, 17), opinion="passed", today=TODAY
    )
    services.deliberation_record(
        actor=clerk,
        record=record,
        meeting_on=date(2025, 10, 24),
        meeting_title="镇党政联席会议",
        today=TODAY,
    )
    publish(world, record, published_on=date(2025, 10, 27), doc_number="甲政规〔2025〕6号")()
    record.refresh_from_db()
    assert (record.status, record.revision, record.filed_on) == (Status.PUBLISHED, 2, None)
    filing = deadline(record, "normative.filing")
    assert (filing.triggered_on, filing.met_on) == (date(2025, 10, 27), None)


@pytest.mark.parametrize(
    "stage, call, message",
    [
        (
            "drafting",
            lambda u, r: services.consultation_start(
                actor=u,
                record=r,
                starts_on=date(2025, 3, 1),
                ends_on=date(2025, 4, 30),
                channel="政府网站",
                today=TODAY,
            ),
            "征求意见开始日期不能早于起草日期",
        ),
        (
            "consulted",
            lambda u, r: services.review_submit(
                actor=u, record=r, submitted_on=date(2025, 4, 8), today=TODAY
            ),
            "送审日期不能早于征求意见结束日期",
        ),
        (
            "deliberation",
            lambda u, r: services.deliberation_record(
                actor=u, record=r, meeting_on=date(2025, 4, 17), meeting_title="会议", today=TODAY
            ),
            "审议会议日期不能早于合法性审核日期",
        ),
        (
            "deliberation",
            lambda u, r: services.deliberation_record(
                actor=u, record=r, meeting_on=date(2025, 4, 25), meeting_title=" ", today=TODAY
            ),
            "请填写会议名称",
        ),
        (
            "published",
            lambda u, r: services.document_file(
                actor=u, record=r, filed_on=date(2025, 4, 27), authority="县政府", today=TODAY
            ),
            "备案日期不能早于公布日期",
        ),
        (
            "published",
            lambda u, r: services.document_file(
                actor=u, record=r, filed_on=date(2025, 5, 6), authority="", today=TODAY
            ),
            "请填写备案机关",
        ),
        (
            "effective",
            lambda u, r: services.document_amend(
                actor=u, record=r, started_on=date(2025, 5, 1), reason="修订", today=TODAY
            ),
            "启动修改日期不能早于备案日期",
        ),
        (
            "effective",
            lambda u, r: services.document_repeal(
                actor=u, record=r, repealed_on=date(2025, 9, 1), reason="", today=TODAY
            ),
            "请填写废止原因",
        ),
        (
            "approved",
            lambda u, r: services.review_record(
                actor=None, record=r, reviewed_on=date(2025, 5, 1), opinion="passed", today=TODAY
            ),
            "该文件不在合法性审核阶段",
        ),
        (
            "review",
            lambda u, r: services.consultation_close(
                actor=u, record=r, closed_on=date(2025, 5, 1), today=TODAY
            ),
            "该文件不在公开征求意见阶段",
        ),
    ],
)
def test_steps_keep_their_order_and_required_facts(world, stage, call, message):
    record = at_stage(world, stage)
    refused(lambda: call(world.users["clerk"], record), record, message)


def test_the_filing_period_is_the_one_the_county_set(world):
    from fazhi.deadlines.services import period_set

    period_set(
        actor=world.users["county_admin"],
        county=world.orgs["A"],
        code="normative.filing",
        days=3,
        reason="本县规定印发之日起3日内备案",
    )
    record = at_stage(world, "published")
    # 2025-04-28 + 3 days = 2025-05-01, a holiday: the period ends on the next working day.
    assert deadline(record, "normative.filing").due_on == date(2025, 5, 6)
    other_county = at_stage(world, "published", org="B1")
    assert deadline(other_county, "normative.filing").due_on == date(2025, 5, 13)
