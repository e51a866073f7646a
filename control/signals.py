"""Single saves and deletes of observations (admin, inlines, the shell) keep the periods."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import ControlObservation, ControlPeriod, Review


@receiver(post_save, sender=ControlObservation, dispatch_uid="control_periods_on_save")
def _observation_saved(sender, instance, raw=False, **kwargs):
    from .services.periods import control_periods_refresh

    # The place it decided for before (an edit may move it to another place or day).
    before = set(
        ControlPeriod.objects.filter(observation_id=instance.pk).values_list("place_id", flat=True)
    )
    if instance.review == Review.ACCEPTED or before:
        control_periods_refresh(place_ids={instance.place_id, *before})


@receiver(post_delete, sender=ControlObservation, dispatch_uid="control_periods_on_delete")
def _observation_deleted(sender, instance, **kwargs):
    from .services.periods import control_periods_refresh

    if instance.review == Review.ACCEPTED:
        control_periods_refresh(place_ids={instance.place_id})
