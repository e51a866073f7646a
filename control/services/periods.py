"""
The kept ``ControlPeriod`` table: THE RULE evaluated once per change, not once per request.

Every write of observations goes through ``control_periods_refresh`` (single saves and
deletes through the signals in ``control.signals``; bulk writes — accept/reject, the VIINA
import — call it themselves). ``ControlObservationQuerySet.deciding`` stays the reference;
the derivation uses the same order (``reversed_rule_order``): per place and day, the last
observation in that order decides, and it decides until the place's next observed day.
"""

import contextlib
import contextvars
import datetime
from collections.abc import Iterable, Iterator

from django.db import transaction

from updates.caching import content_changed

from ..models import OPEN_END, ControlObservation, ControlPeriod, Review, reversed_rule_order

CHUNK = 500  # place ids per query (SQLite's variable limit)

_deferred: contextvars.ContextVar[set | None] = contextvars.ContextVar(
    "control_periods_deferred", default=None
)


def periods_derive(rows: Iterable[tuple]) -> Iterator[dict]:
    """
    The fields of each period, from rows (pk, place_id, observed_on, status, basis) of
    accepted observations ordered by place then ``reversed_rule_order`` (see ``rows_for``).
    """
    by_place: dict[int, dict[datetime.date, tuple]] = {}
    for pk, place_id, day, status, basis in rows:
        by_place.setdefault(place_id, {})[day] = (pk, status, basis)  # the day's last decides
    for place_id, days in by_place.items():
        ordered = sorted(days.items())
        status_since = None
        previous = None
        for index, (day, (pk, status, basis)) in enumerate(ordered):
            if status != previous:
                status_since = day
            previous = status
            until = ordered[index + 1][0] if index + 1 < len(ordered) else OPEN_END
            yield {
                "place_id": place_id,
                "observation_id": pk,
                "status": status,
                "basis": basis,
                "since": day,
                "until": until,
                "status_since": status_since,
            }


def rows_for(observations):
    """What ``periods_derive`` reads: the accepted ones among ``observations``, in order."""
    return (
        observations.filter(review=Review.ACCEPTED)
        .order_by("place_id", *reversed_rule_order())
        .values_list("pk", "place_id", "observed_on", "status", "basis")
    )


def control_periods_refresh(*, place_ids: Iterable[int] | None = None) -> int:
    """
    Re-derive the periods of ``place_ids`` (all places when None) from their accepted
    observations; returns how many periods are stored for them. Inside
    ``control_periods_deferred()`` the places are only remembered, for one refresh at the end.
    """
    if place_ids is not None:
        place_ids = {pk for pk in place_ids if pk is not None}
        pending = _deferred.get()
        if pending is not None:
            pending |= place_ids
            return 0
    # Statuses feed public pages and API answers: cached copies are stale from now on.
    content_changed()
    with transaction.atomic():
        if place_ids is None:
            ControlPeriod.objects.all().delete()
            periods = _build(rows_for(ControlObservation.objects.all()).iterator(5000))
            ControlPeriod.objects.bulk_create(periods, batch_size=2000)
            return len(periods)
        ids = sorted(place_ids)
        stored = 0
        for offset in range(0, len(ids), CHUNK):
            some = ids[offset : offset + CHUNK]
            ControlPeriod.objects.filter(place_id__in=some).delete()
            periods = _build(rows_for(ControlObservation.objects.filter(place_id__in=some)))
            ControlPeriod.objects.bulk_create(periods, batch_size=2000)
            stored += len(periods)
        return stored


def _build(rows) -> list[ControlPeriod]:
    return [ControlPeriod(**fields) for fields in periods_derive(rows)]


@contextlib.contextmanager
def control_periods_deferred():
    """Collect the places written inside the block; refresh them once when it ends."""
    if _deferred.get() is not None:  # nested: the outer block refreshes
        yield
        return
    pending: set[int] = set()
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    control_periods_refresh(place_ids=pending)
