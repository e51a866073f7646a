"""
GeoJSON area layers (the format DeepState and ISW publish): validate, merge and measure.

Pure: bytes in, ``LayerGeometry`` out, or ``LayerError`` saying what is wrong.
"""

import datetime
import json
from dataclasses import dataclass, field

import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.polygon import orient
from shapely.validation import explain_validity

from updates.text import CONTROL_CHARACTER

GEOD = Geod(ellps="WGS84")
WGS84_NAMES = {
    "urn:ogc:def:crs:ogc:1.3:crs84",
    "urn:ogc:def:crs:epsg::4326",
    "epsg:4326",
    "crs84",
    "wgs84",
}
POLYGONAL = {"Polygon", "MultiPolygon"}
# Longer integers are no coordinate; Python refuses to read those of over 4,300 digits.
MAX_DIGITS = 100
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# A front-line area lies within Ukraine and the regions beside it (Ukraine: 603,500 km²).
MAX_LAYER_KM2 = 2_000_000
MAX_SPAN_DEGREES = 40


class LayerError(Exception):
    """GeoJSON that cannot be stored as an area layer; the message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class LayerGeometry:
    geometry: MultiPolygon  # all features merged, longitude/latitude (WGS 84)
    properties: dict = field(default_factory=dict)  # of the collection, then of the 1st feature

    @property
    def geojson(self) -> str:
        return shapely.to_geojson(self.geometry, indent=None)

    @property
    def area_km2(self) -> float:
        return area_km2(self.geometry)

    def property_date(self) -> datetime.date | None:
        """The day the file's properties give; LayerError when they give one that is no day."""
        wrong = None
        for key in ("valid_on", "date", "as_of", "datetime"):
            value = self.properties.get(key)
            if value is None or value == "":
                continue
            try:
                return datetime.date.fromisoformat(value[:10])
            except (TypeError, ValueError):
                wrong = wrong or (key, value)
        if wrong:
            raise LayerError(
                f"the “{wrong[0]}” property {_shown(wrong[1])} is not a date (write 2023-02-13)"
            )
        return None

    def property_kind(self) -> str:
        """The layer kind the properties name ("" for none), not checked against AreaKind."""
        for key in ("kind", "layer", "layer_kind"):
            value = self.properties.get(key)
            if value is None or value == "":
                continue
            if not isinstance(value, str):
                raise LayerError(f"the “{key}” property {_shown(value)} is not a layer kind")
            if value.strip():
                return value.strip().lower().replace(" ", "_").replace("-", "_")
        return ""

    def property_name(self) -> str:
        name = self.properties.get("name")
        if not isinstance(name, str):
            return ""
        if control := CONTROL_CHARACTER.search(name):
            raise LayerError(
                f"the “name” property holds a control character (U+{ord(control.group()):04X})"
            )
        return name.strip()


def area_km2(geometry) -> float:
    """Area on the WGS 84 ellipsoid, in km²."""
    total = 0.0
    for polygon in getattr(geometry, "geoms", [geometry]):
        if isinstance(polygon, Polygon) and not polygon.is_empty:
            area, _perimeter = GEOD.geometry_area_perimeter(orient(polygon, sign=1.0))
            total += abs(area)
    return total / 1e6


def difference_km2(new, old) -> tuple[float, float]:
    """(gained, lost) km² going from ``old`` to ``new``."""
    return area_km2(new.difference(old)), area_km2(old.difference(new))


def load_geometry(text: str) -> MultiPolygon:
    """A stored layer's geometry (already validated when it was stored)."""
    geometry = shapely.from_geojson(text)
    return geometry if isinstance(geometry, MultiPolygon) else MultiPolygon([geometry])


def parse_geojson_layer(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LayerGeometry:
    if len(data) > max_bytes:
        raise LayerError(
            f"the GeoJSON is {len(data):,} bytes; area layers may be at most {max_bytes:,} bytes"
        )
    document = _json(data)
    if not isinstance(document, dict) or "type" not in document:
        raise LayerError("not GeoJSON: expected an object with a “type”")
    kind = document["type"]
    if not isinstance(kind, str):
        raise LayerError(f"not GeoJSON: “type” must be a string, not {_shown(kind)}")
    _check_crs(document.get("crs"))
    properties: dict = {}
    if kind == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list):
            raise LayerError("the FeatureCollection's “features” must be an array of Features")
        if not features:
            raise LayerError("the FeatureCollection has no features")
        properties.update(_properties(document, "the FeatureCollection's"))
        geometries = []
        for number, feature in enumerate(features, 1):
            if not isinstance(feature, dict) or feature.get("type") != "Feature":
                raise LayerError(f"feature {number}: not a GeoJSON Feature")
            _check_crs(feature.get("crs"))
            geometries.append((f"feature {number}", feature.get("geometry")))
        for key, value in _properties(features[0], "feature 1:").items():
            properties.setdefault(key, value)
    elif kind == "Feature":
        properties.update(_properties(document, "the feature's"))
        geometries = [("the feature", document.get("geometry"))]
    elif kind in POLYGONAL:
        geometries = [("the geometry", document)]
    else:
        raise LayerError(
            f"a GeoJSON {kind[:40]} cannot be an area layer: use a FeatureCollection, a Feature, "
            "a Polygon or a MultiPolygon"
        )
    merged = _merge([_polygon(where, geometry) for where, geometry in geometries])
    area = area_km2(merged) if not merged.is_empty else 0.0
    if area == 0:
        raise LayerError("the layer has no area")
    if area > MAX_LAYER_KM2:
        raise LayerError(
            f"the layer covers {area:,.0f} km², more than any front-line area "
            f"(at most {MAX_LAYER_KM2:,} km²): is it a continent, or a ring drawn inside out?"
        )
    return LayerGeometry(geometry=merged, properties=properties)


