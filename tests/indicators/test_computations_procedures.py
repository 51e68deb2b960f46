"""规范性文件 and 重大行政决策 figures on hand-built data (see test_computations.py)."""

from datetime import date

import pytest

from fazhi.deadlines.services import deadline_meet, deadline_set
from fazhi.decisions.models import DecisionProcedure, MajorDecision, Status, Step, StepState
from fazhi.decisions.models import ParticipationForm as Form
from fazhi.normative.models import CleanupItem, CleanupRound, LegalityReview, NormativeDocument
from fazhi.normative.models import Status as DocStatus
from fazhi.normative.services.common import FILING_PERIOD
from tests.indicators.test_computations import YEAR, archive, check_domain, rec

# --- 规范性文件 --------------------------------------------------------------------------------


def _document(org, day, title, *, published_on=None, filed_on=None, filing_met=None):
    """A document; when published, the engine's filing deadline runs from publication (15
    days by default) and is met on `filing_met` (the filing date unless told otherwise)."""
    status = DocStatus.EFFECTIVE if filed_on else DocStatus.PUBLISHED
    document = rec(
        NormativeDocument,
        org,
        day,
        title=title,
        drafting_unit="司法所",
        status=status if published_on else DocStatus.DRAFTING,
        published_on=published_on,
        filed_on=filed_on,
        doc_number=f"{title}〔{day.year}〕1号" if published_on else "",
    )
    if published_on:
        deadline_set(record=document, code=FILING_PERIOD, triggered_on=published_on)
        met = filing_met or filed_on
        if met:
            deadline_meet(record=document, code=FILING_PERIOD, met_on=met)
    return document


def _review(document, submitted_on, reviewed_on=None, opinion=""):
    return LegalityReview.objects.create(
        organisation=document.organisation,
        document=document,
        revision=document.revision,
        submitted_on=submitted_on,
        reviewed_on=reviewed_on,
        opinion=opinion,
    )


