"""行政执法 models: ledger records (officers, item list, cases) and the steps of a case."""

from fazhi.enforcement.models.ledgers import Case, EnforcementItem, Officer
from fazhi.enforcement.models.steps import (
    CaseExtension,
    CaseFileReview,
    CaseOfficer,
    LegalReview,
    ProcessRecord,
)

__all__ = [
    "Case",
    "CaseExtension",
    "CaseFileReview",
    "CaseOfficer",
    "EnforcementItem",
    "LegalReview",
    "Officer",
    "ProcessRecord",
]
