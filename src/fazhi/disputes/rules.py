"""Rules of the 信访 ledger that need the stored record (run by the ledger services)."""

from django.core.exceptions import ValidationError


def petition_rules(petition) -> None:
    """Once the acceptance decision is made, the received date and channel are the basis of
    the deadline it was measured against: a generic edit may not rewrite them."""
    if petition.pk is None:
        return
    stored = (
        type(petition).objects.filter(pk=petition.pk).values("status", "occurred_on", "channel")
    )
    stored = stored.first()
    if stored is None or stored["status"] == type(petition).Status.REGISTERED:
        return
    changed = {
        name: "已作出受理决定的信访事项不能再修改收到日期和信访形式（受理告知期限据此计算）。"
        for name in ("occurred_on", "channel")
        if stored[name] != getattr(petition, name)
    }
    if changed:
        raise ValidationError(changed)
