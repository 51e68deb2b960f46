"""Rules of the study ledger, run by the ledger services for forms, imports and the API."""

from django.core.exceptions import ValidationError

from fazhi.lawbook.citing import name_problems


def session_rules(session) -> None:
    """A law studied was in force on the session's date (the law catalogue, fazhi.lawbook)."""
    problems = name_problems(session.law_list(), session.occurred_on)
    if problems:
        raise ValidationError({"laws": problems})
