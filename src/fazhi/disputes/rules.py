"""Rules of the 信访 ledger that need the stored record (run by the ledger services)."""

from fazhi.disputes.models import Petition
from fazhi.ledgers.registry import Frozen

# Once the acceptance decision is made, the received date and channel are the basis of the
# deadline it was measured against: a generic edit may not rewrite them.
PETITION_FROZEN = Frozen(
    fields=("occurred_on", "channel"),
    when=lambda stored: stored.status != Petition.Status.REGISTERED,
    message=lambda stored, labels: (
        "已作出受理决定的信访事项不能再修改收到日期和信访形式（受理告知期限据此计算）。"
    ),
    per_field=True,
)
