"""Reads for the decision workflow page. Callers pass `today`."""

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType

from fazhi.deadlines.models import State
from fazhi.deadlines.selectors import deadlines_of
from fazhi.decisions import duedates
from fazhi.decisions.models import (
    STEP_ARTICLES,
    STEP_ORDER,
    WAIVABLE,
    DecisionProcedure,
    MajorDecision,
    StepState,
)
from fazhi.ledgers.models import Attachment

SOURCES = {
    duedates.COMMENT: None,  # the engine's own source text
    duedates.PUBLICATION: duedates.PUBLICATION_SOURCE,
}


@dataclass
class StepRow:
    step: str
    label: str
    articles: str
    waivable: bool
    procedure: DecisionProcedure | None
    warning: str = ""


def procedure_rows(decision) -> list[StepRow]:
    procedures = {
        p.step: p
        for p in DecisionProcedure.objects.filter(decision=decision).select_related(
            "evidence_attachment", "recorded_by"
        )
    }
    rows = []
    for step in STEP_ORDER:
        procedure = procedures.get(step)
        rows.append(
            StepRow(
                step=step,
                label=step.label,
                articles=STEP_ARTICLES[step],
                waivable=step in WAIVABLE,
                procedure=procedure,
                warning=_warning(decision, procedure),
            )
        )
    return rows


def _warning(decision, procedure) -> str:
    """第二十六条: a review shorter than the usual time is allowed but flagged."""
    if procedure is None or procedure.state != StepState.DONE or procedure.started_on is None:
        return ""
    if procedure.step != "legality":
        return ""
    usual = duedates.review_due(decision.organisation, procedure.started_on)
    if procedure.done_on < usual.day:
        period = duedates.period(duedates.LEGALITY, decision.organisation)
        return (
            f"审查时间少于{period.length_label}（送审后应至少至 {usual.day:%Y-%m-%d}），"
            f"请核实是否保证了必要的审查时间（{period.source}）。"
        )
    return ""


def deadline_rows(decision, today: date) -> list[dict]:
    rows = []
    for deadline in deadlines_of(decision):
        source = (
            SOURCES.get(deadline.code)
            or duedates.period(deadline.code, decision.organisation).source
        )
        state = deadline.state(today)
        rows.append(
            {"deadline": deadline, "state": state, "label": _state_label(deadline, state, today)}
            | {"source": source}
        )
    return rows


def _state_label(deadline, state, today: date) -> str:
    left = deadline.days_left(today)
    if state == State.OVERDUE:
        return f"已逾期 {-left} 天"
    if state == State.PENDING:
        return f"未到期（还剩 {left} 天）" if left else "今日到期"
    return state.label


def decision_attachments(decision) -> list[Attachment]:
    record_type = ContentType.objects.get_for_model(MajorDecision)
    return list(
        Attachment.objects.current()
        .filter(record_type=record_type, record_id=decision.pk)
        .order_by("pk")
    )


def step_of(rows, step) -> StepRow:
    return next(row for row in rows if row.step == step)


def _procedures(step, **conditions):
    from django.db.models import OuterRef

    return DecisionProcedure.objects.filter(decision=OuterRef("pk"), step=step, **conditions)


def _open_decisions(user, capabilities):
    from fazhi.decisions.kinds import DECISIONS
    from fazhi.decisions.models import Status
    from fazhi.ledgers.selectors import records_in

    return (
        records_in(DECISIONS, user=user, capabilities=capabilities)
        .filter(status=Status.PROCEDURES)
        .select_related("organisation")
        .order_by("occurred_on", "pk")
    )


def awaiting_legality_review(user):
    """Decisions whose 合法性审查 the user may record now: what legality_check accepts (the
    procedures still open, no public consultation running, no review yet or only a failed one)."""
    from django.db.models import Exists

    from fazhi.decisions.models import Opinion, Step
    from fazhi.orgs.roles import Capability

    return (
        _open_decisions(user, {Capability.LEGAL_REVIEW})
        .exclude(Exists(_procedures(Step.PARTICIPATION, state=StepState.OPEN)))
        .exclude(Exists(_procedures(Step.LEGALITY).exclude(opinion=Opinion.FAILED)))
    )


def awaiting_collective(user):
    """Decisions ready for 集体讨论决定 in the townships the user leads: what collective_check
    accepts (a legality review that did not fail, and every other procedure done or waived)."""
    from django.db.models import Exists

    from fazhi.decisions.models import Opinion, Step
    from fazhi.orgs.roles import Capability

    decisions = _open_decisions(user, {Capability.REPORT_APPROVE}).filter(
        Exists(_procedures(Step.LEGALITY).exclude(opinion=Opinion.FAILED))
    )
    for step in WAIVABLE:
        decisions = decisions.filter(Exists(_procedures(step).exclude(state=StepState.OPEN)))
    return decisions
