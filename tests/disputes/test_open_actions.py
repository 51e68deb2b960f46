"""A petition's page (and a follow-up person's) offers exactly the actions whose service
accepts valid input, in every state and for every role: the preconditions live in the services."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from fazhi.core.actions import refusal
from fazhi.disputes import views
from fazhi.disputes.kinds import FOLLOW_UP, PETITIONS
from fazhi.disputes.models import FollowUpPerson, Petition
from fazhi.disputes.services import followup
from fazhi.disputes.services import petitions as services
from fazhi.ledgers.services import record_archive
from tests.disputes.helpers import make_person, make_petition
from tests.workflow_actions import accepted

ROLES = ("clerk", "reviewer", "leader", "inspector")
DAY = date(2025, 3, 10)


def sample_calls(pk, actor) -> dict:
    def fresh():
        return Petition.objects.select_related("organisation").get(pk=pk)

    current = fresh()
    return {
        "decide": lambda: services.petition_decide(
            actor=actor, record=fresh(), decision="accept", decided_on=current.occurred_on
        ),
        "extend": lambda: services.petition_extend(
            actor=actor,
            record=fresh(),
            approved_on=current.decided_on or DAY,
            days=1,
            approver="镇长",
            reason="需进一步调查",
        ),
        "reply": lambda: services.petition_reply(
            actor=actor, record=fresh(), replied_on=current.decided_on or DAY, reply_text="已处理"
        ),
        "review": lambda: services.petition_request_review(
            actor=actor,
            record=fresh(),
            requested_on=current.replied_on or DAY,
            review_body="县信访局",
        ),
    }


@pytest.fixture
def petitions(world):
    states = {"registered": make_petition(world, matter="甲")}
    for name, decision in (("accepted", "accept"), ("not_accepted", "not_accept")):
        record = make_petition(world, matter=name)
        services.petition_decide(
            actor=None, record=record, decision=decision, decided_on=DAY, note="不属于受理范围"
        )
        states[name] = record
    extended = make_petition(world, matter="延期满")
    services.petition_decide(actor=None, record=extended, decision="accept", decided_on=DAY)
    services.petition_extend(
        actor=None, record=extended, approved_on=DAY, days=30, approver="镇长", reason="复杂"
    )
    states["fully_extended"] = extended
    for name in ("replied", "review_requested"):
        record = make_petition(world, matter=name)
        services.petition_decide(actor=None, record=record, decision="accept", decided_on=DAY)
        services.petition_reply(
            actor=None, record=record, replied_on=DAY + timedelta(days=5), reply_text="已处理"
        )
        if name == "review_requested":
            services.petition_request_review(
                actor=None,
                record=record,
                requested_on=DAY + timedelta(days=6),
                review_body="县信访局",
            )
        states[name] = record
    archived = make_petition(world, matter="已归档")
    record_archive(actor=None, kind=PETITIONS, record=archived, reason="重复登记")
    states["archived"] = archived
    return states


def test_the_page_actions_are_the_services_actions():
    assert list(views.ACTIONS) == list(services.ACTION_CHECKS)


@pytest.mark.parametrize("role", ROLES)
def test_offered_exactly_when_the_service_accepts(world, petitions, role):
    actor = world.users[role]
    seen = set()
    for state, record in petitions.items():
        record = Petition.objects.get(pk=record.pk)
        offered = set(services.open_actions(actor, record))
        assert offered == accepted(sample_calls(record.pk, actor)), state
        seen |= offered
    assert seen == (set(services.ACTION_CHECKS) if role == "clerk" else set())


@pytest.mark.parametrize("role", ROLES)
def test_a_visit_form_is_offered_exactly_when_a_visit_is_accepted(world, role):
    actor = world.users[role]
    people = [make_person(world), make_person(world, occurred_on=date(2025, 2, 1))]
    record_archive(actor=None, kind=FOLLOW_UP, record=people[1], reason="重复登记")
    for person in people:
        person = FollowUpPerson.objects.get(pk=person.pk)

        def visit(person=person):
            followup.visit_record(
                actor=actor,
                record=FollowUpPerson.objects.get(pk=person.pk),
                visited_on=person.occurred_on,
                visitor="司法所",
                method="home",
                situation="表现良好",
            )

        offered = refusal(followup.visit_check, actor, person) is None
        assert offered == bool(accepted({"visit": visit}))
        assert offered == (role == "clerk" and not person.is_archived)


def test_the_petition_page_shows_the_open_actions_only(client, world, petitions):
    client.force_login(world.users["clerk"])
    page = client.get(reverse("disputes:petition", args=[petitions["fully_extended"].pk]))
    # Extended by the full 30 days: only the reply remains.
    assert set(page.context["forms"]) == {"reply"}
