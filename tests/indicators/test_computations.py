"""Every catalogue figure on small hand-built data: the value the engine gives is the count or
sum of the rows built to count, and `engine.records` lists exactly those rows. Each domain's
data also holds rows that must not count: archived, another year, another township, another
type or state.

This module holds the shared helpers and the 组织领导, 学法 and 普法 figures; the other domains
are in test_computations_*.py.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import timezone

from fazhi.governance.models import Budget, Meeting, Task
from fazhi.indicators import engine
from fazhi.indicators.registry import Ratio, catalogue_codes, computation_for
from fazhi.publicity.models import Activity, Asset, DemonstrationVillage, LegalPerson, Team
from fazhi.study.models import Exam, StudySession

YEAR = 2024
TODAY = date(2025, 3, 1)  # stock and overdue figures depend on the day they are asked

# Domains (code prefixes) and the module testing each.
DOMAINS = {
    "governance": "test_computations",
    "study": "test_computations",
    "publicity": "test_computations",
    "normative": "test_computations_procedures",
    "decisions": "test_computations_procedures",
    "enforcement": "test_computations_enforcement",
    "disputes": "test_computations_services",
    "legal_services": "test_computations_services",
    "openness": "test_computations_services",
    "deadlines": "test_computations_services",
}


def domain_codes(domain: str) -> set[str]:
    return {code for code in catalogue_codes() if code.split(".")[0] == domain}


def rec(model, org, day: date, **fields):
    """A ledger row as the services store it (year from the date)."""
    return model.objects.create(organisation=org, occurred_on=day, year=day.year, **fields)


def archive(*records) -> None:
    for record in records:
        type(record).objects.filter(pk=record.pk).update(archived_at=timezone.now())


def ids(rows) -> set[int]:
    return {row.pk for row in rows}


def check_domain(world, domain: str, expected: dict, *, year: int = YEAR, org_key: str = "A1"):
    """Assert every figure of `domain` for one organisation and year.

    expected: code -> list of rows that count (a count: their number; per organisation: the
    number of their organisations), or (rows, total) for a sum, or (numerator, denominator)
    for a ratio.
    """
    assert set(expected) == domain_codes(domain), "every figure of the domain is checked"
    org = world.orgs[org_key]
    table = engine.evaluate(list(expected), [org], [year], today=TODAY)
    for code, wanted in expected.items():
        computation = computation_for(code)
        figure = table.figure(code, org, year)
        if isinstance(computation, Ratio):
            numerator, denominator = wanted
            assert (figure.numerator, figure.denominator) == (numerator, denominator), code
            quotient = (
                Decimal(numerator) / Decimal(denominator) * (100 if computation.percent else 1)
            )
            assert figure.value == quotient.quantize(Decimal("0.1"), ROUND_HALF_UP), code
            continue
        if computation.sum_field:
            rows, total = wanted
            assert figure.value == total, code
            assert sum(getattr(r, computation.sum_field) for r in rows) * (
                computation.scale or 1
            ) == pytest.approx(total, abs=Decimal("0.01")), f"{code}: the test's own rows"
            rows = [r for r in rows if getattr(r, computation.sum_field)]
        else:
            rows = wanted
            if computation.per_organisation:
                assert figure.value == len({r.organisation_id for r in rows}), code
            else:
                assert figure.value == len(rows), code
        listed = engine.records(code, org, year, today=TODAY)
        assert set(listed.values_list("pk", flat=True)) == ids(rows), code


def test_every_domain_is_checked_in_some_module():
    assert {code.split(".")[0] for code in catalogue_codes()} == set(DOMAINS)


# --- 组织领导 ----------------------------------------------------------------------------------

MEETING = {"title": "会议", "presider": "某某", "attendees": 10, "topics": "", "decisions": ""}


def _meeting(org, day, meeting_type, position, **extra):
    fields = {**MEETING, **extra}
    return rec(Meeting, org, day, meeting_type=meeting_type, presider_position=position, **fields)


def _task(org, day, status, due_on, completed_on=None):
    return rec(
        Task,
        org,
        day,
        task=f"任务{day}",
        responsible_unit="司法所",
        owner="某某",
        due_on=due_on,
        status=status,
        completed_on=completed_on,
    )


@pytest.mark.django_db
def test_governance_figures(world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    T, P = Meeting.Type, Meeting.Position
    leading = _meeting(a1, date(YEAR, 2, 1), T.LEADING_GROUP, P.SECRETARY)
    special = _meeting(
        a1, date(YEAR, 3, 1), T.SPECIAL, P.DEPUTY_HEAD, title="专题会", topics="部署年终述法"
    )
    study = _meeting(a1, date(YEAR, 4, 1), T.PARTY_COMMITTEE_STUDY, P.HEAD)
    report = _meeting(a1, date(YEAR, 12, 20), T.OTHER, P.OTHER, title="年终述法会")
    joint = _meeting(a1, date(YEAR, 5, 1), T.JOINT, P.DEPUTY_SECRETARY)
    archived = _meeting(a1, date(YEAR, 6, 1), T.LEADING_GROUP, P.SECRETARY, title="述法")
    archive(archived)
    _meeting(a1, date(YEAR - 1, 12, 30), T.LEADING_GROUP, P.SECRETARY, title="述法")
    _meeting(a2, date(YEAR, 2, 1), T.SPECIAL, P.HEAD, title="述法")

    late = _task(a1, date(YEAR, 1, 10), Task.Status.NOT_STARTED, date(YEAR, 5, 1))
    running = _task(a1, date(YEAR, 1, 11), Task.Status.IN_PROGRESS, date(YEAR + 1, 6, 1))
    done_late = _task(a1, date(YEAR, 1, 12), Task.Status.DONE, date(YEAR, 3, 1), date(YEAR, 4, 1))
    gone = _task(a1, date(YEAR, 1, 13), Task.Status.NOT_STARTED, date(YEAR, 2, 1))
    archive(gone)
    _task(a1, date(YEAR - 1, 1, 10), Task.Status.NOT_STARTED, date(YEAR - 1, 5, 1))
    _task(a2, date(YEAR, 1, 10), Task.Status.NOT_STARTED, date(YEAR, 5, 1))

    b1 = rec(Budget, a1, date(YEAR, 3, 1), purpose="general", amount=Decimal("10000"))
    b2 = rec(Budget, a1, date(YEAR, 9, 1), purpose="training", amount=Decimal("5000.50"))
    archive(rec(Budget, a1, date(YEAR, 4, 1), purpose="general", amount=Decimal("7000")))
    rec(Budget, a1, date(YEAR - 1, 4, 1), purpose="general", amount=Decimal("9000"))
    rec(Budget, a2, date(YEAR, 4, 1), purpose="general", amount=Decimal("3000"))

    check_domain(
        world,
        "governance",
        {
            "governance.leading_group_meetings": [leading],
            "governance.special_meetings": [special, study],
            "governance.first_responsible_meetings": [leading, study],
            "governance.law_report_sessions": [special, report],
            "governance.tasks": [late, running, done_late],
            "governance.tasks_overdue": [late],
            "governance.budget": ([b1, b2], Decimal("1.50")),
        },
    )
    assert joint.pk  # a joint meeting chaired by a deputy counts in no meeting figure


# --- 学法 --------------------------------------------------------------------------------------


def _session(org, day, session_type, attendees):
    return rec(
        StudySession,
        org,
        day,
        session_type=session_type,
        topic=f"学习{day}",
        laws="宪法",
        presenter="某某",
        attendees=attendees,
        hours=Decimal("2"),
    )


def _exam(org, day, participants, passed):
    return rec(
        Exam,
        org,
        day,
        exam_type=Exam.Type.PUBLICITY,
        name=f"考试{day}",
        participants=participants,
        passed=passed,
    )


@pytest.mark.django_db
def test_study_figures(world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    S = StudySession.Type
    central = _session(a1, date(YEAR, 1, 5), S.CENTRAL_GROUP, 12)
    pre = _session(a1, date(YEAR, 2, 5), S.PRE_MEETING, 20)
    collective = _session(a1, date(YEAR, 3, 5), S.COLLECTIVE, 30)
    lecture = _session(a1, date(YEAR, 4, 5), S.LECTURE, 45)
    training = _session(a1, date(YEAR, 5, 5), S.ENFORCEMENT_TRAINING, 8)
    archive(_session(a1, date(YEAR, 6, 5), S.CENTRAL_GROUP, 100))
    _session(a1, date(YEAR - 1, 12, 5), S.LECTURE, 100)
    _session(a2, date(YEAR, 6, 5), S.ENFORCEMENT_TRAINING, 100)

    first = _exam(a1, date(YEAR, 6, 1), 40, 38)
    second = _exam(a1, date(YEAR, 11, 1), 60, 50)
    archive(_exam(a1, date(YEAR, 7, 1), 100, 10))
    _exam(a1, date(YEAR - 1, 7, 1), 100, 10)
    _exam(a2, date(YEAR, 7, 1), 100, 10)

    check_domain(
        world,
        "study",
        {
            "study.sessions": [central, pre, collective, lecture, training],
            "study.central_group_sessions": [central],
            "study.pre_meeting_sessions": [pre],
            "study.lectures": [lecture],
            "study.enforcement_training": [training],
            "study.training_attendance": ([central, pre, collective, lecture, training], 115),
            "study.exams": [first, second],
            "study.exam_participants": ([first, second], 100),
            "study.exam_passed": ([first, second], 88),
            "study.exam_pass_rate": (88, 100),
        },
    )


# --- 普法 --------------------------------------------------------------------------------------

COUNTS = ("materials", "booklets", "banners", "blackboards", "audience", "questions", "disputes")


def _activity(org, day, form, target, theme_day="", **counts):
    return rec(
        Activity,
        org,
        day,
        form=form,
        target=target,
        theme_day=theme_day,
        title=f"活动{day}{form}{target}",
        **{name: counts.get(name, 0) for name in COUNTS},
    )


@pytest.mark.django_db
def test_publicity_figures(world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    v1, v2, a2v1 = world.orgs["A1V1"], world.orgs["A1V2"], world.orgs["A2V1"]
    F, G = Activity.Form, Activity.Target
    school = _activity(
        a1, date(YEAR, 3, 1), F.LECTURE, G.SCHOOLS, materials=100, banners=2, audience=50
    )
    door = _activity(
        a1, date(YEAR, 4, 1), F.DOOR_TO_DOOR, G.FAMILIES, materials=300, booklets=40, questions=10
    )
    constitution = _activity(
        a1,
        date(YEAR, 12, 4),
        F.CAMPAIGN,
        G.VILLAGES,
        "constitution",
        banners=3,
        blackboards=1,
        audience=200,
        questions=5,
    )
    online = _activity(a1, date(YEAR, 5, 1), F.ONLINE, G.NETWORK, audience=1000)
    organs = _activity(a1, date(YEAR, 6, 1), F.LECTURE, G.ORGANS, materials=50, blackboards=2)
    community = _activity(v1, date(YEAR, 7, 1), F.NIGHT_MARKET, G.COMMUNITIES, audience=70)
    enterprise = _activity(
        a1,
        date(YEAR, 3, 15),
        F.CAMPAIGN,
        G.ENTERPRISES,
        "consumer_rights",
        materials=20,
        booklets=15,
    )
    units = _activity(a1, date(YEAR, 8, 1), F.CONTEST, G.UNITS)  # 进单位 is not 进机关
    archived = _activity(
        a1,
        date(YEAR, 12, 4),
        F.ONLINE,
        G.SCHOOLS,
        "constitution",
        materials=999,
        booklets=999,
        audience=999,
    )
    archive(archived)
    _activity(a1, date(YEAR - 1, 12, 4), F.DOOR_TO_DOOR, G.VILLAGES, "constitution", banners=9)
    _activity(a2, date(YEAR, 12, 4), F.ONLINE, G.ENTERPRISES, "constitution", materials=999)

    assets = [
        rec(Asset, v1, date(YEAR - 4, 5, 1), asset_type="square", name="普法广场"),
        rec(Asset, v2, date(YEAR, 12, 31), asset_type="library", name="法治图书室"),
    ]
    rec(Asset, v1, date(YEAR + 1, 1, 10), asset_type="led", name="LED屏")  # built after
    archive(rec(Asset, v2, date(YEAR - 2, 5, 1), asset_type="corridor", name="长廊"))
    rec(Asset, a2v1, date(YEAR - 2, 5, 1), asset_type="square", name="乙广场")

    U, L = LegalPerson.Type.UNDERSTANDER, LegalPerson.Type.LEADER
    understanders = [
        rec(LegalPerson, v1, date(YEAR - 3, 5, 1), person_type=U, name="甲"),
        rec(LegalPerson, v2, date(YEAR, 11, 1), person_type=U, name="乙"),
    ]
    leaders = [rec(LegalPerson, v1, date(YEAR - 1, 5, 1), person_type=L, name="丙")]
    rec(LegalPerson, v1, date(YEAR + 1, 1, 2), person_type=U, name="丁")
    rec(LegalPerson, v2, date(YEAR + 1, 1, 2), person_type=L, name="戊")
    archive(rec(LegalPerson, v2, date(YEAR - 1, 5, 1), person_type=U, name="己"))
    rec(LegalPerson, a2v1, date(YEAR - 1, 5, 1), person_type=L, name="庚")

    def team(org, day, name):
        return rec(Team, org, day, name=name, team_type="volunteers", member_count=10)

    teams = [team(a1, date(YEAR - 5, 1, 1), "志愿队"), team(a1, date(YEAR, 6, 1), "讲师团")]
    team(a1, date(YEAR + 1, 2, 1), "文艺队")
    archive(team(a1, date(YEAR - 1, 2, 1), "旧队"))
    team(a2, date(YEAR - 1, 2, 1), "乙队")

    def village(org, day, level):
        return rec(DemonstrationVillage, org, day, level=level, award_year=day.year, title="示范村")

    titles = [village(v1, date(YEAR - 5, 9, 1), "county"), village(v1, date(YEAR, 9, 1), "city")]
    village(v2, date(YEAR + 1, 1, 20), "county")  # named the next year
    archive(village(v2, date(YEAR - 1, 1, 20), "city"))
    village(a2v1, date(YEAR - 1, 1, 20), "county")

    check_domain(
        world,
        "publicity",
        {
            "publicity.activities": [
                school,
                door,
                constitution,
                online,
                organs,
                community,
                enterprise,
                units,
            ],
            "publicity.activities_in_villages": [door, constitution],
            "publicity.activities_in_schools": [school],
            "publicity.activities_in_agencies": [organs],
            "publicity.activities_in_communities": [community],
            "publicity.activities_in_enterprises": [enterprise],
            "publicity.theme_day_activities": [constitution, enterprise],
            # 份 and 册 are two figures: the door-to-door booklets are not in the materials.
            "publicity.materials": ([school, door, organs, enterprise], 470),
            "publicity.booklets": ([door, enterprise], 55),
            "publicity.banners": ([school, constitution], 5),
            "publicity.blackboards": ([constitution, organs], 3),
            "publicity.audience": ([school, constitution, online, community], 1320),
            "publicity.questions_answered": ([door, constitution], 15),
            "publicity.online_posts": [online],
            "publicity.assets": assets,
            "publicity.law_literate_people": understanders,
            "publicity.law_leaders": leaders,
            "publicity.teams": teams,
            "publicity.demonstration_villages": titles,
        },
    )
    # One village with two titles is one demonstration village.
    table = engine.evaluate(["publicity.demonstration_villages"], [a1], [YEAR], today=TODAY)
    assert table.value("publicity.demonstration_villages", a1, YEAR) == 1


@pytest.mark.django_db
def test_a_register_figure_counts_what_existed_at_the_end_of_each_year(world):
    v1 = world.orgs["A1V1"]
    rec(Asset, v1, date(YEAR - 1, 5, 1), asset_type="square", name="广场")
    rec(Asset, v1, date(YEAR, 5, 1), asset_type="library", name="图书室")
    table = engine.evaluate(["publicity.assets"], [v1], [YEAR - 2, YEAR - 1, YEAR], today=TODAY)
    assert [table.value("publicity.assets", v1, y) for y in (YEAR - 2, YEAR - 1, YEAR)] == [
        0,
        1,
        2,
    ]
