"""Drives the demo county's cases through their workflow with the services (so every rule
holds), after fazhi.ledgers' loader created the officers, item lists and described cases.

Ordinary cases progress by age relative to `today`: old ones are decided, served, publicised on
time (a township whose profile in fazhi.orgs.demo_profiles says so publicises some late), closed
and mostly scored (案卷评查); recent ones are still open. On purpose, each township also gets
special cases this year, numbered from its profile's case_series and filed a few days apart from
the other townships': an undecided 行政处罚 whose closing deadline is near, one past it, one
extended, one decided but not publicised past the 7 working days, and a major case waiting for
its 法制审核. Idempotent: cases that already have officers are skipped.
"""

import hashlib
from datetime import date, timedelta
from random import Random

from django.db import transaction
from django.utils import timezone

from fazhi.deadlines.calendar import add_working_days
from fazhi.enforcement import services
from fazhi.enforcement.demo import COMPANIES
from fazhi.enforcement.kinds import CASES
from fazhi.enforcement.models import Case, LegalReview, Officer, ProcessRecord
from fazhi.ledgers.demo import demo_townships
from fazhi.ledgers.services import record_create
from fazhi.orgs.demo_profiles import profile_of

Stage, Form = ProcessRecord.Stage, ProcessRecord.Form
RESULTS = {
    "penalty": ["给予警告，并处罚款2000元", "责令限期改正，并处罚款5000元", "给予警告"],
    "licence": ["准予许可", "准予许可", "不予许可并说明理由"],
    "inspection": ["未发现问题", "责令限期整改安全隐患", "发现问题已当场整改"],
    "coercion": ["依法实施代履行", "依法强制拆除违法建筑"],
    "other": ["已完成联合执法任务"],
}
CHANNELS = ["镇政府门户网站", "政务公开栏", "县政府信息公开平台"]
REVIEWER = "司法所长"


def _rng(*parts) -> Random:
    return Random(int(hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()[:16], 16))


@transaction.atomic
def load(today: date | None = None) -> None:
    today = today or timezone.localdate()
    for township in demo_townships():
        officers = list(Officer.objects.active().filter(organisation=township))
        for case in Case.objects.active().filter(organisation=township, officers__isnull=True):
            Progress(case, officers, today).run()
        _special_cases(township, officers, today)


def _pick_officers(officers, start: date, end: date, rng) -> list:
    valid = [o for o in officers if o.occurred_on <= start and o.valid_until >= end]
    rng.shuffle(valid)
    return valid[: rng.choice([2, 2, 3])]


class Progress:
    """The ordinary life of one case, every step dated no later than today."""

    def __init__(self, case, officers, today: date):
        self.case, self.today = case, today
        self.rng = _rng("enforcement", case.organisation.code, case.case_number)
        self.officers = officers

    def due(self, day: date) -> bool:
        return day <= self.today

    def run(self) -> None:
        case, rng, start = self.case, self.rng, self.case.occurred_on
        team = _pick_officers(self.officers, start, start + timedelta(days=120), rng)
        if len(team) < 2:
            return
        for officer in team:
            services.case_officer_add(actor=None, record=case, officer=officer)
        self.record(Stage.START, Form.TEXT, start, "立案审批表")
        investigated = start + timedelta(days=rng.randint(1, 5))
        if not self.due(investigated):
            return
        self.record(Stage.INVESTIGATION, Form.TEXT, investigated, "现场检查笔录、询问笔录")
        if rng.random() < 0.85:
            self.record(Stage.INVESTIGATION, Form.AUDIOVISUAL, investigated, "执法记录仪视频")
        decided = start + timedelta(days=rng.randint(15, 70))
        if case.is_major and not self.review(decided):
            return
        if not self.due(decided):
            return
        self.record(Stage.REVIEW, Form.TEXT, decided, "案件审核意见表")
        result = rng.choice(RESULTS[case.case_type])
        services.case_decide(actor=None, record=case, decided_on=decided, result=result)
        self.record(Stage.DECISION, Form.TEXT, decided, "决定书")
        self.after_decision(decided)

    def review(self, decided: date) -> bool:
        case = self.case
        if case.major_criterion == Case.Criterion.HEARING:
            held = decided - timedelta(days=12)
            if not self.due(held):
                return False
            services.case_hearing_record(actor=None, record=case, held_on=held)
        submitted = decided - timedelta(days=8)
        if not self.due(submitted):
            return False
        services.case_review_submit(actor=None, record=case, submitted_on=submitted)
        reviewed = add_working_days(submitted, self.rng.randint(2, 5)).day
        if not self.due(reviewed):
            return False
        services.legal_review_record(
            actor=None,
            record=case,
            reviewed_on=min(reviewed, decided),
            opinion=LegalReview.Opinion.PASSED,
            comments="主体合法，程序合法，事实清楚，证据充分，适用依据准确，裁量适当。",
            reviewer_name=REVIEWER,
        )
        return True

    def after_decision(self, decided: date) -> None:
        case, rng = self.case, self.rng
        served = add_working_days(decided, rng.randint(0, 4)).day
        late = rng.random() < profile_of(case.organisation).late_share("enforcement")
        published = add_working_days(decided, rng.randint(9, 15) if late else rng.randint(1, 6)).day
        if self.due(served):
            services.case_serve(actor=None, record=case, served_on=served)
            self.record(Stage.SERVICE, Form.TEXT, served, "送达回证")
            if rng.random() < 0.9:
                self.record(Stage.SERVICE, Form.AUDIOVISUAL, served, "送达过程执法记录仪视频")
        if self.due(published):
            channel = rng.choice(CHANNELS)
            services.case_publicise(
                actor=None,
                record=case,
                publicised_on=published,
                channel=channel,
                late_reason="承办人员调整，公示材料报送滞后" if late else "",
            )
        closed = max(served, published) + timedelta(days=rng.randint(5, 30))
        if not (self.due(closed) and case.served_on and case.publicised_on):
            return
        self.record(Stage.EXECUTION, Form.TEXT, closed, "执行情况记录、结案审批表")
        services.case_close(actor=None, record=case, closed_on=closed)
        reviewed = closed + timedelta(days=rng.randint(10, 40))
        if self.due(reviewed) and rng.random() < 0.75:
            self.score(reviewed)

    def score(self, reviewed: date) -> None:
        from fazhi.enforcement.checklists import SCORE_ITEMS

        rng = self.rng
        scores = {f: max(m - rng.choice([0, 0, 0, 1, 2, 3, 5]), 0) for f, _, m in SCORE_ITEMS}
        services.case_file_review_record(
            actor=None,
            record=self.case,
            reviewed_on=reviewed,
            reviewer_name="县司法局评查组",
            scores=scores,
            comments="案卷材料基本齐全。" if sum(scores.values()) >= 90 else "文书制作不够规范。",
        )

    def record(self, stage, form, day: date, description: str) -> None:
        services.process_record_add(
            actor=None,
            record=self.case,
            stage=stage,
            form=form,
            made_on=day,
            description=description,
        )


