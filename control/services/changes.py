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


class PlaceChangeList:
    """
    The places whose status changed, newest first. Only ids and statuses are held; the
    observations (with place, update and, if asked, sources) are read for the part that
    is used: a page of a year's thousands of changes costs one page's worth of rows.
    """

    CHUNK = 500

    def __init__(self, rows: list[tuple[int, str | None, datetime.date | None]], sources: bool):
        self._rows = rows  # (observation id, status before, date of the status before)
        self._sources = sources

    def __len__(self) -> int:
        return len(self._rows)

    def __bool__(self) -> bool:
        return bool(self._rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._load(self._rows[index])
        return self._load([self._rows[index]])[0]

    def __iter__(self):
        for start in range(0, len(self._rows), self.CHUNK):
            yield from self._load(self._rows[start : start + self.CHUNK])

    def _load(self, rows) -> list[PlaceChange]:
        observations = ControlObservation.objects.filter(pk__in=[pk for pk, *_ in rows])
        observations = observations.select_related("place", "update")
        if self._sources:
            observations = observations.prefetch_related(_SOURCES)
        by_pk = {o.pk: o for o in observations}
        return [
            PlaceChange(
                place=by_pk[pk].place,
                from_status=from_status,
                to_status=by_pk[pk].status,
                observation=by_pk[pk],
                from_date=from_date,
            )
            for pk, from_status, from_date in rows
        ]


@dataclass
class Changes:
    start: datetime.date
    end: datetime.date
    places: PlaceChangeList | list[PlaceChange] = field(default_factory=list)
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
    km² gained and lost by the layers valid after ``start`` up to ``end``. Three queries;
    the changed places' observations are read when the list is (see ``PlaceChangeList``:
    two queries per 500 read, one without sources). ``with_sources=False``: a paginated
    list calls ``changes_with_sources`` on the page shown.
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
        .order_by("-observed_on", "place__name", "pk")
        .values_list("pk", "place_id", "status")
    )
    rows = []
    for pk, place_id, status in after:
        from_status, from_date = before.get(place_id, (None, None))
        if from_status != status:
            rows.append((pk, from_status, from_date))
    changes = Changes(start=start, end=end, places=PlaceChangeList(rows, sources=with_sources))
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
