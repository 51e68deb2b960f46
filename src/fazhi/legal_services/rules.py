"""Cross-record rules of 公共法律服务, run by the ledger services for forms and imports alike."""

from django.core.exceptions import ValidationError


def contract_rules(contract) -> None:
    """A village cannot hold two overlapping contracts with the same lawyer (a renewal starts
    after the previous contract ends). Archived contracts no longer count."""
    lawyer = (contract.lawyer or "").strip()
    clash = (
        type(contract)
        .objects.active()
        .filter(
            organisation_id=contract.organisation_id,
            lawyer=lawyer,
            occurred_on__lte=contract.contract_end,
            contract_end__gte=contract.occurred_on,
        )
        .exclude(pk=contract.pk)
        .order_by("occurred_on")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "occurred_on": (
                    f"该村与{lawyer}已有合同（{clash.occurred_on:%Y-%m-%d}至"
                    f"{clash.contract_end:%Y-%m-%d}），同一律师的合同期限不能重叠。"
                )
            }
        )
