"""What changed between two dates: places whose status changed, and area gained and lost."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects

from updates.models import Place, Source, Update

from ..models import AreaKind, AreaLayer, ControlObservation, ControlPeriod


@dataclass
class PlaceChange:
    place: Place
    from_status: str | None  # None: no observation on record on the start date
    to_status: str
    observation: ControlObservation  # the one deciding the status on the end date
    from_date: datetime.date | None = None  # of the observation deciding it on the start date

    @property
    def date(self) -> datetime.date:
        return self.observation.observed_on

    @property
    def sources(self) -> list[Source]:
        return list(self.observation.sources.all())

    @property
    def update(self) -> Update | None:
        return self.observation.update


@dataclass
class AreaChange:
    kind: str
    gained_km2: float = 0.0
    lost_km2: float = 0.0
    start_km2: float | None = None
    end_km2: float | None = None
    layers: int = 0  # layers valid in (start, end]

    @property
    def label(self) -> str:
        return AreaKind(self.kind).label

    @property
    def net_km2(self) -> float:
        return self.gained_km2 - self.lost_km2


@dataclass
class Changes:
    start: datetime.date
    end: datetime.date
    places: list[PlaceChange] = field(default_factory=list)
    areas: list[AreaChange] = field(default_factory=list)


def statuses_on(*, on: datetime.date, places=None) -> dict[int, ControlObservation]:
    """Place id -> the observation deciding its status on ``on`` (THE RULE), one query."""
    observations = ControlObservation.objects.in_force(on=on).order_by()
    if places is not None:
        observations = observations.filter(place__in=places)
    return {o.place_id: o for o in observations}


def changes_between(
    *, start: datetime.date, end: datetime.date, places=None, with_sources: bool = True
) -> Changes:
    """
    Places whose status on ``end`` differs from their status on ``start`` (by THE RULE),
    with the deciding observation, its sources and update; and, per area-layer kind, the
    km² gained and lost by the layers valid after ``start`` up to ``end``. Four queries.
    ``with_sources=False``: three; a paginated list then calls ``changes_with_sources``
    on the page shown (one query), as prefetching thousands of sources costs seconds.
    """
    if start > end:
        start, end = end, start
    # Read from the kept periods: only a place whose period in force on ``end`` began
    # after ``start`` can have changed; its status on ``start`` is the period then in force.
    after_periods = ControlPeriod.objects.filter(since__gt=start, since__lte=end, until__gt=end)
    if places is not None:
        after_periods = after_periods.filter(place__in=places)
    before = {
        place_id: (status, day)
        for place_id, status, day in ControlPeriod.objects.in_force(on=start)
        .filter(place_id__in=after_periods.values("place_id"))
        .order_by()
        .values_list("place_id", "status", "since")
    }
    after = (
        ControlObservation.objects.filter(pk__in=after_periods.values("observation_id"))
        .select_related("place", "update")
        .order_by("-observed_on", "place__name")
    )
    if with_sources:
        after = after.prefetch_related(_SOURCES)
    changes = Changes(start=start, end=end)
    for observation in after:
        from_status, from_date = before.get(observation.place_id, (None, None))
        if from_status == observation.status:
            continue
        changes.places.append(
            PlaceChange(
                place=observation.place,
                from_status=from_status,
                to_status=observation.status,
                observation=observation,
                from_date=from_date,
            )
        )
    changes.areas = area_changes_between(start=start, end=end)
    return changes


_SOURCES = Prefetch("sources", queryset=Source.objects.order_by("name"))


def changes_with_sources(changes: list[PlaceChange]) -> None:
    """Fetch the sources of these changes' observations (one query) when not yet done."""
    prefetch_related_objects([c.observation for c in changes], _SOURCES)


def area_changes_between(*, start: datetime.date, end: datetime.date) -> list[AreaChange]:
    """Per kind: the sum of gained/lost km² of layers valid in (start, end]. One query."""
    by_kind: dict[str, AreaChange] = {}
    layers = (
        AreaLayer.objects.filter(valid_on__lte=end)
        .order_by("kind", "valid_on")
        .values_list("kind", "valid_on", "area_km2", "gained_km2", "lost_km2")
    )
    for kind, valid_on, area, gained, lost in layers:
        change = by_kind.setdefault(kind, AreaChange(kind=kind))
        if valid_on <= start:
            change.start_km2 = area
            change.end_km2 = area
            continue
        change.layers += 1
        change.end_km2 = area
        # None for the first layer of a kind: nothing to compare it with.
        change.gained_km2 += gained or 0.0
        change.lost_km2 += lost or 0.0
    return [by_kind[k] for k in AreaKind.values if k in by_kind]
