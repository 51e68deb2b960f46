"""A petition registered (form, import) gets its acceptance deadline from its received date."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from fazhi.disputes import timelimits
from fazhi.disputes.models import Petition


@receiver(post_save, sender=Petition, dispatch_uid="disputes_petition_acceptance_deadline")
def acceptance_deadline(sender, instance, raw=False, **kwargs):
    if raw or instance.status != Petition.Status.REGISTERED:
        return
    timelimits.set_acceptance(instance, actor=getattr(instance, "_history_user", None))
