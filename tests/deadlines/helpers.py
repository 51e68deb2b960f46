from datetime import date
from unittest.mock import patch

from django.utils import timezone

from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create


def complaint(organisation, received: date, matter: str = "反映路灯损坏"):
    # Deadline tests date complaints in the weeks and years ahead (next year's holidays): as
    # of the day each is received, so the check that a receipt has happened lets it through.
    with patch("fazhi.core.dates.today", lambda: max(received, timezone.localdate())):
        return _create(organisation, received, matter)


def _create(organisation, received: date, matter: str):
    return record_create(
        actor=None,
        kind=get_kind("complaints"),
        organisation=organisation,
        data={
            "occurred_on": received,
            "channel": "letter",
            "complainant": "王先生",
            "matter": matter,
            "status": "handling",
        },
    )
