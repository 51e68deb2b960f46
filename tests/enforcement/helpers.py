"""Officers and cases for the enforcement tests, made through the ledger services."""

from datetime import date

from fazhi.deadlines.models import Deadline
from fazhi.enforcement import services
from fazhi.enforcement.kinds import CASES, OFFICERS
from fazhi.enforcement.models import (
    Case,
    CaseExtension,
    CaseFileReview,
    CaseOfficer,
    LegalReview,
    ProcessRecord,
)
from fazhi.ledgers.services import record_create
from tests.snapshots import database_state

CASE = {
    "occurred_on": date(2025, 3, 3),
    "case_number": "甲镇罚〔2025〕1号",
    "case_type": "penalty",
    "party": "王秀英",
    "facts": "未经批准占用耕地建房",
    "legal_basis": "《中华人民共和国土地管理法》第七十八条",
    "is_major": False,
    "major_criterion": "",
}


def officer(
    world, name, number, start=date(2023, 1, 1), until=date(2027, 12, 31), org="A1", **extra
):
    return record_create(
        actor=None,
        kind=OFFICERS,
        organisation=world.orgs[org],
        data={
            "occurred_on": start,
            "name": name,
            "certificate_number": number,
            "unit": "综合行政执法队",
            "valid_until": until,
            **extra,
        },
    )


def case(world, org="A1", **changes):
    return record_create(
        actor=None, kind=CASES, organisation=world.orgs[org], data={**CASE, **changes}
    )


def staffed_case(world, **changes):
    """A case with two officers certified throughout 2023–2027."""
    record = case(world, **changes)
    for index, name in enumerate(("张明", "李强"), start=1):
        services.case_officer_add(
            actor=None, record=record, officer=officer(world, name, f"A1-{record.pk}-{index:03d}")
        )
    return record


def snapshot() -> tuple:
    """Everything a refused action must leave unchanged."""
    return database_state(
        Case, CaseOfficer, LegalReview, CaseExtension, ProcessRecord, CaseFileReview, Deadline
    )
