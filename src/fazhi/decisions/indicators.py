"""Computations of the 重大行政决策 figures (catalogue codes decisions.*)."""

from django.db.models import Exists, OuterRef, Q

from fazhi.decisions.models import (
    STEP_ORDER,
    DecisionProcedure,
    MajorDecision,
    Status,
    Step,
    StepState,
)
from fazhi.indicators.registry import Computation, register

# Decisions taken: adopted at the collective discussion in the year (a draft rejected there,
# or still in its procedures, is no decision).
ADOPTED = Q(status__in=[Status.DECIDED, Status.PUBLISHED, Status.FILED])


def _step_completed(step) -> Q:
    return Q(
        Exists(
            DecisionProcedure.objects.filter(
                decision=OuterRef("pk"),
                step=step,
                state__in=[StepState.DONE, StepState.WAIVED],
            )
        )
    )


register(Computation("decisions.major", MajorDecision, ADOPTED, year_field="decided_on"))
# Every statutory procedure recorded as done, or as not applicable with its reason (only the
# waivable ones can be). The services refuse a decision otherwise, so this equals
# decisions.major unless a record bypassed them.
_full = ADOPTED
for _step in STEP_ORDER:
    _full &= _step_completed(_step)
register(Computation("decisions.full_procedure", MajorDecision, _full, year_field="decided_on"))
# Decisions whose legality review (第二十五条) gave its opinion in the year, whatever became of
# the decision afterwards.
register(
    Computation(
        "decisions.legality_reviewed",
        DecisionProcedure,
        Q(step=Step.LEGALITY, state=StepState.DONE, decision__archived_at__isnull=True),
        year_field="done_on",
        record_link="decision",
    )
)
# Public participation held as a hearing, forum or expert meeting (the method is free text);
# one per decision, as the ledger records a decision's participation once.
register(
    Computation(
        "decisions.public_hearings",
        DecisionProcedure,
        Q(step=Step.PARTICIPATION, state=StepState.DONE, decision__archived_at__isnull=True)
        & (Q(method__contains="听证") | Q(method__contains="座谈") | Q(method__contains="论证会")),
        year_field="done_on",
        record_link="decision",
    )
)
