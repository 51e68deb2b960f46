"""Computations of the 重大行政决策 figures (catalogue codes decisions.*)."""

from django.db.models import Exists, OuterRef, Q

from fazhi.decisions.models import (
    MEETING_FORMS,
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


def _step_held(step) -> Q:
    return Q(
        Exists(
            DecisionProcedure.objects.filter(
                decision=OuterRef("pk"), step=step, state=StepState.DONE
            )
        )
    )


register(Computation("decisions.major", MajorDecision, ADOPTED, year_field="decided_on"))
# Decisions of the year for which every one of the five statutory procedures was actually held:
# none recorded as not applicable (the services refuse a decision with a step still open, so
# "done or waived" would always equal decisions.major; this says how many went the full way).
_all_held = ADOPTED
for _step in STEP_ORDER:
    _all_held &= _step_held(_step)
register(
    Computation("decisions.all_procedures_held", MajorDecision, _all_held, year_field="decided_on")
)
# Decisions whose legality review (第二十五条) gave its opinion in the year, whatever became of
# the decision afterwards (a draft rejected or still undecided counts: the review was done).
register(
    Computation(
        "decisions.legality_reviewed",
        DecisionProcedure,
        Q(step=Step.LEGALITY, state=StepState.DONE, decision__archived_at__isnull=True),
        year_field="done_on",
        record_link="decision",
    )
)
# Public participation completed in the year as a hearing, forum or argument meeting (the
# recorded choice of form); one per decision, as a decision's participation is recorded once.
register(
    Computation(
        "decisions.public_hearings",
        DecisionProcedure,
        Q(
            step=Step.PARTICIPATION,
            state=StepState.DONE,
            participation_form__in=MEETING_FORMS,
            decision__archived_at__isnull=True,
        ),
        year_field="done_on",
        record_link="decision",
    )
)
