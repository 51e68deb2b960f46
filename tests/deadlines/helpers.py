from datetime import date

from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create


def complaint(organisation, received: date, matter: str = "反映路灯损坏"):
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