def _json(data: bytes):
    try:
        return json.loads(
            data.decode("utf-8-sig"), parse_constant=_not_a_number, parse_int=_integer
        )
    except UnicodeDecodeError as exc:
        raise LayerError("not UTF-8 text: GeoJSON must be UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise LayerError(f"not valid JSON: {exc.msg} (line {exc.lineno})") from exc
    except RecursionError as exc:
        raise LayerError("not valid JSON: it nests arrays or objects too deeply") from exc


def _not_a_number(name: str):
    # Python reads NaN and Infinity; JSON has no such numbers, and GEOS chokes on them.
    raise LayerError(f"not valid JSON: {name} is not a number JSON allows")


def _integer(digits: str) -> int:
    if len(digits) > MAX_DIGITS:
        raise LayerError(f"not valid JSON: a number of {len(digits):,} digits")
    return int(digits)


def _shown(value) -> str:
    """A value as the user wrote it, cut short for a message."""
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "…"


def _properties(owner: dict, whose: str) -> dict:
    properties = owner.get("properties")
    if properties is None:
        return {}
    if not isinstance(properties, dict):
        raise LayerError(f"{whose} “properties” must be an object, not {_shown(properties)}")
    return properties


def _check_crs(crs) -> None:
    if crs is None:
        return
    name = ""
    if isinstance(crs, dict):
        name = str((crs.get("properties") or {}).get("name", ""))
    if name.lower() not in WGS84_NAMES:
        raise LayerError(
            f"the coordinate reference system is {name or crs!r}, not WGS 84 longitude/latitude: "
            "reproject the layer to EPSG:4326 (CRS84) first"
        )


def _polygon(where: str, geometry) -> Polygon | MultiPolygon:
    if not isinstance(geometry, dict) or geometry.get("type") not in POLYGONAL:
        found = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
        raise LayerError(f"{where}: a {found} is not an area (Polygon or MultiPolygon expected)")
    if "coordinates" not in geometry:
        raise LayerError(f"{where}: no “coordinates”")
    coordinates = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygon = _rings(where, coordinates)
    else:
        if not isinstance(coordinates, list):
            raise LayerError(
                f"{where}: the coordinates of a MultiPolygon must be an array of polygons, "
                f"not {_shown(coordinates)}"
            )
        polygon = MultiPolygon(
            [_rings(f"{where}, polygon {n}", rings) for n, rings in enumerate(coordinates, 1)]
        )
    minx, miny, maxx, maxy = polygon.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise LayerError(
            f"{where}: coordinates ({minx:g}, {miny:g}) … ({maxx:g}, {maxy:g}) are not WGS 84 "
            "longitude/latitude: reproject the layer to EPSG:4326 first"
        )
    if maxx - minx > MAX_SPAN_DEGREES:
        raise LayerError(
            f"{where}: spans {maxx - minx:g}° of longitude: a polygon around the globe or across "
            "the 180th meridian is no front-line area"
        )
    if not polygon.is_valid:
        raise LayerError(f"{where}: invalid polygon — {explain_validity(polygon)}")
    return polygon


def _rings(where: str, rings) -> Polygon:
    """A Polygon from GeoJSON rings, each checked as RFC 7946 defines it."""
    if not isinstance(rings, list):
        raise LayerError(
            f"{where}: the coordinates of a Polygon must be an array of rings, not {_shown(rings)}"
        )
    checked = [_ring(f"{where}, ring {n}", ring) for n, ring in enumerate(rings, 1)]
    if not checked:
        return Polygon()
    return Polygon(checked[0], checked[1:])


def _ring(where: str, ring) -> list[tuple[float, float]]:
    if not isinstance(ring, list):
        raise LayerError(f"{where}: a ring must be an array of positions, not {_shown(ring)}")
    positions = []
    for number, position in enumerate(ring, 1):
        if not (
            isinstance(position, list)
            and 2 <= len(position) <= 3
            and all(type(c) in (int, float) for c in position)
        ):
            raise LayerError(
                f"{where}, position {number}: {_shown(position)} is not [longitude, latitude]"
            )
        positions.append((position[0], position[1]))
    if len(positions) < 4:
        raise LayerError(
            f"{where}: a ring needs at least 4 positions (the first repeated as the last), "
            f"not {len(positions)}"
        )
    if positions[0] != positions[-1]:
        raise LayerError(
            f"{where}: the ring is not closed: its last position {list(positions[-1])} is not "
            f"its first {list(positions[0])}"
        )
    return positions


def _merge(polygons: list[Polygon | MultiPolygon]) -> MultiPolygon:
    """
    The union of the polygons as one MultiPolygon. Only polygons that meet are unioned
    (the groups that touch or overlap, found with a spatial index): a union of all of them
    at once takes minutes for a layer of 200,000 small polygons, the groups under a second.
    """
    parts = [p for g in polygons for p in getattr(g, "geoms", [g]) if not p.is_empty]
    if not parts:
        return MultiPolygon()
    left, right = shapely.STRtree(parts).query(parts, predicate="intersects")
    group = list(range(len(parts)))

    def root(index: int) -> int:
        while group[index] != index:
            group[index] = group[group[index]]
            index = group[index]
        return index

    for a, b in zip(left.tolist(), right.tolist(), strict=True):
        ra, rb = root(a), root(b)
        if ra != rb:
            group[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[Polygon]] = {}
    for index, part in enumerate(parts):
        members.setdefault(root(index), []).append(part)
    merged: list[Polygon] = []
    for together in members.values():
        union = together[0] if len(together) == 1 else shapely.union_all(together)
        merged.extend(g for g in getattr(union, "geoms", [union]) if isinstance(g, Polygon))
    return MultiPolygon(merged)
