"""矛盾纠纷, 公共法律服务, 公开与监督 and 期限 figures on hand-built data (see
test_computations.py)."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType

from fazhi.deadlines.models import Deadline
from fazhi.deadlines.periods import get_period
from fazhi.disputes import timelimits
from fazhi.disputes.models import (
    AnalysisMeeting,
    FollowUpPerson,
    FollowUpVisit,
    MediationCase,
    Petition,
    ScreeningRound,
)
from fazhi.governance.models import Task
from fazhi.indicators import engine
from fazhi.legal_services.models import AdvisorContract, LegalAidCase, LegalService
from fazhi.openness.duedates import sync_deadlines as complaint_deadlines
from fazhi.openness.models import ANSWER_PERIOD, Complaint, Disclosure, Supervision
from tests.indicators.test_computations import TODAY, YEAR, archive, check_domain, rec

# --- 矛盾纠纷 ----------------------------------------------------------------------------------


def _screening(org, day):
    return rec(ScreeningRound, org, day, scope=f"排查{day}", issues_found=3)


def _analysis(org, day):
    return rec(
        AnalysisMeeting,
        org,
        day,
        topic=f"研判{day}",
        chaired_by="某某",
        attendees=5,
        issues_analysed=2,
    )


def _mediation(org, day, result=""):
    return rec(
        MediationCase,
        org,
        day,
        parties=f"甲、乙{day}",
        dispute_type="neighbour",
        summary="邻里纠纷",
        mediator="调解员",
        method="people",
        result=result,
        closed_on=day if result else None,
    )


def _service(org, day, service_type, people=1):
    return rec(
        LegalService,
        org,
        day,
        service_type=service_type,
        advisor="律师",
        subject=f"服务{day}{service_type}",
        people_served=people,
    )


def _petition(org, day, status, *, decided_on=None, replied_on=None):
    """A petition as its workflow leaves it: an accepted one has the handling deadline (60
    days from acceptance), met on the reply date."""
    petition = rec(
        Petition,
        org,
        day,
        channel="visit",
        petitioner="信访人",
        address="某村",
        matter=f"事项{day}{status}",
        responsible_unit="司法所",
        status=status,
        decided_on=decided_on,
        replied_on=replied_on,
    )
    timelimits.sync_deadlines(petition)  # as the ledger and workflow services do
    return petition


def _person(org, day):
    return rec(
        FollowUpPerson,
        org,
        day,
        category="resettlement",
        name="帮教对象",
        id_number="110101199003071234",
        address="某村",
        reason="刑满释放",
        helper="司法所",
        visit_interval_days=30,
    )


def _visit(person, day):
    return FollowUpVisit.objects.create(
        organisation=person.organisation,
        person=person,
        visited_on=day,
        visitor="司法所",
        method="home",
        situation="表现良好",
    )


@pytest.mark.django_db
def test_dispute_figures(world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    v1, a2v1 = world.orgs["A1V1"], world.orgs["A2V1"]
    screenings = [_screening(a1, date(YEAR, 3, 1)), _screening(a1, date(YEAR, 9, 1))]
    archive(_screening(a1, date(YEAR, 6, 1)))
    _screening(a1, date(YEAR - 1, 6, 1))
    _screening(a2, date(YEAR, 6, 1))
    meetings = [_analysis(a1, date(YEAR, 4, 1))]
    archive(_analysis(a1, date(YEAR, 5, 1)))
    _analysis(a1, date(YEAR + 1, 1, 5))
    _analysis(a2, date(YEAR, 5, 1))

    success = [
        _mediation(a1, date(YEAR, 1, 10), "success"),
        _mediation(v1, date(YEAR, 2, 10), "success"),
    ]
    failed = _mediation(a1, date(YEAR, 3, 10), "failed")
    open_case = _mediation(a1, date(YEAR, 12, 10))
    archive(_mediation(a1, date(YEAR, 4, 10), "success"))
    _mediation(a1, date(YEAR - 1, 4, 10), "success")
    _mediation(a2, date(YEAR, 4, 10), "success")

    assisted = [
        _service(v1, date(YEAR, 5, 1), "mediation", 2),
        _service(v1, date(YEAR, 6, 1), "mediation", 3),
    ]
    _service(v1, date(YEAR, 5, 2), "consultation")
    archive(_service(v1, date(YEAR, 7, 1), "mediation"))
    _service(v1, date(YEAR - 1, 7, 1), "mediation")
    _service(a2v1, date(YEAR, 7, 1), "mediation")

    S = Petition.Status
    on_time = _petition(
        a1, date(YEAR, 2, 1), S.REPLIED, decided_on=date(YEAR, 2, 5), replied_on=date(YEAR, 3, 1)
    )
    replied_late = _petition(
        a1, date(YEAR, 3, 1), S.REPLIED, decided_on=date(YEAR, 3, 5), replied_on=date(YEAR, 6, 15)
    )
    handling = _petition(a1, date(YEAR, 11, 1), S.ACCEPTED, decided_on=date(YEAR, 11, 5))
    reviewed = _petition(
        a1,
        date(YEAR, 4, 1),
        S.REVIEW_REQUESTED,
        decided_on=date(YEAR, 4, 3),
        replied_on=date(YEAR, 5, 20),
    )
    _petition(a1, date(YEAR, 5, 1), S.NOT_ACCEPTED, decided_on=date(YEAR, 5, 3))
    _petition(a1, date(YEAR, 5, 2), S.TRANSFERRED, decided_on=date(YEAR, 5, 4))
    _petition(a1, date(YEAR, 12, 28), S.REGISTERED)
    archive(
        _petition(
            a1,
            date(YEAR, 6, 1),
            S.REPLIED,
            decided_on=date(YEAR, 6, 2),
            replied_on=date(YEAR, 6, 9),
        )
    )
    _petition(
        a1,
        date(YEAR - 1, 6, 1),
        S.REPLIED,
        decided_on=date(YEAR - 1, 6, 2),
        replied_on=date(YEAR - 1, 6, 9),
    )
    _petition(
        a2, date(YEAR, 6, 1), S.REPLIED, decided_on=date(YEAR, 6, 2), replied_on=date(YEAR, 6, 9)
    )

    person = _person(a1, date(YEAR - 1, 5, 1))  # followed since the year before
    visits = [_visit(person, date(YEAR, 3, 1)), _visit(person, date(YEAR, 9, 1))]
    _visit(person, date(YEAR - 1, 12, 31))
    gone = _person(a1, date(YEAR, 1, 5))
    _visit(gone, date(YEAR, 2, 1))
    archive(gone)
    _visit(_person(a2, date(YEAR, 1, 5)), date(YEAR, 2, 1))

    check_domain(
        world,
        "disputes",
        {
            "disputes.screenings": screenings,
            "disputes.analysis_meetings": meetings,
            "disputes.mediation_cases": [*success, failed, open_case],
            # Closed: with a result; the success rate divides by these, not by open cases.
            "disputes.mediation_closed": [*success, failed],
            "disputes.mediation_success": success,
            "disputes.mediation_success_rate": (2, 3),
            "disputes.assisted_mediations": assisted,
            "disputes.petitions": [on_time, replied_late, handling, reviewed],
            "disputes.petitions_answered_on_time": [on_time, reviewed],
            "disputes.petitions_answered_on_time_rate": (2, 4),
            "disputes.followup_visits": visits,
        },
    )


# --- 公共法律服务 -------------------------------------------------------------------------------


def _contract(org, start, end, lawyer="律师"):
    return rec(AdvisorContract, org, start, contract_end=end, lawyer=lawyer, law_firm="律所")


def _aid(org, day, status="accepted"):
    return rec(
        LegalAidCase,
        org,
        day,
        applicant=f"申请人{day}",
        case_type="labour",
        aid_form="arbitration",
        status=status,
        closed_on=day if status == "closed" else None,
    )


@pytest.mark.django_db
def test_legal_service_figures(world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    v1, v2, a2v1 = world.orgs["A1V1"], world.orgs["A1V2"], world.orgs["A2V1"]
    consultations = [
        _service(v1, date(YEAR, 1, 8), "consultation", 3),
        _service(v2, date(YEAR, 2, 8), "consultation"),
    ]
    contracts = [_service(v1, date(YEAR, 3, 8), "contract_review", 0)]
    major_matters = [_service(v1, date(YEAR, 4, 8), "major_matter", 0)]
    others = [
        _service(v2, date(YEAR, 5, 8), "lecture", 40),
        _service(v2, date(YEAR, 5, 9), "mediation", 2),
    ]
    archive(
        _service(v1, date(YEAR, 6, 8), "consultation"),
        _service(v1, date(YEAR, 6, 9), "contract_review"),
    )
    _service(v1, date(YEAR - 1, 6, 8), "consultation")
    _service(v1, date(YEAR - 1, 6, 9), "contract_review")
    _service(a2v1, date(YEAR, 6, 8), "consultation")

    # A1V1: a contract ending early in the year, then a new one; A1V2: one ending on 1 January.
    in_force = [
        _contract(v1, date(YEAR - 1, 1, 1), date(YEAR, 2, 1)),
        _contract(v1, date(YEAR, 6, 1), date(YEAR + 1, 5, 31), "新律师"),
        _contract(v2, date(YEAR - 3, 1, 1), date(YEAR, 1, 1)),
    ]
    _contract(v2, date(YEAR - 5, 1, 1), date(YEAR - 1, 12, 31), "旧律师")
    _contract(v2, date(YEAR + 1, 1, 1), date(YEAR + 2, 1, 1), "下年律师")
    archive(_contract(v2, date(YEAR, 1, 1), date(YEAR, 12, 31), "作废"))
    _contract(a2v1, date(YEAR, 1, 1), date(YEAR, 12, 31))

    aid = [_aid(a1, date(YEAR, 3, 1)), _aid(a1, date(YEAR, 4, 1), "closed")]
    archive(_aid(a1, date(YEAR, 5, 1)))
    _aid(a1, date(YEAR - 1, 5, 1))
    _aid(a2, date(YEAR, 5, 1))

    check_domain(
        world,
        "legal_services",
        {
            "legal_services.advisor_services": [
                *consultations,
                *contracts,
                *major_matters,
                *others,
            ],
            # 人次: the people served by consultations (3 + 1), not the two records.
            "legal_services.consultations": (consultations, 4),
            "legal_services.major_matter_reviews": major_matters,
            "legal_services.villages_with_advisor": in_force,
            "legal_services.legal_aid_cases": aid,
            "legal_services.contract_reviews": contracts,
        },
    )
    table = engine.evaluate(["legal_services.villages_with_advisor"], [a1], [YEAR], today=TODAY)
    assert table.value("legal_services.villages_with_advisor", a1, YEAR) == 2


# --- 公开与监督 ---------------------------------------------------------------------------------


def _disclosure(org, day):
    return rec(
        Disclosure,
        org,
        day,
        disclosure_type="government",
        channel="board",
        title=f"公开{day}",
        items=3,
    )


def _complaint(org, day, answered_on=None):
    """A complaint with the engine's answer deadline (15 days from receipt), as the ledger
    services attach it."""
    complaint = rec(
        Complaint,
        org,
        day,
        channel="12345",
        complainant="投诉人",
        matter=f"投诉{day}",
        answered_on=answered_on,
        status="answered" if answered_on else "handling",
        reply="已答复" if answered_on else "",
    )
    complaint_deadlines(complaint)
    return complaint


def _answer_due(day):
    return get_period(ANSWER_PERIOD).due(day).day


def _supervision(org, day, supervision_type):
    return rec(
        Supervision,
        org,
        day,
        supervision_type=supervision_type,
        subject=f"监督{day}",
        participants=2,
    )


@pytest.mark.django_db
def test_openness_figures(world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    disclosures = [_disclosure(a1, date(YEAR, 1, 31)), _disclosure(a1, date(YEAR, 7, 31))]
    archive(_disclosure(a1, date(YEAR, 3, 31)))
    _disclosure(a1, date(YEAR - 1, 3, 31))
    _disclosure(a2, date(YEAR, 3, 31))

    on_due_day = _complaint(a1, date(YEAR, 2, 1), _answer_due(date(YEAR, 2, 1)))
    early = _complaint(a1, date(YEAR, 3, 1), date(YEAR, 3, 5))
    late_day = _answer_due(date(YEAR, 4, 1)) + timedelta(days=1)
    late = _complaint(a1, date(YEAR, 4, 1), late_day)
    unanswered = _complaint(a1, date(YEAR, 12, 1))
    archive(_complaint(a1, date(YEAR, 5, 1), date(YEAR, 5, 2)))
    _complaint(a1, date(YEAR - 1, 5, 1), date(YEAR - 1, 5, 2))
    _complaint(a2, date(YEAR, 5, 1), date(YEAR, 5, 2))

    visits = [
        _supervision(a1, date(YEAR, 4, 1), "supervisor_visit"),
        _supervision(a1, date(YEAR, 10, 1), "supervisor_visit"),
    ]
    _supervision(a1, date(YEAR, 5, 1), "npc")
    archive(_supervision(a1, date(YEAR, 6, 1), "supervisor_visit"))
    _supervision(a1, date(YEAR - 1, 6, 1), "supervisor_visit")
    _supervision(a2, date(YEAR, 6, 1), "supervisor_visit")

    check_domain(
        world,
        "openness",
        {
            "openness.disclosures": disclosures,
            "openness.complaints": [on_due_day, early, late, unanswered],
            "openness.complaints_answered_on_time": [on_due_day, early],
            "openness.complaints_answered_on_time_rate": (2, 4),
            "openness.supervisor_visits": visits,
        },
    )


# --- 期限 --------------------------------------------------------------------------------------


def _deadline(record, due_on, met_on=None, code="test.period"):
    return Deadline.objects.create(
        organisation=record.organisation,
        record_type=ContentType.objects.get_for_model(type(record)),
        record_id=record.pk,
        code=code,
        name="测试期限",
        days=10,
        unit="calendar",
        triggered_on=date(due_on.year - 1, 12, 1),
        due_on=due_on,
        met_on=met_on,
    )


def _plain_task(org, day):
    return rec(
        Task,
        org,
        day,
        task=f"任务{day}",
        responsible_unit="司法所",
        owner="某某",
        due_on=day,
        status="not_started",
    )


@pytest.mark.django_db
def test_deadline_figures(world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    task = _plain_task(a1, date(YEAR, 1, 1))
    overdue = _deadline(task, date(YEAR, 6, 1))
    _deadline(task, date(YEAR, 12, 31), date(YEAR + 1, 1, 10), code="met.late")  # done, late
    _deadline(task, date(YEAR, 5, 1), date(YEAR, 4, 1), code="met")
    overdue_next_year = _deadline(task, date(YEAR + 1, 2, 1), code="next.year")
    _deadline(task, date(YEAR + 1, 6, 1), code="pending")  # not due by TODAY
    _deadline(task, TODAY, code="due.today")  # its last day is today: not overdue yet
    gone = _plain_task(a1, date(YEAR, 1, 2))
    _deadline(gone, date(YEAR, 8, 1))
    archive(gone)
    _deadline(_plain_task(a2, date(YEAR, 1, 1)), date(YEAR, 8, 1))

    check_domain(world, "deadlines", {"deadlines.overdue": [overdue]})
    check_domain(world, "deadlines", {"deadlines.overdue": [overdue_next_year]}, year=YEAR + 1)
