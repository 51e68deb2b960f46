"""Citations checked on save (fazhi.lawbook.citing): pure, and through the ledger services of
the study ledger, enforcement cases and enforcement items."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.enforcement.kinds import ITEMS
from fazhi.enforcement.models import Case
from fazhi.lawbook.citing import name_problems, problems
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from fazhi.study.models import StudySession
from tests.enforcement.helpers import case

PETITION = "《信访条例》已于 2022-05-01 废止，请改为《信访工作条例》。"


def test_problems_in_free_text():
    text = "依据《中华人民共和国行政处罚法》第九十九条、第三十二条和《信访条例》第五条"
    assert problems(text, date(2024, 3, 1)) == [
        "《中华人民共和国行政处罚法》只有 86 条，没有第九十九条。",
        PETITION,
    ]
    assert problems("依据《信访条例》第五条", date(2021, 3, 1)) == []
    assert problems("《自建房结构安全排查技术要点》《某某镇管理办法》第九十九条") == []
    assert problems("《行政复议法》第五十条", date(2020, 1, 1)) == [
        "《行政复议法》只有 43 条，没有第五十条。"
    ]


def test_problems_in_a_list_of_names():
    assert name_problems(["行政处罚法", "信访条例", "合同法"], date(2023, 1, 1)) == [
        PETITION,
        "《合同法》已于 2021-01-01 废止，请改为《民法典》。",
    ]
    assert name_problems(["信访条例", "地方性法规"], date(2021, 12, 31)) == []


def test_case_citing_a_repealed_law_or_a_missing_article_is_refused(world):
    with pytest.raises(ValidationError) as error:
        case(world, legal_basis="《中华人民共和国土地管理法》第九十九条；《信访条例》第十条")
    assert error.value.message_dict == {
        "legal_basis": [
            "《中华人民共和国土地管理法》只有 87 条，没有第九十九条。",
            PETITION,
        ]
    }
    assert not Case.objects.exists()
    assert case(world).legal_basis == "《中华人民共和国土地管理法》第七十八条"


def test_enforcement_item_basis_is_checked(world):
    data = {
        "occurred_on": date(2025, 1, 2),
        "name": "对违法占地的处罚",
        "item_type": "penalty",
        "legal_basis": "《中华人民共和国土地管理法》第一百条",
        "responsible_unit": "综合行政执法队",
    }
    with pytest.raises(ValidationError) as error:
        record_create(actor=None, kind=ITEMS, organisation=world.orgs["A1"], data=data)
    assert error.value.message_dict == {
        "legal_basis": ["《中华人民共和国土地管理法》只有 87 条，没有第一百条。"]
    }


def test_study_session_of_a_repealed_law_is_refused_after_its_repeal(world):
    sessions = get_kind("study-sessions")
    data = {
        "session_type": "central_group",
        "topic": "学习信访法规",
        "attendees": 20,
        "hours": 2,
        "laws": "宪法、信访条例",
    }
    with pytest.raises(ValidationError) as error:
        record_create(
            actor=None,
            kind=sessions,
            organisation=world.orgs["A1"],
            data={**data, "occurred_on": date(2023, 3, 5)},
        )
    assert error.value.message_dict == {"laws": [PETITION]}
    record_create(
        actor=None,
        kind=sessions,
        organisation=world.orgs["A1"],
        data={**data, "occurred_on": date(2021, 3, 5)},
    )
    assert StudySession.objects.count() == 1
