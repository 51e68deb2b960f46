"""Rules across records of 组织领导, run by the ledger services for forms and imports alike."""

from django.core.exceptions import ValidationError


def _others(record):
    """Active records of the same township and kind, other than this one."""
    others = type(record).objects.active().filter(organisation_id=record.organisation_id)
    return others.exclude(pk=record.pk) if record.pk else others


def plan_rules(record) -> None:
    # A 文号 is issued once; the same number on two documents is a typing error.
    if record.doc_number and _others(record).filter(doc_number=record.doc_number).exists():
        raise ValidationError(
            {"doc_number": f"文号“{record.doc_number}”已被本单位另一份文件使用。"}
        )


def budget_rules(record) -> None:
    # One line per year and purpose, so yearly totals are never counted twice.
    if _others(record).filter(year=record.year, purpose=record.purpose).exists():
        raise ValidationError(
            {
                "purpose": f"本单位 {record.year} 年已登记“{record.get_purpose_display()}”经费，"
                "请修改原记录而不是重复登记。"
            }
        )
