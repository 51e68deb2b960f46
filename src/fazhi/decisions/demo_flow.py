"""Drive one demo decision through the services to its target state (demo.load)."""

import contextlib
from datetime import date, timedelta

from fazhi.decisions import duedates, services
from fazhi.decisions.models import Opinion, ParticipationForm, Result, Step

# Steps recorded as not applicable, per target, with the reason.
WAIVED = {
    "overdue": (Step.EXPERT, "事项专业性、技术性不强，经承办单位研究不需要组织专家论证。"),
    "rejected": (Step.RISK, "事项不涉及社会稳定、公共安全，经研判不需要开展风险评估。"),
}


class _Stop(Exception):
    """The next step would lie after today."""


def advance(decision, target: str, today: date) -> None:
    with contextlib.suppress(_Stop):
        _run(decision, target, today)


def _when(day: date, today: date) -> date:
    if day > today:
        raise _Stop
    return day


def _run(decision, target: str, today: date) -> None:
    organisation = decision.organisation
    lead = 13 if target == "commenting" else 7
    started = _when(decision.occurred_on + timedelta(days=lead), today)
    ends = duedates.comment_due(organisation, started).day
    services.participation_open(
        actor=None,
        record=decision,
        started_on=started,
        ends_on=ends,
        participation_form=ParticipationForm.FORUM,
        method="镇人民政府网站公开征求意见，召开村民代表座谈会",
    )
    if target == "commenting":
        _other_procedures(decision, target, ends - timedelta(days=20), today)
        return
    services.participation_complete(
        actor=None,
        record=decision,
        done_on=_when(ends, today),
        evidence="共收到意见建议12条，采纳7条，未采纳的已说明理由并反馈。",
    )
    _other_procedures(decision, target, ends, today)
    submitted = _when(ends + timedelta(days=9), today)
    if target == "filed":
        # The first draft failed the review and went back for revision.
        reviewed = _review(decision, submitted, Opinion.FAILED, today)
        submitted = _when(reviewed + timedelta(days=3), today)
    reviewed = _review(decision, submitted, Opinion.PASSED_AMENDED, today)
    decided = _when(reviewed + timedelta(days=4), today)
    adopted = target != "rejected"
    services.collective_decide(
        actor=None,
        record=decision,
        decided_on=decided,
        meeting="镇人民政府常务会议",
        result=Result.ADOPTED if adopted else Result.REJECTED,
        dissent="无" if adopted else "多数与会人员认为资金来源尚未落实，建议暂不实施。",
        evidence="会议纪要载明讨论情况，镇长最后发表意见。",
    )
    if target in ("rejected", "overdue"):
        return
    published = _when(decided + timedelta(days=6), today)
    services.decision_publish(
        actor=None, record=decision, published_on=published, channel="镇人民政府网站"
    )
    if target == "published":
        return
    services.decision_file(
        actor=None,
        record=decision,
        filed_on=_when(published + timedelta(days=15), today),
        dossier_number=f"JC-{decision.year}-{decision.pk:04d}",
    )


def _other_procedures(decision, target: str, base: date, today: date) -> None:
    waived_step, reason = WAIVED.get(target, (None, ""))
    texts = {
        Step.EXPERT: "邀请3名专家书面论证，论证意见已署名，主要意见已采纳。",
        Step.RISK: "形成社会稳定风险评估报告，评估等级为低风险。",
    }
    for step, days in ((Step.EXPERT, 4), (Step.RISK, 7)):
        if step == waived_step:
            services.procedure_waive(actor=None, record=decision, step=step, reason=reason)
            continue
        services.procedure_record(
            actor=None,
            record=decision,
            step=step,
            done_on=_when(max(base + timedelta(days=days), decision.occurred_on), today),
            evidence=texts[step],
        )


def _review(decision, submitted: date, opinion: str, today: date) -> date:
    reviewed = _when(duedates.review_due(decision.organisation, submitted).day, today)
    services.legality_review_record(
        actor=None,
        record=decision,
        submitted_on=submitted,
        reviewed_on=reviewed,
        opinion=opinion,
        evidence="经法律顾问、公职律师审查，权限、程序、内容符合法律法规和国家政策。"
        if opinion != Opinion.FAILED
        else "草案部分条款超越本级权限，建议修改后重新送审。",
    )
    return reviewed
