"""
Distances on the earth, and the nearest of many places to a place.

A long log names hundreds of places with confidence, and every candidate of every other
mention is weighed by the nearest of them. ``NearestPlaces`` finds it without measuring
the distance to each: the places are kept in cells of one degree, searched nearest cell
first, and the search stops at a cell whose nearest corner lies farther than the places
found. It keeps the few nearest of each place it was asked about: a document asks about
the same candidates again and again, each time leaving out a few others.
"""

import heapq
import math
from collections.abc import Callable, Iterable

from .gazetteer import PlaceCandidate

EARTH_RADIUS_KM = 6371
# Far more than the rounding of a distance, far less than a distance that could matter.
_SLACK_KM = 1e-6

_DISTANCES: dict[tuple[str, str], float] = {}


def distance_km(a: PlaceCandidate, b: PlaceCandidate) -> float:
    key = (a.ref, b.ref)
    found = _DISTANCES.get(key)
    if found is None:
        if len(_DISTANCES) > 200_000:
            _DISTANCES.clear()
        found = _DISTANCES[key] = great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude)
    return found


def great_circle_km(lat1, lon1, lat2, lon2) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return EARTH_RADIUS_KM * 2 * math.asin(math.sqrt(min(1.0, h)))


class NearestPlaces:
    """Located places, for the distance from a place to the nearest of them."""

    KEPT = 32  # nearest places kept per place asked about; more are searched for again

    def __init__(self, places: Iterable[PlaceCandidate]):
        self._cells: dict[tuple[int, int], list[PlaceCandidate]] = {}
        for p in places:
            if p.is_located:
                self._cells.setdefault(_cell(p.latitude, p.longitude), []).append(p)
        self._kept: dict[str, list[tuple[float, PlaceCandidate]]] = {}

    def nearest_km(
        self, place: PlaceCandidate, accept: Callable[[PlaceCandidate], bool]
    ) -> float | None:
        """``distance_km(place, p)`` of the nearest ``p`` that ``accept`` lets through."""
        kept = self._kept.get(place.ref)
        if kept is None:
            kept = self._kept[place.ref] = self._nearest(place, self.KEPT)
        for distance, other in kept:
            if accept(other):
                return distance
        if len(kept) < self.KEPT:
            return None  # all of them were kept, and all are left out
        return next((d for d, other in self._nearest(place, None) if accept(other)), None)

    def _nearest(self, place: PlaceCandidate, count: int | None):
        """The ``count`` (or all) places nearest to ``place``, nearest first, with distances."""
        lat, lon = place.latitude, place.longitude
        cells = sorted((_lower_bound_km(lat, lon, cell), cell) for cell in self._cells)
        heap: list[tuple[float, int, PlaceCandidate]] = []  # the farthest kept on top
        seen = 0
        for bound, cell in cells:
            if count is not None and len(heap) == count and bound > -heap[0][0] + _SLACK_KM:
                break
            for other in self._cells[cell]:
                # Measured as distance_km(place, other) measures it, to the last digit.
                distance = great_circle_km(lat, lon, other.latitude, other.longitude)
                entry, seen = (-distance, seen, other), seen + 1
                if count is None or len(heap) < count:
                    heapq.heappush(heap, entry)
                elif distance < -heap[0][0]:
                    heapq.heapreplace(heap, entry)
        return [(-d, p) for d, _, p in sorted(heap, key=lambda e: (-e[0], e[1]))]


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return math.floor(latitude), math.floor(longitude)


def _lower_bound_km(lat: float, lon: float, cell: tuple[int, int]) -> float:
    """No place of ``cell`` is nearer to (lat, lon) than this."""
    south, west = cell
    dlat = max(0.0, south - lat, lat - (south + 1))
    dlon = max(0.0, west - lon, lon - (west + 1))
    if dlon > 90:
        dlon = 0.0  # across the antimeridian: no bound from longitude
    # The cell's parallel farthest from the equator: there its degrees of longitude are shortest.
    shortest = max(0.0, min(math.cos(math.radians(south)), math.cos(math.radians(south + 1))))
    h = (
        math.sin(math.radians(dlat) / 2) ** 2
        + math.cos(math.radians(lat)) * shortest * math.sin(math.radians(dlon) / 2) ** 2
    )
    return EARTH_RADIUS_KM * 2 * math.asin(math.sqrt(min(1.0, h)))
