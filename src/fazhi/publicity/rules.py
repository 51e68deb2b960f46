"""Cross-record rules of 普法, run by the ledger services for forms and imports alike."""

from django.core.exceptions import ValidationError


def demonstration_village(record) -> None:
    """A village is named at one level at most once a year (archived records do not count)."""
    others = (
        type(record)
        .objects.active()
        .filter(organisation=record.organisation, level=record.level, award_year=record.award_year)
    )
    if record.pk:
        others = others.exclude(pk=record.pk)
    if others.exists():
        raise ValidationError(
            {
                "level": f"该村{record.award_year}年已有{record.get_level_display()}"
                "民主法治示范村命名，同一级别一年只能登记一次。"
            }
        )
