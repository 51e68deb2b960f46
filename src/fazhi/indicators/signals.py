"""Keep stored figures honest: any write to a record owned by an organisation invalidates that
organisation's stored figures (its revision moves on); a change to the organisation tree (a
unit created, deleted or merged) invalidates every stored county total (rollups.py)."""

from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from fazhi.ledgers.signals import records_written
from fazhi.orgs.models import Organisation
from fazhi.orgs.signals import records_moved


def figures_changed(organisation_ids) -> None:
    """Move the revision of each organisation on (creating its counter on first use)."""
    from fazhi.indicators.models import FigureRevision

    for org_id in set(organisation_ids):
        if org_id is None:
            continue
        if not FigureRevision.objects.filter(pk=org_id).update(revision=F("revision") + 1):
            FigureRevision.objects.get_or_create(organisation_id=org_id, defaults={"revision": 1})


def _owned_by_organisation(sender) -> bool:
    meta = sender._meta
    if not sender.__module__.startswith("fazhi.") or meta.app_label == "indicators":
        return False
    if meta.model_name.startswith("historical"):
        return False  # history rows follow the writes already counted
    return any(f.name == "organisation" for f in meta.concrete_fields)


@receiver(post_save, dispatch_uid="fazhi.indicators.saved")
@receiver(post_delete, dispatch_uid="fazhi.indicators.deleted")
def _record_written(sender, instance, **kwargs):
    if _owned_by_organisation(sender):
        figures_changed([getattr(instance, "organisation_id", None)])


@receiver(records_moved, dispatch_uid="fazhi.indicators.moved")
@receiver(records_written, dispatch_uid="fazhi.indicators.bulk")
def _records_bulk_written(sender, organisation_ids, **kwargs):
    figures_changed(organisation_ids)


def tree_changed() -> None:
    """Forget every stored county total: the tree they were summed over has changed."""
    from fazhi.indicators.models import StoredRollup

    StoredRollup.objects.all().delete()


@receiver(post_save, sender=Organisation, dispatch_uid="fazhi.indicators.unit_saved")
def _unit_saved(sender, instance, created, **kwargs):
    if created:
        tree_changed()


@receiver(post_delete, sender=Organisation, dispatch_uid="fazhi.indicators.unit_deleted")
@receiver(records_moved, dispatch_uid="fazhi.indicators.units_merged")
def _units_changed(sender, **kwargs):
    tree_changed()
