"""Which statutory periods apply to a case, and their due dates (fazhi.deadlines periods).

- 行政处罚: decided within 90 days of 立案 (《行政处罚法》第六十条), extended by approved
  extensions; decision served within 7 working days (第六十一条).
- Publicity (国办发〔2018〕118号): 行政许可、行政处罚 decisions within 7 working days, other
  enforcement decisions within 20 working days.
- 法制审核 of a major case: the county-settable local period (enforcement.legal_review).
Other case types have no closing period in REGULATIONS.md, so none is set for them.
"""

from fazhi.deadlines.calendar import DueDate, add_calendar_days, add_working_days
from fazhi.deadlines.periods import Unit
from fazhi.deadlines.resolve import period_for
from fazhi.enforcement.models.ledgers import EnforcementType

CLOSING = "penalty.case_closing"
SERVICE = "penalty.service"
PENALTY_PUBLICITY = "penalty.publicity"
GENERAL_PUBLICITY = "enforcement.publicity"
LEGAL_REVIEW = "enforcement.legal_review"
PUBLICITY_CODES = (PENALTY_PUBLICITY, GENERAL_PUBLICITY)
SEVEN_DAY_PUBLICITY = {EnforcementType.PENALTY, EnforcementType.LICENCE}


def has_closing_period(case) -> bool:
    return case.case_type == EnforcementType.PENALTY


def publicity_code(case) -> str:
    return PENALTY_PUBLICITY if case.case_type in SEVEN_DAY_PUBLICITY else GENERAL_PUBLICITY


def extension_days(case) -> int:
    if case.pk is None:
        return 0
    return sum(case.extensions.values_list("days", flat=True))


def _add(period, start, days: int) -> DueDate:
    if period.unit == Unit.WORKING:
        return add_working_days(start, days)
    return add_calendar_days(start, days)


def closing_due(case) -> DueDate | None:
    """The last day to decide, counting approved extensions; None when no period applies."""
    if not has_closing_period(case):
        return None
    period = period_for(CLOSING, case.organisation)
    return _add(period, case.occurred_on, period.days + extension_days(case))


def publicity_due(case) -> DueDate | None:
    if case.decided_on is None:
        return None
    return period_for(publicity_code(case), case.organisation).due(case.decided_on)


def closing_source(case) -> str:
    return period_for(CLOSING, case.organisation).source


def publicity_period(case):
    return period_for(publicity_code(case), case.organisation)