@pytest.mark.django_db
def test_normative_figures(world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    # Drafted the year before, reviewed, published and filed on time this year.
    on_time = _document(
        a1,
        date(YEAR - 1, 11, 1),
        "甲",
        published_on=date(YEAR, 1, 10),
        filed_on=date(YEAR, 1, 20),
    )
    _review(on_time, date(YEAR - 1, 12, 20), date(YEAR, 1, 5), "passed")
    # Reviewed twice this year (rejected, then passed): one document reviewed; filed late.
    late = _document(
        a1, date(YEAR, 3, 1), "乙", published_on=date(YEAR, 6, 1), filed_on=date(YEAR, 7, 15)
    )
    _review(late, date(YEAR, 3, 20), date(YEAR, 4, 1), "rejected")
    _review(late, date(YEAR, 4, 20), date(YEAR, 5, 1), "passed")
    # Under review at the year's end: no opinion yet.
    pending = _document(a1, date(YEAR, 8, 1), "丙")
    _review(pending, date(YEAR, 12, 1))
    # Published this year, filed (late) the next year.
    filed_next_year = _document(
        a1, date(YEAR, 9, 1), "丁", published_on=date(YEAR, 11, 20), filed_on=date(YEAR + 1, 1, 5)
    )
    _review(filed_next_year, date(YEAR - 1, 10, 1), date(YEAR - 1, 10, 20), "passed")
    # Filed in time but the deadline row says late (met after its due date): not on time.
    met_late = _document(
        a1,
        date(YEAR, 2, 1),
        "戊",
        published_on=date(YEAR, 2, 10),
        filed_on=date(YEAR, 2, 12),
        filing_met=date(YEAR, 3, 30),
    )
    gone = _document(
        a1, date(YEAR, 2, 1), "己", published_on=date(YEAR, 2, 10), filed_on=date(YEAR, 2, 12)
    )
    _review(gone, date(YEAR, 2, 1), date(YEAR, 2, 5), "passed")
    other = _document(
        a2, date(YEAR, 2, 1), "庚", published_on=date(YEAR, 2, 10), filed_on=date(YEAR, 2, 12)
    )
    _review(other, date(YEAR, 2, 1), date(YEAR, 2, 5), "passed")
    old = _document(
        a1,
        date(YEAR - 1, 2, 1),
        "辛",
        published_on=date(YEAR - 1, 2, 10),
        filed_on=date(YEAR - 1, 2, 12),
    )

    def round_(org, day, title):
        return rec(CleanupRound, org, day, title=title)

    def item(cleanup, document, decision):
        return CleanupItem.objects.create(
            organisation=cleanup.organisation, cleanup=cleanup, document=document, decision=decision
        )

    this_round = round_(a1, date(YEAR, 10, 1), "年度清理")
    kept = item(this_round, on_time, "keep")
    repealed = item(this_round, old, "repeal")
    item(this_round, late, "")  # listed, no conclusion yet
    item(this_round, gone, "repeal")  # the document was archived
    item(round_(a1, date(YEAR - 1, 10, 1), "上年清理"), old, "keep")
    archived_round = round_(a1, date(YEAR, 11, 1), "作废的清理")
    item(archived_round, met_late, "amend")
    item(round_(a2, date(YEAR, 10, 1), "乙镇清理"), other, "keep")
    archive(gone, archived_round)

    check_domain(
        world,
        "normative",
        {
            "normative.issued": [on_time, late, filed_next_year, met_late],
            "normative.reviewed": [on_time, late],
            "normative.filed": [on_time, late, met_late],
            "normative.filed_on_time": [on_time],
            "normative.filed_on_time_rate": (1, 3),
            "normative.cleaned_up": [kept, repealed],
        },
    )


# --- 重大行政决策 ------------------------------------------------------------------------------


def _decision(org, day, status, decided_on=None):
    return rec(
        MajorDecision,
        org,
        day,
        title=f"决策{day}",
        sponsor_unit="党政办",
        content="草案",
        status=status,
        decided_on=decided_on,
    )


def _step(decision, step, state, done_on=None, **extra):
    return DecisionProcedure.objects.create(
        organisation=decision.organisation,
        decision=decision,
        step=step,
        state=state,
        done_on=done_on,
        **extra,
    )


def _all_steps(decision, done_on, *, open_step=None, waived=(), form=Form.ONLINE, method=""):
    """Every procedure done with participation of `form`, but `waived` steps recorded as not
    applicable and `open_step` left open."""
    made = {}
    for step in (Step.PARTICIPATION, Step.EXPERT, Step.RISK, Step.LEGALITY, Step.COLLECTIVE):
        if step == open_step:
            made[step] = _step(decision, step, StepState.OPEN)
        elif step in waived:
            made[step] = _step(decision, step, StepState.WAIVED, waiver_reason="不涉及专业问题")
        else:
            made[step] = _step(
                decision,
                step,
                StepState.DONE,
                done_on,
                participation_form=form if step == Step.PARTICIPATION else "",
                method=method if step == Step.PARTICIPATION else "",
                opinion="passed" if step == Step.LEGALITY else "",
            )
    return made


@pytest.mark.django_db
def test_decision_figures(world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    full = _decision(a1, date(YEAR, 2, 1), Status.PUBLISHED, date(YEAR, 5, 1))
    full_steps = _all_steps(full, date(YEAR, 4, 1), form=Form.FORUM)
    # Decided with expert review recorded as not applicable: lawful, but not every procedure
    # was held. Its participation text mentions a forum, but the recorded form is online.
    waived = _decision(a1, date(YEAR, 2, 10), Status.FILED, date(YEAR, 5, 10))
    waived_steps = _all_steps(
        waived, date(YEAR, 4, 10), waived=(Step.EXPERT,), method="网上征求意见，后续拟开座谈会"
    )
    # Decided although its risk assessment is still open (a record that bypassed the services).
    partial = _decision(a1, date(YEAR, 3, 1), Status.DECIDED, date(YEAR, 6, 1))
    partial_steps = _all_steps(partial, date(YEAR, 5, 20), open_step=Step.RISK)
    # Rejected at the collective discussion: reviewed, heard, but no decision.
    rejected = _decision(a1, date(YEAR, 4, 1), Status.REJECTED, date(YEAR, 7, 1))
    rejected_steps = _all_steps(rejected, date(YEAR, 6, 15), form=Form.HEARING)
    # Still in its procedures: legality reviewed this year, argument meeting the year before.
    running = _decision(a1, date(YEAR - 1, 11, 1), Status.PROCEDURES)
    running_hearing = _step(
        running,
        Step.PARTICIPATION,
        StepState.DONE,
        date(YEAR - 1, 12, 1),
        participation_form=Form.ARGUMENT,
    )
    running_review = _step(running, Step.LEGALITY, StepState.DONE, date(YEAR, 12, 20))
    # Decided the next year, reviewed the next year.
    next_year = _decision(a1, date(YEAR, 10, 1), Status.DECIDED, date(YEAR + 1, 1, 10))
    _all_steps(next_year, date(YEAR + 1, 1, 5), form=Form.FORUM)
    archived = _decision(a1, date(YEAR, 2, 1), Status.PUBLISHED, date(YEAR, 5, 1))
    _all_steps(archived, date(YEAR, 4, 1), form=Form.HEARING)
    archive(archived)
    other = _decision(a2, date(YEAR, 2, 1), Status.PUBLISHED, date(YEAR, 5, 1))
    _all_steps(other, date(YEAR, 4, 1), form=Form.HEARING)

    check_domain(
        world,
        "decisions",
        {
            "decisions.major": [full, waived, partial],
            "decisions.all_procedures_held": [full],
            "decisions.legality_reviewed": [
                full_steps[Step.LEGALITY],
                waived_steps[Step.LEGALITY],
                partial_steps[Step.LEGALITY],
                rejected_steps[Step.LEGALITY],
                running_review,
            ],
            "decisions.public_hearings": [
                full_steps[Step.PARTICIPATION],
                rejected_steps[Step.PARTICIPATION],
            ],
        },
    )
    assert running_hearing.done_on.year == YEAR - 1
