"""Computations of the 期限 figures (catalogue code deadlines.*), and the on-time test other
apps' figures share: a record's statutory deadline met on or before its due date."""

from django.apps import apps
from django.db.models import Exists, F, OuterRef, Q

from fazhi.deadlines.models import Deadline
from fazhi.indicators.registry import Computation, register


def met_on_time(model, codes) -> Q:
    """Rows of `model` whose deadline with one of `codes` was met by its due date (the
    deadline engine's 按期完成; a record without such a deadline is not on time)."""
    return Q(
        Exists(
            Deadline.objects.filter(
                record_type__app_label=model._meta.app_label,
                record_type__model=model._meta.model_name,
                record_id=OuterRef("pk"),
                code__in=list(codes),
                met_on__isnull=False,
                met_on__lte=F("due_on"),
            )
        )
    )


def _on_archived_record() -> Q:
    """Deadlines whose ledger record has been archived (fazhi.deadlines.selectors.live drops
    them too), as one condition: a subquery per model that can be archived."""
    condition = Q()
    for model in apps.get_models():
        if any(f.name == "archived_at" for f in model._meta.concrete_fields):
            condition |= Q(
                record_type__app_label=model._meta.app_label,
                record_type__model=model._meta.model_name,
                record_id__in=model._default_manager.filter(archived_at__isnull=False).values("pk"),
            )
    return condition


# Deadlines falling due in the year, still unmet and past their last day by today (as the
# deadline list shows them 已逾期); a deadline met late is not "未办".
register(
    Computation(
        "deadlines.overdue",
        Deadline,
        lambda period: Q(met_on__isnull=True, due_on__lt=period.today) & ~_on_archived_record(),
        year_field="due_on",
        record_link="record",
        changes_daily=True,
    )
)
