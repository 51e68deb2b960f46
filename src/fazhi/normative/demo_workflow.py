"""Takes the demo drafts through the procedure with the services, so every state has examples.

Generated drafts (fazhi.normative.demo) follow a path chosen by their drafting month, stopping at
the first step that would fall after today: 2月 and 3月 straight through, 4月 a failed legality
review first, 6月 a one-year validity (expired two years back; last year's left past or near its
expiry for the expiry page), 8月 filed late, 9月 and 10月 straight through; a township whose
profile (fazhi.orgs.demo_profiles) files late files some of the others late too, and a demo
township adopts its documents at its own weekly meeting and publishes them the next day. Each
past year's cleanup round repeals or reopens a document; this year's round is listed, not concluded.
Then, for this year, one document a township waits in each state before publication, one was
published weeks ago and never filed (overdue), one a few days ago (filing due within 14 days),
each a few days apart from township to township (the profile's day_shift).
Idempotent: documents already moved on, or created, are left alone.
"""

import hashlib
from datetime import date, timedelta
from random import Random

from django.db import transaction
from django.utils import timezone

from fazhi.ledgers.demo import demo_townships, demo_years
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from fazhi.normative import services
from fazhi.normative.models import (
    CleanupItem,
    CleanupRound,
    Consultation,
    NormativeDocument,
    Status,
)
from fazhi.normative.services.documents import earliest_comment_end
from fazhi.orgs.demo_profiles import profile_of

PASS, CHANGES, REJECT = "passed", "passed_with_changes", "rejected"
# This year's waiting documents: (title, drafted days ago, the stage it waits in).
PINNED = [
    ("关于规范村级财务报账管理的办法（征求意见稿）", 25, "consultation"),
    ("关于加强农村道路交通安全管理的规定（送审稿）", 75, "review"),
    ("关于鼓励发展庭院经济的若干措施（审议稿）", 85, "deliberation"),
    ("关于农村厕所改造后期管护的办法", 95, "approved"),
    ("关于加强集镇停车秩序管理的通告", 115, "overdue"),
    ("关于规范农村红白理事操办的指导意见", 110, "upcoming"),
    ("关于加强河道采砂管理的通告（草案）", 10, "drafting"),
]


@transaction.atomic
def load(today: date | None = None) -> None:
    today = today or timezone.localdate()
    for township in demo_townships():
        for year, _last_day in demo_years(today):
            # Untouched drafts only: one back in drafting after its consultation waits there.
            drafts = NormativeDocument.objects.active().filter(
                organisation=township, year=year, status=Status.DRAFTING, revision=1
            )
            drafts = drafts.exclude(pk__in=Consultation.objects.values("document"))
            for document in drafts.order_by("occurred_on"):
                if document.occurred_on.month in (2, 3, 4, 6, 8, 9, 10):
                    _advance(document, today)
        shift = profile_of(township).day_shift
        for title, days_ago, stage in PINNED:
            drafted = today - timedelta(days_ago + shift)
            _pinned(township, f"{township.name}{title}", drafted, stage, today, shift)
        for year, _last_day in demo_years(today):
            _cleanup(township, year, today)


class _Stop(Exception):
    """The next step would fall after today: the document waits where it is."""


def _on(day: date, today: date) -> date:
    if day > today:
        raise _Stop
    return day


def _number(document, published_on: date) -> str:
    prefix = f"{document.organisation.name[:1]}政规〔{published_on.year}〕"
    used = NormativeDocument.objects.filter(
        organisation=document.organisation, doc_number__startswith=prefix
    ).count()
    return f"{prefix}{used + 1}号"


def _files_late(document) -> bool:
    if document.occurred_on.month == 8:
        return True
    digest = hashlib.sha256(f"normative/{document.organisation.code}/{document.title}".encode())
    share = profile_of(document.organisation).late_share("normative")
    return Random(int(digest.hexdigest()[:16], 16)).random() < share


def _advance(document, today: date) -> None:
    month = document.occurred_on.month
    try:
        day = _through_review(document, document.occurred_on + timedelta(7), today, month == 4)
        validity = 1 if month == 6 else 5
        weekday = profile_of(document.organisation).meeting_weekday
        if weekday is None:
            day = _deliberate_and_publish(document, day, today, validity=validity)
        else:  # the township's meeting day, at least a week on; published the next day
            gap = 7 + (weekday - (day + timedelta(7)).weekday()) % 7
            day = _deliberate_and_publish(document, day, today, validity, gap=gap, wait=1)
        filed = _on(day + timedelta(22 if _files_late(document) else 9), today)
        services.document_file(
            actor=None, record=document, filed_on=filed, authority="县人民政府", today=today
        )
        # Last year's one-year document is left past its expiry on purpose (the expiry page).
        if document.expires_on and document.year < today.year - 1:
            expired = _on(document.expires_on + timedelta(1), today)
            services.document_expire(actor=None, record=document, expired_on=expired, today=today)
    except _Stop:
        pass


