"""A case saved anywhere (the generic form, an import) keeps its deadlines current."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from fazhi.enforcement.duedates import sync_deadlines
from fazhi.enforcement.models import Case


@receiver(post_save, sender=Case, dispatch_uid="enforcement_case_deadlines")
def case_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_deadlines(instance, actor=getattr(instance, "_history_user", None))
