"""Editors' decisions on observations."""

from django.db.models import QuerySet

from ..models import ControlObservation, Review


def observations_accept(*, observations: QuerySet[ControlObservation]) -> int:
    """Accept suggestions (they become public); returns how many changed."""
    return observations.exclude(review=Review.ACCEPTED).update(review=Review.ACCEPTED)


def observations_reject(*, observations: QuerySet[ControlObservation]) -> int:
    """Reject suggestions (never public; kept so the importer does not suggest them again)."""
    return observations.exclude(review=Review.REJECTED).update(review=Review.REJECTED)
