"""Editors' decisions on observations."""

from django.db import transaction
from django.db.models import QuerySet

from ..models import ControlObservation, Review
from .periods import control_periods_refresh


def observations_accept(*, observations: QuerySet[ControlObservation]) -> int:
    """Accept suggestions (they become public); returns how many changed."""
    return _review(observations.exclude(review=Review.ACCEPTED), Review.ACCEPTED)


def observations_reject(*, observations: QuerySet[ControlObservation]) -> int:
    """Reject suggestions (never public; kept so the importer does not suggest them again)."""
    return _review(observations.exclude(review=Review.REJECTED), Review.REJECTED)


def _review(observations: QuerySet[ControlObservation], review: str) -> int:
    """Set ``review`` and re-derive the kept periods of the places concerned."""
    with transaction.atomic():
        place_ids = set(observations.values_list("place_id", flat=True))
        count = observations.update(review=review)
        control_periods_refresh(place_ids=place_ids)
    return count