def _through_review(document, start, today, reject_first=False, decide=True) -> date:
    """Consultation and a passed legality review (only submitted unless `decide`); the day of
    the review."""
    end = earliest_comment_end(document, _on(start, today))
    services.consultation_start(
        actor=None,
        record=document,
        starts_on=start,
        ends_on=end,
        channel="政府网站、村务公开栏",
        today=today,
    )
    services.consultation_close(
        actor=None,
        record=document,
        closed_on=_on(end, today),
        comments_received=(end.day % 5) + 1,
        adoption="合理意见已采纳",
        today=today,
    )
    day = end + timedelta(2)
    opinions = [REJECT, PASS] if reject_first else [CHANGES if end.day % 2 else PASS]
    for opinion in opinions:
        services.review_submit(
            actor=None, record=document, submitted_on=_on(day, today), today=today
        )
        if not decide:
            return day
        day += timedelta(6)
        remarks = {
            REJECT: "处罚条款缺乏上位法依据，请删除后重新送审",
            CHANGES: "第五条表述需与上位法一致",
        }.get(opinion, "")
        services.review_record(
            actor=None,
            record=document,
            reviewed_on=_on(day, today),
            opinion=opinion,
            remarks=remarks,
            today=today,
        )
        day += timedelta(4)
    return day - timedelta(4)


def _deliberate_and_publish(document, reviewed: date, today: date, validity=5, gap=7, wait=3):
    meeting = _on(reviewed + timedelta(gap), today)
    services.deliberation_record(
        actor=None,
        record=document,
        meeting_on=meeting,
        meeting_title="镇党政联席会议",
        minutes_ref=f"会议纪要〔{meeting.year}〕",
        today=today,
    )
    published = _on(meeting + timedelta(wait), today)
    services.document_publish(
        actor=None,
        record=document,
        published_on=published,
        doc_number=_number(document, published),
        channel="政府网站、政务公开栏",
        validity_years=validity,
        today=today,
    )
    return published


def _cleanup(township, year: int, today: date) -> None:
    cleanup = CleanupRound.objects.active().filter(organisation=township, year=year).first()
    if cleanup is None or cleanup.completed_on is not None:
        return
    services.cleanup_list_documents(actor=None, cleanup=cleanup)
    if year >= today.year:
        return  # this year's round is under way
    items = CleanupItem.objects.filter(cleanup=cleanup).select_related("document")
    for item in items:
        drafted = item.document.occurred_on
        if (drafted.year, drafted.month) == (year, 2) and year == today.year - 2:
            decision, reason = ("repeal", "所依据的上位法已修订，内容不再适用")
        elif (drafted.year, drafted.month) == (year, 2):
            decision, reason = ("amend", "部分条款与新修订的上位法不一致")
        else:
            decision, reason = ("keep", "")
        services.cleanup_decide(
            actor=None, cleanup=cleanup, item=item, decision=decision, reason=reason
        )
    completed = min(cleanup.occurred_on + timedelta(10), today)
    services.cleanup_apply(actor=None, cleanup=cleanup, completed_on=completed, today=today)


def _pinned(township, title: str, drafted: date, stage: str, today: date, shift: int) -> None:
    if NormativeDocument.objects.filter(organisation=township, title=title).exists():
        return
    document = record_create(
        actor=None,
        kind=get_kind("normative-documents"),
        organisation=township,
        data={
            "occurred_on": drafted,
            "title": title,
            "drafting_unit": "党政办公室",
            "summary": "明确适用范围、职责分工和办理程序。",
        },
    )
    if stage == "drafting":
        return
    start = drafted + timedelta(5)
    if stage == "consultation":
        end = earliest_comment_end(document, start)
        services.consultation_start(
            actor=None,
            record=document,
            starts_on=start,
            ends_on=end,
            channel="政府网站、村务公开栏",
            today=today,
        )
        return
    if stage == "review":  # submitted a few days ago: the review is due soon
        _through_review(document, start, today, decide=False)
        return
    reviewed = _through_review(document, start, today)
    if stage == "deliberation":
        return
    if stage == "approved":
        services.deliberation_record(
            actor=None,
            record=document,
            meeting_on=reviewed + timedelta(3),
            meeting_title="镇党政联席会议",
            today=today,
        )
        return
    # Published, not filed: weeks ago (overdue) or days ago (due within 14 days).
    published = today - timedelta((30 if stage == "overdue" else 4) + shift)
    gap = max((published - reviewed).days - 3, 0)
    _deliberate_and_publish(document, reviewed, today, gap=gap)
