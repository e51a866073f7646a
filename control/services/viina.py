"""
VIINA control tables in and out: assessed observations, one per change of a place's status.

Import streams the file in batches of rows (bounded memory whatever its size), matches
places by GeoNames id, then by name and position, and writes only the differences from
what an earlier import stored — a second run writes nothing. Export writes the same
layout for any set of places and dates, from THE RULE (see ``control.models``).
"""

import csv
import datetime
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from updates.models import Place, PlaceAlias, Source
from updates.text import normalize_name, unique_slug

from ..importing.viina_csv import (
    EXPORT_VALUES,
    PLACE_COLUMNS,
    ViinaError,
    ViinaRow,
    read_viina,
)
from ..models import Basis, ControlObservation, Origin, Review, validate_control_day
from .periods import control_periods_deferred, control_periods_refresh

BATCH = 1000
NAME_MATCH_KM = 10.0
# created_at and updated_at of one save differ by microseconds; an editor's save comes later.
EDITED_AFTER = datetime.timedelta(seconds=1)
VIINA_SOURCE = {
    "name": "VIINA",
    "kind": "analysis",
    "url": "https://github.com/zhukovyuri/VIINA",
}


@dataclass
class ViinaReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged_rows: int = 0
    places_created: int = 0
    warnings: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # editors' changes kept

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def _count_lines(path: Path) -> int:
    lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
    return lines


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def viina_source() -> Source:
    source = Source.objects.filter(name=VIINA_SOURCE["name"]).first()
    if source is None:
        taken = set(Source.objects.filter(slug__startswith="viina").values_list("slug", flat=True))
        source = Source.objects.create(slug=unique_slug("viina", taken), **VIINA_SOURCE)
    return source


