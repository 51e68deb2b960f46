"""Cross-record rules of the 行政执法 ledgers, run by the ledger services for forms and imports."""

from django.core.exceptions import ValidationError

from fazhi.ledgers.registry import Frozen

# Fields a decision rests on: once decided, the file must show what was decided on.
CASE_FROZEN = Frozen(
    fields=(
        "occurred_on",
        "case_type",
        "party",
        "facts",
        "legal_basis",
        "is_major",
        "major_criterion",
    ),
    when=lambda saved: saved.decided_on is not None,
    message=lambda saved, labels: (
        f"案件已于{saved.decided_on:%Y-%m-%d}作出决定，{labels}不能再修改"
        "（决定所依据的案情须与案卷一致）。"
    ),
)


def case_rules(case) -> None:
    clash = (
        type(case)
        .objects.active()
        .filter(organisation_id=case.organisation_id, case_number=case.case_number)
        .exclude(pk=case.pk)
        .exists()
    )
    if clash:
        raise ValidationError({"case_number": f"本单位已有案号为“{case.case_number}”的案件。"})
