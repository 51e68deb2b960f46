"""A case page offers exactly the actions whose service accepts valid input, for every state a
case passes through and every role: the preconditions live in the services only."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from fazhi.enforcement import checklists, services, views
from fazhi.enforcement.models import Case, LegalReview, ProcessRecord
from fazhi.ledgers.services import record_archive
from tests.enforcement.helpers import CASES, case, officer, staffed_case
from tests.workflow_actions import accepted

ROLES = ("clerk", "reviewer", "inspector", "leader")


def _later(*days) -> date:
    return max(day for day in days if day is not None)


def sample_calls(world, pk, actor) -> dict:
    """Each action's service with valid input for the case as it is now (a fresh copy per
    call: a refused or rolled-back call leaves no trace)."""

    def fresh():
        return Case.objects.select_related("organisation").get(pk=pk)

    current = fresh()
    start = current.occurred_on
    on_case = set(current.officers.values_list("officer_id", flat=True))
    spare = next(o for o in world.spare_officers if o.pk not in on_case)
    recorded = set(current.process_records.values_list("stage", "form"))
    stage, form = next(
        (s, f)
        for s in ProcessRecord.Stage.values
        for f in ProcessRecord.Form.values
        if (s, f) not in recorded
    )
    review = current.legal_reviews.order_by("reviewed_on", "pk").last()
    decided = _later(start, current.hearing_on, review.reviewed_on if review else None)
    return {
        "officer_add": lambda: services.case_officer_add(
            actor=actor, record=fresh(), officer=spare, assigned_on=start
        ),
        "process_record": lambda: services.process_record_add(
            actor=actor, record=fresh(), stage=stage, form=form, made_on=start, description="笔录"
        ),
        "hearing": lambda: services.case_hearing_record(actor=actor, record=fresh(), held_on=start),
        "extend": lambda: services.case_extend(
            actor=actor, record=fresh(), days=10, approved_on=start, approver="镇长", reason="复杂"
        ),
        "review_submit": lambda: services.case_review_submit(
            actor=actor, record=fresh(), submitted_on=start
        ),
        "review_record": lambda: services.legal_review_record(
            actor=actor,
            record=fresh(),
            reviewed_on=current.review_submitted_on or start,
            opinion=LegalReview.Opinion.PASSED,
            reviewer_name="法制审核员",
        ),
        "decide": lambda: services.case_decide(
            actor=actor, record=fresh(), decided_on=decided, result="罚款", late_reason="说明"
        ),
        "serve": lambda: services.case_serve(
            actor=actor, record=fresh(), served_on=current.decided_on or start
        ),
        "publicise": lambda: services.case_publicise(
            actor=actor,
            record=fresh(),
            publicised_on=current.decided_on or start,
            channel="政府网站",
            late_reason="说明",
        ),
        "close": lambda: services.case_close(
            actor=actor,
            record=fresh(),
            closed_on=_later(start, current.served_on, current.publicised_on),
        ),
        "file_review": lambda: services.case_file_review_record(
            actor=actor,
            record=fresh(),
            reviewed_on=current.closed_on or start,
            reviewer_name="评查组",
            scores={field: maximum for field, _, maximum in checklists.SCORE_ITEMS},
        ),
    }


def _states(world) -> dict[str, Case]:
    day = date(2025, 3, 10)
    states = {"filed": staffed_case(world, case_number="1号")}
    states["unstaffed"] = case(world, case_number="2号")
    states["licence"] = staffed_case(world, case_number="3号", case_type="licence")
    major = {"is_major": True, "major_criterion": "public_interest"}
    states["major_unreviewed"] = staffed_case(world, case_number="4号", **major)
    in_review = staffed_case(world, case_number="5号", **major)
    services.case_review_submit(actor=None, record=in_review, submitted_on=day)
    states["in_review"] = in_review
    reviewed = staffed_case(world, case_number="6号", **major)
    services.case_review_submit(actor=None, record=reviewed, submitted_on=day)
    services.legal_review_record(
        actor=None,
        record=reviewed,
        reviewed_on=day,
        opinion=LegalReview.Opinion.PASSED,
        reviewer_name="法制审核员",
    )
    states["major_reviewed"] = reviewed
    heard = staffed_case(world, case_number="7号")
    services.case_hearing_record(actor=None, record=heard, held_on=day)
    states["heard"] = heard
    steps = ("decided", "served", "publicised", "closed", "file_reviewed")
    for index, name in enumerate(steps):
        record = staffed_case(world, case_number=f"1{index}号")
        services.case_decide(actor=None, record=record, decided_on=day, result="罚款")
        if name != "decided":
            services.case_serve(actor=None, record=record, served_on=day)
        if name in ("publicised", "closed", "file_reviewed"):
            services.case_publicise(
                actor=None, record=record, publicised_on=day, channel="政府网站"
            )
        if name in ("closed", "file_reviewed"):
            services.case_close(actor=None, record=record, closed_on=day + timedelta(days=1))
        if name == "file_reviewed":
            services.case_file_review_record(
                actor=None,
                record=record,
                reviewed_on=day + timedelta(days=2),
                reviewer_name="评查组",
                scores={field: maximum for field, _, maximum in checklists.SCORE_ITEMS},
            )
        states[name] = record
    archived = staffed_case(world, case_number="20号")
    record_archive(actor=None, kind=CASES, record=archived, reason="重复登记")
    states["archived"] = archived
    return states


@pytest.fixture
def cases(world):
    world.spare_officers = [officer(world, f"备用{i}", f"A1-spare-{i}") for i in range(3)]
    return _states(world)


def test_the_page_actions_are_the_services_actions():
    assert list(views.ACTIONS) == list(services.ACTION_CHECKS)


@pytest.mark.parametrize("role", ROLES)
def test_offered_exactly_when_the_service_accepts(world, cases, role):
    actor = world.users[role]
    seen = set()
    for state, record in cases.items():
        record = Case.objects.get(pk=record.pk)
        offered = set(services.open_actions(actor, record))
        assert offered == accepted(sample_calls(world, record.pk, actor)), state
        seen |= offered
    if role == "clerk":
        # The states cover every action the clerk can take.
        assert seen == set(services.ACTION_CHECKS) - {"review_record", "file_review"}


def test_the_case_page_shows_the_open_actions_only(client, world, cases):
    client.force_login(world.users["clerk"])
    response = client.get(reverse("enforcement:record", args=[cases["served"].pk]))
    labels = {action["label"] for action in response.context["actions"]}
    # Served but not publicised: 结案 is not offered (the service would refuse it).
    assert labels == {"登记办案人员", "登记全过程记录", "登记公示"}