def _special_cases(township, officers, today: date) -> None:
    """The deadline situations the demo must show, relative to today (see the docstring)."""
    year = today.year
    profile = profile_of(township)
    # (days before today filed, situation), numbered on from the profile's case_series.
    specials = [
        (80, "upcoming_closing"),
        (100, "overdue_closing"),
        (95, "extended"),
        (30, "unpublicised"),
        (20, "in_review"),
    ]
    if len(_long_valid(officers, today - timedelta(days=100 + profile.day_shift), today)) < 2:
        return
    for index, (days_ago, situation) in enumerate(specials):
        filed = today - timedelta(days=days_ago + profile.day_shift)
        if filed.year != year:
            continue
        case_number = f"{township.name}罚〔{year}〕{profile.case_series + index}号"
        if Case.objects.filter(organisation=township, case_number=case_number).exists():
            continue
        major = situation == "in_review"
        case = record_create(
            actor=None,
            kind=CASES,
            organisation=township,
            data={
                "occurred_on": filed,
                "case_number": case_number,
                "case_type": "penalty",
                "party": COMPANIES[(int(township.code) + index) % len(COMPANIES)],
                "facts": "未取得乡村建设规划许可证擅自建设厂房约300平方米",
                "legal_basis": "《中华人民共和国城乡规划法》第六十五条",
                "is_major": major,
                "major_criterion": "public_interest" if major else "",
            },
        )
        _special(case, officers, filed, situation, today, profile.day_shift)


def _special(case, officers, filed: date, situation: str, today: date, shift: int) -> None:
    for officer in _long_valid(officers, filed, today)[:2]:
        services.case_officer_add(actor=None, record=case, officer=officer)
    services.process_record_add(
        actor=None,
        record=case,
        stage=Stage.START,
        form=Form.TEXT,
        made_on=filed,
        description="立案审批表",
    )
    if situation == "extended":
        services.case_extend(
            actor=None,
            record=case,
            days=30,
            approved_on=filed + timedelta(days=85),
            approver="镇长",
            reason="案情复杂，需委托测绘机构测量违法建筑面积",
        )
    elif situation == "unpublicised":
        decided = add_working_days(today, 0).day - timedelta(days=14 + shift)
        services.case_decide(
            actor=None, record=case, decided_on=decided, result="责令限期拆除，并处罚款1万元"
        )
        services.case_serve(actor=None, record=case, served_on=decided)
    elif situation == "in_review":
        services.case_review_submit(actor=None, record=case, submitted_on=today - timedelta(2))


def _long_valid(officers, since: date, today: date) -> list:
    """Officers whose certificate covers `since` and the next 60 days after today."""
    return [
        o for o in officers if o.occurred_on <= since and o.valid_until >= today + timedelta(60)
    ]
