"""Storing area layers with their km² and the change against the previous layer of a kind."""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from updates.caching import content_changed

from ..importing.geojson_layer import (
    DEFAULT_MAX_BYTES,
    LayerGeometry,
    difference_km2,
    load_geometry,
)
from ..models import AreaKind, AreaLayer


def area_layer_max_bytes() -> int:
    return getattr(settings, "FRONTLINE_AREA_LAYER_MAX_BYTES", DEFAULT_MAX_BYTES)


def _refresh_change(layer: AreaLayer, geometry=None) -> None:
    previous = (
        AreaLayer.objects.filter(kind=layer.kind, valid_on__lt=layer.valid_on)
        .exclude(pk=layer.pk)
        .order_by("-valid_on")
        .first()
    )
    if previous is None:
        layer.gained_km2 = layer.lost_km2 = None
        return
    geometry = geometry if geometry is not None else load_geometry(layer.geometry)
    layer.gained_km2, layer.lost_km2 = difference_km2(geometry, load_geometry(previous.geometry))


@transaction.atomic
def area_layer_save(*, layer: AreaLayer, geometry: LayerGeometry | None = None) -> AreaLayer:
    """
    Save ``layer`` (with ``geometry`` when new geometry was validated), computing its area
    and the km² gained and lost against the previous layer of its kind; the next layer of
    the kind (and the one that followed its old place, if it moved) is recomputed too.
    """
    old = None
    if layer.pk:
        old = AreaLayer.objects.without_geometry().filter(pk=layer.pk).first()
    if geometry is not None:
        layer.geometry = geometry.geojson
        layer.area_km2 = geometry.area_km2
        layer.content_hash = hashlib.sha256(layer.geometry.encode()).hexdigest()
    _refresh_change(layer, geometry.geometry if geometry is not None else None)
    layer.save()
    content_changed()  # the map, changes and territory pages show layers
    followers = [(layer.kind, layer.valid_on)]
    if old is not None and (old.kind, old.valid_on) != (layer.kind, layer.valid_on):
        followers.append((old.kind, old.valid_on))
    for kind, valid_on in followers:
        after = AreaLayer.objects.filter(kind=kind, valid_on__gt=valid_on).order_by("valid_on")
        following = after.first()
        if following is not None:
            _refresh_change(following)
            following.save(update_fields=["gained_km2", "lost_km2", "updated_at"])
    return layer


@transaction.atomic
def area_layer_delete(*, layer: AreaLayer) -> None:
    following = (
        AreaLayer.objects.filter(kind=layer.kind, valid_on__gt=layer.valid_on)
        .order_by("valid_on")
        .first()
    )
    layer.delete()
    content_changed()
    if following is not None:
        _refresh_change(following)
        following.save(update_fields=["gained_km2", "lost_km2", "updated_at"])


@dataclass
class AreaStats:
    kinds: list[str]
    series: dict[str, list[tuple[datetime.date, float]]]  # kind -> (valid_on, area_km2)
    weekly: list[dict] = field(default_factory=list)  # period start, kind, gained, lost
    monthly: list[dict] = field(default_factory=list)


def _week(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def area_stats(
    *, start: datetime.date | None = None, end: datetime.date | None = None
) -> AreaStats:
    """Area of each kind over time and km² gained/lost per ISO week and per month. One query."""
    layers = AreaLayer.objects.order_by("kind", "valid_on")
    if start:
        layers = layers.filter(valid_on__gte=start)
    if end:
        layers = layers.filter(valid_on__lte=end)
    series: dict[str, list] = defaultdict(list)
    weekly: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0])
    monthly: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for kind, valid_on, area, gained, lost in layers.values_list(
        "kind", "valid_on", "area_km2", "gained_km2", "lost_km2"
    ):
        series[kind].append((valid_on, area))
        for bucket, key in ((weekly, _week(valid_on)), (monthly, valid_on.replace(day=1))):
            bucket[(key, kind)][0] += gained or 0.0
            bucket[(key, kind)][1] += lost or 0.0
    kinds = [k for k in AreaKind.values if k in series]

    def rows(bucket):
        return [
            {"period": key, "kind": kind, "gained_km2": round(g, 3), "lost_km2": round(lost, 3)}
            for (key, kind), (g, lost) in sorted(bucket.items())
        ]

    return AreaStats(kinds=kinds, series=dict(series), weekly=rows(weekly), monthly=rows(monthly))
