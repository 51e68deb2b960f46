"""Every workflow write of 重大行政决策 (procedures, the collective decision, publication, filing).

Each service checks the actor's capability on the decision's township, then the statutory
preconditions, and writes nothing when either fails.
"""

from fazhi.decisions.services.decision import collective_decide, decision_file, decision_publish
from fazhi.decisions.services.procedures import (
    legality_review_record,
    participation_complete,
    participation_open,
    procedure_record,
    procedure_waive,
)

__all__ = [
    "collective_decide",
    "decision_file",
    "decision_publish",
    "legality_review_record",
    "participation_complete",
    "participation_open",
    "procedure_record",
    "procedure_waive",
]
