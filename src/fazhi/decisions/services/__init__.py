"""Every workflow write of 重大行政决策 (procedures, the collective decision, publication, filing).

Each service checks the actor's capability on the decision's township, then the statutory
preconditions, and writes nothing when either fails.
"""

from fazhi.core import actions
from fazhi.decisions.services import decision, procedures
from fazhi.decisions.services.decision import collective_decide, decision_file, decision_publish
from fazhi.decisions.services.procedures import (
    legality_review_record,
    participation_complete,
    participation_open,
    procedure_record,
    procedure_waive,
)

# Each action of a decision's page and its precondition, in the page's order.
ACTION_CHECKS = {
    "participation_open": procedures.participation_open_check,
    "participation_complete": procedures.participation_complete_check,
    "procedure": procedures.procedure_check,
    "waive": procedures.waive_check,
    "collective": decision.collective_check,
    "legality": procedures.legality_check,
    "publish": decision.publish_check,
    "file": decision.file_check,
}


def open_actions(actor, record) -> list[str]:
    """The actions the actor may take on the decision now: exactly those whose service would
    accept valid input."""
    return actions.open_actions(ACTION_CHECKS, actor, record)


__all__ = [
    "ACTION_CHECKS",
    "open_actions",
    "collective_decide",
    "decision_file",
    "decision_publish",
    "legality_review_record",
    "participation_complete",
    "participation_open",
    "procedure_record",
    "procedure_waive",
]
