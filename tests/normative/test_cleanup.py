"""The yearly cleanup (清理): every document in force listed, a conclusion on each, results applied
(REGULATIONS.md §4, local rule R21)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create, record_update
from fazhi.normative import services
from fazhi.normative.models import CleanupItem, CleanupRound, Status
from tests.normative.helpers import TODAY, at_stage, document, snapshot

pytestmark = pytest.mark.django_db
KIND = get_kind("normative-cleanups")


def new_round(world, org="A1", day=date(2025, 12, 10)):
    return record_create(
        actor=None,
        kind=KIND,
        organisation=world.orgs[org],
        data={"occurred_on": day, "title": "2025年度规范性文件清理"},
    )


@pytest.fixture
def township(world):
    """Three documents in force in A1 (one only published), a draft, and one in A2."""
    docs = {
        "keep": at_stage(world, "effective", number="甲政规〔2025〕1号"),
        "amend": at_stage(
            world, "effective", title="集镇环境卫生管理暂行规定", number="甲政规〔2025〕2号"
        ),
        "repeal": at_stage(
            world, "published", title="关于加强森林防火管理工作的通告", number="甲政规〔2025〕3号"
        ),
        "draft": document(world, title="畜禽养殖污染防治管理规定"),
        "other": at_stage(world, "effective", org="A2", title="乙镇农村饮用水工程管护办法"),
    }
    return docs


def listed(cleanup):
    return {item.document_id for item in CleanupItem.objects.filter(cleanup=cleanup)}


def cleanup_state(cleanup) -> tuple:
    cleanup.refresh_from_db()
    return (cleanup.completed_on, cleanup.history.count(), CleanupItem.history.count())


def test_listing_takes_every_document_in_force_of_the_township_only(world, township):
    cleanup = new_round(world)
    added = services.cleanup_list_documents(actor=world.users["clerk"], cleanup=cleanup)
    assert added == 3
    wanted = {township[key].pk for key in ("keep", "amend", "repeal")}
    assert listed(cleanup) == wanted
    # A second listing adds nothing.
    assert services.cleanup_list_documents(actor=world.users["clerk"], cleanup=cleanup) == 0


def test_a_document_published_after_the_cleanup_date_is_not_listed(world, township):
    cleanup = new_round(world, day=date(2025, 4, 27))
    services.cleanup_list_documents(actor=world.users["clerk"], cleanup=cleanup)
    assert listed(cleanup) == set()


def test_a_reviewer_cannot_run_the_cleanup(world, township):
    cleanup = new_round(world)
    with pytest.raises(PermissionDenied, match="无权办理"):
        services.cleanup_list_documents(actor=world.users["reviewer"], cleanup=cleanup)
    assert listed(cleanup) == set()


def test_amend_or_repeal_needs_a_reason(world, township):
    cleanup = new_round(world)
    services.cleanup_list_documents(actor=world.users["clerk"], cleanup=cleanup)
    item = CleanupItem.objects.get(cleanup=cleanup, document=township["repeal"])
    before = cleanup_state(cleanup)
    with pytest.raises(ValidationError, match="须写明理由"):
        services.cleanup_decide(
            actor=world.users["clerk"], cleanup=cleanup, item=item, decision="repeal", reason=""
        )
    assert cleanup_state(cleanup) == before
    item.refresh_from_db()
    assert item.decision == ""


def test_results_are_refused_while_a_document_has_no_conclusion(world, township):
    cleanup = new_round(world)
    services.cleanup_list_documents(actor=world.users["clerk"], cleanup=cleanup)
    item = CleanupItem.objects.get(cleanup=cleanup, document=township["keep"])
    services.cleanup_decide(actor=world.users["clerk"], cleanup=cleanup, item=item, decision="keep")
    before = cleanup_state(cleanup), snapshot()
    with pytest.raises(ValidationError, match="还有 2 件文件未作出清理结论"):
        services.cleanup_apply(
            actor=world.users["clerk"],
            cleanup=cleanup,
            completed_on=date(2025, 12, 20),
            today=TODAY,
        )
    assert (cleanup_state(cleanup), snapshot()) == before


def test_results_are_refused_while_a_document_in_force_is_not_listed(world, township):
    cleanup = new_round(world)
    services.cleanup_list_documents(actor=world.users["clerk"], cleanup=cleanup)
    for item in CleanupItem.objects.filter(cleanup=cleanup):
        services.cleanup_decide(
            actor=world.users["clerk"], cleanup=cleanup, item=item, decision="keep"
        )
    late = at_stage(
        world, "effective", title="农村集体资产租赁管理办法", number="甲政规〔2025〕9号"
    )
    before = cleanup_state(cleanup)
    with pytest.raises(ValidationError, match="还有 1 件现行有效文件未列入本轮清理"):
        services.cleanup_apply(
            actor=world.users["clerk"],
            cleanup=cleanup,
            completed_on=date(2025, 12, 20),
            today=TODAY,
        )
    assert cleanup_state(cleanup) == before
    assert late.status == Status.EFFECTIVE


def test_applying_the_results_repeals_and_reopens(world, township):
    clerk = world.users["clerk"]
    cleanup = new_round(world)
    services.cleanup_list_documents(actor=clerk, cleanup=cleanup)
    decisions = {
        "keep": ("keep", ""),
        "amend": ("amend", "与新修订的上位法不一致"),
        "repeal": ("repeal", "调整对象已不存在"),
    }
    for key, (decision, reason) in decisions.items():
        item = CleanupItem.objects.get(cleanup=cleanup, document=township[key])
        services.cleanup_decide(
            actor=clerk, cleanup=cleanup, item=item, decision=decision, reason=reason
        )
    services.cleanup_apply(
        actor=clerk, cleanup=cleanup, completed_on=date(2025, 12, 20), today=TODAY
    )
    for doc in township.values():
        doc.refresh_from_db()
    assert township["keep"].status == Status.EFFECTIVE
    assert (township["amend"].status, township["amend"].revision) == (Status.AMENDING, 2)
    repealed = township["repeal"]
    assert (repealed.status, repealed.ended_on) == (Status.REPEALED, date(2025, 12, 20))
    assert "2025年清理：调整对象已不存在" in repealed.end_reason
    assert township["draft"].status == Status.DRAFTING
    assert township["other"].status == Status.EFFECTIVE
    cleanup.refresh_from_db()
    assert cleanup.completed_on == date(2025, 12, 20)
    # A round whose results are published is closed.
    item = CleanupItem.objects.get(cleanup=cleanup, document=township["keep"])
    with pytest.raises(ValidationError, match="不能再修改"):
        services.cleanup_decide(
            actor=clerk, cleanup=cleanup, item=item, decision="repeal", reason="改主意"
        )
    item.refresh_from_db()
    assert item.decision == "keep"
    with pytest.raises(ValidationError, match="不能再修改"):
        record_update(actor=clerk, kind=KIND, record=cleanup, data={"notes": "补充说明"})


def test_an_empty_round_cannot_publish_results(world):
    cleanup = new_round(world)
    with pytest.raises(ValidationError, match="尚未列入任何文件"):
        services.cleanup_apply(
            actor=world.users["clerk"],
            cleanup=cleanup,
            completed_on=date(2025, 12, 20),
            today=TODAY,
        )
    cleanup.refresh_from_db()
    assert cleanup.completed_on is None


def test_one_round_a_township_a_year(world):
    new_round(world)
    with pytest.raises(ValidationError) as caught:
        new_round(world, day=date(2025, 6, 1))
    assert "本乡镇2025年已有清理记录" in " ".join(caught.value.messages)
    assert CleanupRound.objects.count() == 1
    new_round(world, org="A2")
    new_round(world, day=date(2024, 12, 10))
    assert CleanupRound.objects.count() == 3