def viina_import(
    *,
    path: Path,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ViinaReport:
    """Import a VIINA table; ``ViinaError`` (nothing stored) when a row is malformed."""
    total = max(0, _count_lines(path) - 1)
    report = ViinaReport()
    with transaction.atomic():
        source = viina_source()
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header, rows = read_viina(handle)
            for day in (header.first, header.last):
                try:
                    validate_control_day(day)
                except ValidationError as exc:
                    raise ViinaError(
                        f"the column ctr_{day.isoformat().replace('-', '')}…: {' '.join(exc.messages)}",
                        line=1,
                    ) from exc
            seen: set[int] = set()
            while batch := list(islice(rows, BATCH)):
                _import_batch(batch, header.first, header.last, source, seen, report)
                if progress:
                    # Row by row, so that a progress bar that draws every n-th row draws.
                    for done in range(report.rows + 1, report.rows + len(batch) + 1):
                        progress(done, max(total, done))
                report.rows += len(batch)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _match_places(batch: list[ViinaRow], report: ViinaReport) -> list[Place | None]:
    by_geonames = {
        p.geonames_id: p
        for p in Place.objects.filter(
            geonames_id__in=[r.geonames_id for r in batch if r.geonames_id]
        )
    }
    keys = {normalize_name(n) for r in batch for n in (r.name, r.asciiname) if n}
    by_name: dict[str, list[Place]] = {}
    for place in Place.objects.filter(name_key__in=keys):
        by_name.setdefault(place.name_key, []).append(place)
    for alias in PlaceAlias.objects.filter(name_key__in=keys).select_related("place"):
        by_name.setdefault(alias.name_key, []).append(alias.place)

    matched: list[Place | None] = []
    new: list[Place] = []
    taken: set[str] | None = None
    for row in batch:
        place = by_geonames.get(row.geonames_id) if row.geonames_id else None
        if place is None:
            place = _by_name_and_position(row, by_name)
        if place is None:
            if taken is None:
                taken = set(Place.objects.values_list("slug", flat=True))
            name = row.name or row.asciiname
            place = Place(
                name=name[:200],
                slug=unique_slug(row.asciiname or name, taken),
                kind=Place.Kind.SETTLEMENT,
                latitude=row.latitude,
                longitude=row.longitude,
                geonames_id=row.geonames_id,
                name_key=normalize_name(name),
            )
            taken.add(place.slug)
            new.append(place)
            if row.geonames_id:
                by_geonames[row.geonames_id] = place
        matched.append(place)
    Place.objects.bulk_create(new, batch_size=500)
    report.places_created += len(new)
    return matched


def _by_name_and_position(row: ViinaRow, by_name: dict[str, list[Place]]) -> Place | None:
    candidates = {
        p.pk: p
        for n in (row.name, row.asciiname)
        if n
        for p in by_name.get(normalize_name(n), [])
        if p.geonames_id in (None, row.geonames_id)
    }
    located = [
        (p, _km(row.latitude, row.longitude, p.latitude, p.longitude))
        for p in candidates.values()
        if p.is_located and row.latitude is not None and row.longitude is not None
    ]
    near = sorted((km, p.pk, p) for p, km in located if km <= NAME_MATCH_KM)
    if near:
        return near[0][2]
    unlocated = [p for p in candidates.values() if not p.is_located]
    return unlocated[0] if len(unlocated) == 1 and not located else None


def _edited(observation: ControlObservation) -> bool:
    """
    Whether an editor changed an observation the import wrote: reviewed it, or saved it
    in the admin (the import's own writes are bulk writes that leave ``updated_at`` alone).
    """
    return (
        observation.review != Review.ACCEPTED
        or observation.updated_at - observation.created_at > EDITED_AFTER
    )


def _import_batch(batch, first, last, source, seen, report) -> None:
    places = _match_places(batch, report)
    ids = [p.pk for p in places]
    stored: dict[int, dict[datetime.date, ControlObservation]] = {}
    for observation in ControlObservation.objects.filter(
        origin=Origin.VIINA, place_id__in=ids, observed_on__range=(first, last)
    ).only("pk", "place_id", "observed_on", "status", "review", "created_at", "updated_at"):
        stored.setdefault(observation.place_id, {})[observation.observed_on] = observation
    before: dict[int, str] = {}
    for place_id, status in (
        ControlObservation.objects.filter(
            origin=Origin.VIINA, place_id__in=ids, observed_on__lt=first
        )
        .order_by("place_id", "-observed_on")
        .values_list("place_id", "status")
    ):
        before.setdefault(place_id, status)

    create, update, delete = [], [], []
    for row, place in zip(batch, places, strict=True):
        if place.pk in seen:
            report.warnings.append(f"line {row.line}: {place} appears twice; second row skipped")
            continue
        seen.add(place.pk)
        wanted = dict(row.changes)
        if row.changes and before.get(place.pk) == row.changes[0][1]:
            del wanted[row.changes[0][0]]  # no change from what an earlier file said
        have = stored.get(place.pk, {})
        row_changed = False
        for day, observation in have.items():
            if (day not in wanted or observation.status != wanted[day]) and _edited(observation):
                report.conflicts.append(
                    f"line {row.line}: {place} on {day} was changed in the admin; kept as it is"
                )
            elif day not in wanted:
                delete.append(observation.pk)
                row_changed = True
            elif observation.status != wanted[day]:
                observation.status = wanted[day]
                update.append(observation)
                row_changed = True
        for day, status in wanted.items():
            if day not in have:
                create.append(
                    ControlObservation(
                        place=place,
                        observed_on=day,
                        status=status,
                        basis=Basis.ASSESSED,
                        claimed_by="VIINA",
                        review=Review.ACCEPTED,
                        origin=Origin.VIINA,
                    )
                )
                row_changed = True
        report.unchanged_rows += not row_changed
    with control_periods_deferred():  # one refresh of the batch's places, not one per row
        ControlObservation.objects.filter(pk__in=delete).delete()
    ControlObservation.objects.bulk_update(update, ["status"], batch_size=1000)
    ControlObservation.objects.bulk_create(create, batch_size=1000)
    control_periods_refresh(place_ids={o.place_id for o in (*update, *create)})
    through = ControlObservation.sources.through
    through.objects.bulk_create(
        [through(controlobservation_id=o.pk, source_id=source.pk) for o in create],
        batch_size=1000,
    )
    report.created += len(create)
    report.updated += len(update)
    report.deleted += len(delete)


# --- export ------------------------------------------------------------------------------


def viina_export_rows(
    *,
    start: datetime.date,
    end: datetime.date,
    places: Iterable[Place] | None = None,
) -> Iterator[list[str]]:
    """
    Rows of a VIINA-layout table (header first): one column per day in [start, end] on
    which some exported place's status changes (and ``start``), each cell the place's
    status on that day by THE RULE. Streams: two queries, iterated in chunks.
    """
    observations = ControlObservation.objects.public().filter(observed_on__range=(start, end))
    if places is not None:
        observations = observations.filter(place__in=places)
    days = sorted({start, *observations.values_list("observed_on", flat=True).distinct()})
    yield [*PLACE_COLUMNS, *(f"ctr_{d:%Y%m%d}000000" for d in days)]
    timelines = ControlObservation.objects.timelines(start=start, end=end, places=places)
    for place, timeline in timelines:
        cells, index, current = [], 0, None
        for day in days:
            while index < len(timeline) and timeline[index][0] <= day:
                current = timeline[index][1]
                index += 1
            cells.append(EXPORT_VALUES.get(current, ""))
        aliases = ",".join(a.name for a in place.aliases.all())
        yield [
            str(place.geonames_id or ""),
            place.name,
            normalize_name(place.name) if not place.name.isascii() else place.name,
            aliases,
            "" if place.longitude is None else repr(place.longitude),
            "" if place.latitude is None else repr(place.latitude),
            "",
            *cells,
        ]


def viina_export_csv(rows: Iterator[list[str]]) -> Iterator[str]:
    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())
    for row in rows:
        yield writer.writerow(row)


__all__ = ["ViinaError", "ViinaReport", "viina_export_rows", "viina_import"]
