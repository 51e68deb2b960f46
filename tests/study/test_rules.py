"""Each study rule fed bad input through the service, the form page and an Excel import."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.ledgers import excel
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from fazhi.study.models import Exam, StudySession
from tests.ledgers.helpers import form_data, workbook_with_rows

EXAMS = get_kind("exams")
SESSIONS = get_kind("study-sessions")
EXAM = {
    "occurred_on": date(2025, 6, 1),
    "exam_type": "online",
    "name": "2025年法宣在线考试",
    "participants": 40,
    "passed": 41,
}
SESSION = {
    "occurred_on": date(2025, 3, 5),
    "session_type": "central_group",
    "topic": "学习宪法",
    "attendees": 20,
    "hours": 2,
}


def test_passed_can_never_exceed_participants(world):
    with pytest.raises(ValidationError) as error:
        record_create(
            actor=world.users["clerk"], kind=EXAMS, organisation=world.orgs["A1"], data=EXAM
        )
    assert error.value.message_dict == {"passed": ["合格人数不能超过参考人数。"]}
    record_create(
        actor=world.users["clerk"],
        kind=EXAMS,
        organisation=world.orgs["A1"],
        data={**EXAM, "passed": 40},
    )
    assert Exam.objects.get().passed == 40


def test_passed_above_participants_is_refused_on_the_form(client, world):
    client.force_login(world.users["clerk"])
    response = client.post(
        reverse("ledgers:create", args=[EXAMS.slug]), form_data(EXAMS, EXAM, world.orgs["A1"])
    )
    assert response.status_code == 200
    assert "合格人数不能超过参考人数。" in response.content.decode()
    assert not Exam.objects.exists()


def test_passed_above_participants_is_refused_in_an_import(world):
    data = workbook_with_rows(EXAMS, [EXAM], "甲镇")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=EXAMS, data=data)
    [error] = failure.value.result.errors
    assert (error.row, error.column, error.message) == (3, "合格人数", "合格人数不能超过参考人数。")
    assert not Exam.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"attendees": 0}, "attendees", "参加人数至少为 1。"),
        ({"hours": 0}, "hours", "学时至少为 0.5。"),
        ({"hours": 25}, "hours", "一次学习的学时不能超过 24。"),
        ({"session_type": "nap"}, "session_type", "不在可选范围内，请从列表中选择"),
        ({"topic": ""}, "topic", "请填写学习主题"),
    ],
)
def test_study_session_bounds(world, change, field, message):
    with pytest.raises(ValidationError) as error:
        record_create(
            actor=world.users["clerk"],
            kind=SESSIONS,
            organisation=world.orgs["A1"],
            data={**SESSION, **change},
        )
    assert message in " ".join(error.value.message_dict[field])
    assert not StudySession.objects.exists()


def test_laws_are_kept_as_a_list_of_tags(world):
    record = record_create(
        actor=world.users["clerk"],
        kind=SESSIONS,
        organisation=world.orgs["A1"],
        data={**SESSION, "laws": "宪法、民法典，行政处罚法"},
    )
    assert record.law_list() == ["宪法", "民法典", "行政处罚法"]
