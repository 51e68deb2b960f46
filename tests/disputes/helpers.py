"""Shared test data for 矛盾纠纷: a petition registered in township A1 and a snapshot of every
table a workflow step writes, to prove a refused step changed nothing."""

from datetime import date

from fazhi.deadlines.models import Deadline
from fazhi.disputes.kinds import FOLLOW_UP, PETITIONS
from fazhi.disputes.models import FollowUpVisit, Petition, PetitionExtension
from fazhi.ledgers.services import record_create
from tests.snapshots import database_state

ID_NUMBER = "999901198503150019"  # fake region 999901, valid check character
PETITION = {
    "occurred_on": date(2025, 3, 3),
    "channel": "visit",
    "matter": "反映村道硬化工程质量问题",
    "responsible_unit": "镇村镇建设办",
    "petitioner": "欧阳明华",
    "id_number": ID_NUMBER,
    "phone": "13800001234",
    "address": "甲镇东街示例村三组12号",
}
PERSON = {
    "occurred_on": date(2025, 1, 10),
    "category": "resettlement",
    "reason": "刑满释放人员",
    "helper": "司法所 林晓",
    "name": "司马光明",
    "id_number": ID_NUMBER,
    "phone": "13900005678",
    "address": "甲镇西村河湾组8号",
    "visit_interval_days": 30,
    "released_on": None,
}


def make_petition(world, org="A1", **changes):
    return record_create(
        actor=world.users["clerk"] if org == "A1" else None,
        kind=PETITIONS,
        organisation=world.orgs[org],
        data={**PETITION, **changes},
    )


def make_person(world, org="A1", **changes):
    return record_create(
        actor=world.users["clerk"] if org == "A1" else None,
        kind=FOLLOW_UP,
        organisation=world.orgs[org],
        data={**PERSON, **changes},
    )


def snapshot() -> tuple:
    """Everything a refused action must leave unchanged."""
    return database_state(Petition, Deadline, PetitionExtension, FollowUpVisit)
