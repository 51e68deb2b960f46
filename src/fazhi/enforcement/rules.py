"""Cross-record rules of the 行政执法 ledgers, run by the ledger services for forms and imports."""

from django.core.exceptions import ValidationError

from fazhi.lawbook.citing import problems as citation_problems
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
    check_legal_basis(case)


def check_legal_basis(record) -> None:
    """The 《…》 laws the basis cites were in force on the record's date, articles in range
    (the law catalogue, fazhi.lawbook)."""
    problems = citation_problems(record.legal_basis, record.occurred_on)
    if problems:
        raise ValidationError({"legal_basis": problems})


def officer_rules(officer) -> None:
    """A renewal names a certificate of the same township, replaced by no other record."""
    replaced = officer.replaces_certificate
    if not replaced:
        return
    officers = type(officer).objects.active().filter(organisation_id=officer.organisation_id)
    if not officers.filter(certificate_number=replaced).exclude(pk=officer.pk).exists():
        raise ValidationError(
            {"replaces_certificate": f"本单位没有登记执法证号为“{replaced}”的执法人员。"}
        )
    other = officers.filter(replaces_certificate=replaced).exclude(pk=officer.pk).first()
    if other is not None:
        raise ValidationError(
            {
                "replaces_certificate": f"执法证“{replaced}”已由证号“{other.certificate_number}”"
                "的记录替换，同一旧证只能被替换一次。"
            }
        )
