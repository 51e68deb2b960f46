"""Demo loader: takes the demo petitions through the workflow services and logs visits.

Runs after fazhi.ledgers' loader, which bulk-creates the registered petitions and the people
under follow-up. Each township also gets, relative to today and on purpose, a petition with an
upcoming and one with an overdue acceptance decision, one with an upcoming and one with an
overdue handling deadline, and a person whose visit is overdue, each a few days apart from
township to township; a township whose profile (fazhi.orgs.demo_profiles) says so replies to
some petitions after the handling period. Idempotent: only petitions still registered are
advanced (and only once their decision day has come; the ones registered on purpose are left
alone), people with visits are left alone.
"""

import hashlib
from datetime import date, timedelta
from random import Random

from django.db import transaction
from django.utils import timezone

from fazhi.disputes.kinds import PETITIONS
from fazhi.disputes.models import FollowUpPerson, FollowUpVisit, Petition
from fazhi.disputes.services.petitions import (
    petition_decide,
    petition_extend,
    petition_reply,
    petition_request_review,
)
from fazhi.ledgers.demo import demo_townships
from fazhi.ledgers.services import record_create
from fazhi.ledgers.signals import records_written
from fazhi.orgs.demo_profiles import profile_of

REPLY = "经调查核实，已责成责任单位依法处理，并将处理意见书面告知信访人。"
# (days before today received, days before today accepted or None to leave it registered)
ON_PURPOSE = [(3, None), (25, None), (55, 52), (80, 75)]
ON_PURPOSE_MATTER = "反映农村饮水工程入户管道破损"


def _rng(*parts) -> Random:
    return Random(int(hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()[:16], 16))


@transaction.atomic
def load(today: date | None = None) -> None:
    today = today or timezone.localdate()
    for township in demo_townships():
        _on_purpose(township, today)
        for petition in Petition.objects.filter(organisation=township).order_by("occurred_on"):
            registered = petition.status == Petition.Status.REGISTERED
            if registered and petition.matter != ON_PURPOSE_MATTER:
                _advance(petition, today)
        _visits(township, today)


def _on_purpose(township, today: date) -> None:
    shift = profile_of(township).day_shift
    for received_ago, accepted_ago in ON_PURPOSE:
        received = today - timedelta(days=received_ago + shift)
        values = {
            "occurred_on": received,
            "channel": "visit",
            "petitioner": "示例信访人",
            "id_number": "",
            "phone": "",
            "address": f"{township.name}示例村1号",
            "matter": ON_PURPOSE_MATTER,
            "responsible_unit": "镇农业农村办",
        }
        lookup = {k: values[k] for k in ("occurred_on", "petitioner", "matter")}
        if Petition.objects.filter(organisation=township, **lookup).exists():
            continue
        petition = record_create(actor=None, kind=PETITIONS, organisation=township, data=values)
        if accepted_ago is not None:
            petition_decide(
                actor=None,
                record=petition,
                decision="accept",
                decided_on=today - timedelta(days=accepted_ago + shift),
                today=today,
            )


def _advance(petition, today: date) -> None:
    rng = _rng(petition.organisation.code, petition.occurred_on, petition.petitioner)
    decided = petition.occurred_on + timedelta(days=rng.choice([1, 3, 5, 8, 12, 14, 18]))
    if decided > today:
        return
    decision = rng.choices(["accept", "transfer", "not_accept"], [75, 15, 10])[0]
    petition = petition_decide(
        actor=None,
        record=petition,
        decision=decision,
        decided_on=decided,
        transferred_to="县人力资源和社会保障局" if decision == "transfer" else "",
        note="不属于信访事项受理范围，已告知通过诉讼途径解决" if decision == "not_accept" else "",
        today=today,
    )
    if decision != "accept":
        return
    extension = 0
    if rng.random() < 0.12 and decided + timedelta(days=50) <= today:
        extension = rng.choice([15, 20, 30])
        petition_extend(
            actor=None,
            record=petition,
            approved_on=decided + timedelta(days=50),
            days=extension,
            approver="镇长 " + rng.choice("王李张刘陈") + "某",
            reason="涉及多部门协调，需进一步调查核实",
            today=today,
        )
    late = rng.random() < profile_of(petition.organisation).late_share("petitions")
    reply_days = rng.randint(62, 80) if late else rng.randint(15, 58)
    replied = decided + timedelta(days=reply_days + extension)
    if replied > today:
        return
    petition = petition_reply(
        actor=None, record=petition, replied_on=replied, reply_text=REPLY, today=today
    )
    requested = replied + timedelta(days=rng.randint(5, 25))
    if rng.random() < 0.1 and requested <= today:
        petition_request_review(
            actor=None,
            record=petition,
            requested_on=requested,
            review_body="县信访局",
            today=today,
        )


def _visits(township, today: date) -> None:
    people = FollowUpPerson.objects.filter(organisation=township).order_by("occurred_on", "pk")
    for index, person in enumerate(people):
        if person.visits.exists():
            continue
        rng = _rng(township.code, person.id_number)
        # The earliest person's visits stopped long ago: an overdue visit to show.
        stop = today - timedelta(days=person.visit_interval_days + 20) if index == 0 else today
        day = person.occurred_on + timedelta(days=rng.randint(3, 10))
        visits = []
        while day <= stop:
            visits.append(
                FollowUpVisit(
                    organisation=township,
                    person=person,
                    visited_on=day,
                    visitor=person.helper,
                    method=rng.choice(["home", "home", "phone", "interview"]),
                    situation=rng.choice(
                        ["表现稳定，生活正常", "已落实就业", "情绪平稳，家属配合"]
                    ),
                )
            )
            day += timedelta(days=person.visit_interval_days - rng.randint(0, 7))
        for visit in visits:
            visit.full_clean()
        FollowUpVisit.objects.bulk_create(visits)
        records_written.send(FollowUpVisit, organisation_ids={v.organisation_id for v in visits})
