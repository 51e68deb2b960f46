"""A document's page (and a cleanup round's) offers exactly the actions whose service accepts
valid input, in every state and for every role: the preconditions live in the services."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_archive, record_create
from fazhi.normative import services, views
from fazhi.normative.models import CleanupItem, CleanupRound, NormativeDocument
from tests.normative.helpers import at_stage, document
from tests.workflow_actions import accepted

ROLES = ("clerk", "reviewer", "leader")
TODAY = date(2026, 12, 6)


def sample_calls(pk, actor) -> dict:
    def fresh():
        return NormativeDocument.objects.select_related("organisation").get(pk=pk)

    day = {"today": TODAY}
    return {
        "consultation_start": lambda: services.consultation_start(
            actor=actor,
            record=fresh(),
            starts_on=TODAY,
            ends_on=TODAY + timedelta(days=40),
            channel="政府网站",
            **day,
        ),
        "consultation_close": lambda: services.consultation_close(
            actor=actor, record=fresh(), closed_on=TODAY, **day
        ),
        "review_submit": lambda: services.review_submit(
            actor=actor, record=fresh(), submitted_on=TODAY, **day
        ),
        "review_record": lambda: services.review_record(
            actor=actor, record=fresh(), reviewed_on=TODAY, opinion="passed", **day
        ),
        "deliberation_record": lambda: services.deliberation_record(
            actor=actor, record=fresh(), meeting_on=TODAY, meeting_title="党政联席会议", **day
        ),
        "publish": lambda: services.document_publish(
            actor=actor,
            record=fresh(),
            published_on=TODAY,
            doc_number="甲政规〔2026〕99号",
            channel="政府网站",
            validity_years=5,
            **day,
        ),
        "file": lambda: services.document_file(
            actor=actor, record=fresh(), filed_on=TODAY, authority="甲县人民政府", **day
        ),
        "amend": lambda: services.document_amend(
            actor=actor, record=fresh(), started_on=TODAY, reason="上位法修改", **day
        ),
        "repeal": lambda: services.document_repeal(
            actor=actor, record=fresh(), repealed_on=TODAY, reason="不再适用", **day
        ),
        "expire": lambda: services.document_expire(
            actor=actor, record=fresh(), expired_on=TODAY, **day
        ),
    }


@pytest.fixture
def documents(world):
    stages = ["drafting", "consultation", "consulted", "review", "deliberation", "approved"]
    states = {
        stage: at_stage(world, stage, title=stage, number=f"甲政规〔2025〕{i}号")
        for i, stage in enumerate([*stages, "published", "effective"], start=1)
    }
    running = document(world, title="征求意见期未满", drafted=TODAY - timedelta(days=10))
    services.consultation_start(
        actor=None,
        record=running,
        starts_on=TODAY - timedelta(days=5),
        ends_on=TODAY + timedelta(days=30),
        channel="政府网站",
        today=TODAY,
    )
    states["consultation_running"] = running
    amending = at_stage(world, "effective", title="修改中", number="甲政规〔2025〕20号")
    services.document_amend(
        actor=None, record=amending, started_on=date(2025, 6, 1), reason="上位法修改", today=TODAY
    )
    states["amending"] = amending
    repealed = at_stage(world, "effective", title="已废止", number="甲政规〔2025〕21号")
    services.document_repeal(
        actor=None, record=repealed, repealed_on=date(2025, 6, 1), reason="不再适用", today=TODAY
    )
    states["repealed"] = repealed
    expiring = at_stage(world, "approved", title="有效期一年")
    services.document_publish(
        actor=None,
        record=expiring,
        published_on=date(2025, 4, 28),
        doc_number="甲政规〔2025〕22号",
        channel="政府网站",
        validity_years=1,
        today=TODAY,
    )
    states["expired_validity"] = expiring
    archived = document(world, title="已归档")
    record_archive(
        actor=None, kind=get_kind("normative-documents"), record=archived, reason="重复登记"
    )
    states["archived"] = archived
    return states


def test_the_page_actions_are_the_services_actions():
    assert list(views.ACTIONS) == list(services.ACTION_CHECKS)


@pytest.mark.parametrize("role", ROLES)
def test_offered_exactly_when_the_service_accepts(world, documents, role):
    actor = world.users[role]
    seen = set()
    for state, record in documents.items():
        record = NormativeDocument.objects.get(pk=record.pk)
        offered = set(services.open_actions(actor, record, TODAY))
        assert offered == accepted(sample_calls(record.pk, actor)), state
        seen |= offered
    expected = {
        "clerk": set(services.DOCUMENT_CHECKS) - {"review_record"},
        "reviewer": {"review_record"},
        "leader": set(),
    }
    assert seen == expected[role]


def cleanup_calls(pk, actor) -> dict:
    def fresh():
        return CleanupRound.objects.select_related("organisation").get(pk=pk)

    item = CleanupItem.objects.filter(cleanup_id=pk).order_by("pk").first()
    return {
        "cleanup_list": lambda: services.cleanup_list_documents(actor=actor, cleanup=fresh()),
        "cleanup_decide": lambda: services.cleanup_decide(
            actor=actor, cleanup=fresh(), item=item, decision="keep"
        ),
        "cleanup_apply": lambda: services.cleanup_apply(
            actor=actor, cleanup=fresh(), completed_on=TODAY, today=TODAY
        ),
    }


@pytest.mark.parametrize("role", ROLES)
def test_a_cleanup_round_offers_exactly_what_its_services_accept(world, role):
    for i in (1, 2):
        at_stage(world, "effective", title=f"现行文件{i}", number=f"甲政规〔2025〕{i}号")
    round_ = record_create(
        actor=None,
        kind=get_kind("normative-cleanups"),
        organisation=world.orgs["A1"],
        data={"occurred_on": date(2025, 12, 10), "title": "2025年度规范性文件清理"},
    )
    actor = world.users[role]

    def offered_is_accepted(state):
        current = CleanupRound.objects.get(pk=round_.pk)
        offered = set(services.open_cleanup_actions(actor, current, TODAY))
        assert offered == accepted(cleanup_calls(round_.pk, actor)), state
        return offered

    # The round through its states: new, listed, every document concluded, results published.
    states = [offered_is_accepted("new")]
    services.cleanup_list_documents(actor=None, cleanup=round_)
    states.append(offered_is_accepted("listed"))
    for item in CleanupItem.objects.filter(cleanup=round_):
        services.cleanup_decide(actor=None, cleanup=round_, item=item, decision="keep")
    states.append(offered_is_accepted("decided"))
    services.cleanup_apply(actor=None, cleanup=round_, completed_on=TODAY, today=TODAY)
    states.append(offered_is_accepted("completed"))
    if role == "clerk":
        assert states == [
            {"cleanup_list"},
            {"cleanup_list", "cleanup_decide"},
            set(services.CLEANUP_CHECKS),
            set(),
        ]
    else:
        assert states == [set()] * 4


def test_the_document_page_shows_the_open_actions_only(client, world, documents):
    client.force_login(world.users["clerk"])
    page = client.get(reverse("normative:record", args=[documents["drafting"].pk]))
    names = {action.name for action, _form in page.context["actions"]}
    # Never consulted: 送交合法性审核 would be refused, so only 开始公开征求意见 is offered.
    assert names == {"consultation_start"}
