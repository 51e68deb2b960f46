"""Which length of a period applies to an organisation: its county's setting, or the default."""

from fazhi.deadlines.models import PeriodSetting
from fazhi.deadlines.periods import Period, all_periods, get_period
from fazhi.orgs.models import Organisation


def county_of(organisation: Organisation) -> Organisation:
    """The county at the root of the organisation's tree (itself for a county)."""
    if organisation.parent_id is None:
        return organisation
    return Organisation.objects.get(pk=organisation.ancestor_ids()[0])


def county_id_of(organisation: Organisation) -> int:
    return organisation.ancestor_ids()[0] if organisation.path else organisation.pk


def period_for(code: str, organisation: Organisation) -> Period:
    """The period `code` as it applies to `organisation` (any level of a county's subtree)."""
    period = get_period(code)
    if not period.settable:
        return period
    days = (
        PeriodSetting.objects.filter(county_id=county_id_of(organisation), code=code)
        .values_list("days", flat=True)
        .first()
    )
    return period if days is None else period.with_days(days)


def periods_for(organisation: Organisation | None) -> list[Period]:
    """Every registered period with the values in force for the organisation's county."""
    if organisation is None:
        return all_periods()
    settings = dict(
        PeriodSetting.objects.filter(county_id=county_id_of(organisation)).values_list(
            "code", "days"
        )
    )
    return [
        period.with_days(settings[period.code])
        if period.settable and period.code in settings
        else period
        for period in all_periods()
    ]
