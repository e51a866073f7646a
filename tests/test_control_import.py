"""Importing control data: stated changes in prose, GeoJSON area layers, VIINA files."""

import io
import json
import math

import pytest
from django.core.management import call_command

from control.importing.geojson_layer import LayerError, parse_geojson_layer
from control.importing.statements import find_control_statements
from control.models import AreaLayer, ControlObservation, Review
from control.services import area_layer_save

# (sentence, names the importer found in it, expected {place: status}) — my own sentences,
# none from the seeds: positive and negative, Dutch and English.
STATEMENTS = [
    ("Russian forces captured Soledar on Friday.", ["Soledar"], {"Soledar": "russia"}),
    ("Ukrainian troops liberated Kherson and Snihurivka.", ["Kherson", "Snihurivka"],
     {"Kherson": "ukraine", "Snihurivka": "ukraine"}),
    ("The Russian MoD claimed the capture of Marinka (4).", ["Marinka"], {"Marinka": "russia"}),
    ("Ukrainian forces withdrew from Avdiivka overnight.", ["Avdiivka"], {"Avdiivka": "russia"}),
    ("Russian troops retreated from Lyman after encirclement.", ["Lyman"], {"Lyman": "ukraine"}),
    ("Wagner fighters took control of the village of Klishchiivka.", ["Klishchiivka"],
     {"Klishchiivka": "russia"}),
    ("According to DeepState, Robotyne is in Ukrainian hands.", ["Robotyne"],
     {"Robotyne": "ukraine"}),
    ("Bakhmut is now in Russian hands, the Kremlin said.", ["Bakhmut"], {"Bakhmut": "russia"}),
    ("Vuhledar was captured by Russian forces after two years.", ["Vuhledar"],
     {"Vuhledar": "russia"}),
    ("Oekraïense troepen hebben Piatykhatky heroverd.", ["Piatykhatky"],
     {"Piatykhatky": "ukraine"}),
    ("Rusland is erin geslaagd om Opytne (2) onder controle te krijgen.", ["Opytne"],
     {"Opytne": "russia"}),
    ("De Oekraïners trekken zich terug uit Vovchansk.", ["Vovchansk"], {"Vovchansk": "russia"}),
    ("Volgens de Russen is Pervomaiske door Russische troepen ingenomen.", ["Pervomaiske"],
     {"Pervomaiske": "russia"}),
    ("Het dorp Staromaiorske is in Oekraïense handen.", ["Staromaiorske"],
     {"Staromaiorske": "ukraine"}),
    # Reference points, not objects.
    ("Russian forces captured villages south of Kupiansk.", ["Kupiansk"], {}),
    ("Ukrainian troops withdrew from positions near Pokrovsk.", ["Pokrovsk"], {}),
    ("Ten noorden van Toretsk zijn twee dorpen heroverd door Rusland.", ["Toretsk"], {}),
    ("De Russen hebben dorpen bij Kurakhove veroverd.", ["Kurakhove"], {}),
    ("Russian troops took Chasiv Yar's eastern district.", ["Chasiv Yar"], {}),
    ("Fighting continues near Siversk, where Russian forces captured two trenches.",
     ["Siversk"], {}),
    # Not a change: attempts, negation, hypotheticals, adjectives, no actor.
    ("Russian forces failed to capture Vuhledar again.", ["Vuhledar"], {}),
    ("Russian forces have not captured Kramatorsk.", ["Kramatorsk"], {}),
    ("Rusland probeert om Siversk onder controle te krijgen.", ["Siversk"], {}),
    ("Residents of liberated Izium returned home, Ukrainian officials said.", ["Izium"], {}),
    ("The troops retreated from Kyiv to Belarus.", ["Kyiv"], {}),
    ("Shelling hit the Russian-occupied Melitopol airfield.", ["Melitopol"], {}),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "names", "expected"), STATEMENTS)
def test_stated_changes_of_control(sentence, names, expected):
    found = {s.place: s.status for s in find_control_statements(sentence, names=names)}
    assert found == expected


def test_the_basis_is_assessed_for_analysts_and_claimed_for_a_side():
    (isw,) = find_control_statements(
        "ISW assessed that Russian forces captured Krynky.", names=["Krynky"]
    )
    assert (isw.basis, isw.claimed_by) == ("assessed", "ISW")
    (mod,) = find_control_statements(
        "The Russian Ministry of Defence said Russian forces liberated Krynky.", names=["Krynky"]
    )
    assert (mod.basis, mod.claimed_by, mod.status) == ("claimed", "Russian MoD", "russia")
    assert mod.sentence.startswith("The Russian Ministry")


def test_the_seeds_suggest_krasna_hora_and_not_sudzha(seeded):
    suggestions = ControlObservation.objects.suggested().select_related("place", "update")
    rows = {(o.place.name, o.status, o.basis, o.observed_on.isoformat()) for o in suggestions}
    assert ("Krasna Hora", "russia", "claimed", "2023-02-13") in rows
    assert not any(name == "Sudzha" and status == "russia" for name, status, *_ in rows)
    hora = suggestions.get(place__name="Krasna Hora")
    assert "onder controle te krijgen" in hora.sentence
    assert hora.update.reported_on.isoformat() == "2023-02-13"
    assert hora.sources.exists()
    # Suggestions are not public until an editor accepts them.
    assert not ControlObservation.objects.public().exists()


def test_a_second_import_keeps_suggestions_and_editors_decisions(seeded):
    hora = ControlObservation.objects.get(place__name="Krasna Hora")
    hora.review = Review.ACCEPTED
    hora.save()
    count = ControlObservation.objects.count()
    call_command("import_seeds", stdout=io.StringIO())
    assert ControlObservation.objects.count() == count
    hora.refresh_from_db()
    assert hora.review == Review.ACCEPTED


# --- GeoJSON area layers ---------------------------------------------------------------

WGS84_A = 6378137.0
WGS84_F = 1 / 298.257223563


def authalic_rectangle_km2(west, south, east, north) -> float:
    """
    Independent check: the exact area of a latitude/longitude quadrangle on the WGS 84
    ellipsoid, a²/2 · Δλ · (q(φ₂) − q(φ₁)), q the authalic-latitude function.
    """
    e2 = WGS84_F * (2 - WGS84_F)
    e = math.sqrt(e2)

    def q(lat):
        s = math.sin(math.radians(lat))
        return (1 - e2) * (s / (1 - e2 * s * s) - math.log((1 - e * s) / (1 + e * s)) / (2 * e))

    return WGS84_A**2 / 2 * math.radians(east - west) * (q(north) - q(south)) / 1e6


def rectangle(west, south, east, north, steps=200):
    """A lat/lon rectangle whose edges follow the parallels (densified)."""
    bottom = [[west + (east - west) * i / steps, south] for i in range(steps + 1)]
    top = [[east - (east - west) * i / steps, north] for i in range(steps + 1)]
    return {"type": "Polygon", "coordinates": [bottom + top + [[west, south]]]}


def feature_collection(*geometries, **properties):
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": properties, "geometry": g} for g in geometries
        ],
    }


def test_a_valid_layer_area_matches_an_independent_computation():
    layer = parse_geojson_layer(
        json.dumps(feature_collection(rectangle(36, 47, 39, 49.5))).encode()
    )
    expected = authalic_rectangle_km2(36, 47, 39, 49.5)
    assert abs(layer.area_km2 - expected) / expected < 0.005
    assert 60_000 < expected < 64_000  # the check itself is of the right size


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (feature_collection({"type": "Polygon", "coordinates": [[[37, 48], [38, 49], [38, 48],
                                                                 [37, 49], [37, 48]]]}),
         "Self-intersection"),
        ({**feature_collection(rectangle(36, 47, 37, 48)),
          "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}},
         "not WGS 84"),
        (feature_collection(rectangle(4_000_000, 6_000_000, 4_100_000, 6_100_000, steps=2)),
         "not WGS 84 longitude/latitude"),
        (feature_collection({"type": "Point", "coordinates": [37, 48]}), "Point is not an area"),
        ({"type": "FeatureCollection", "features": []}, "no features"),
        ({"type": "LineString", "coordinates": [[37, 48], [38, 49]]}, "cannot be an area layer"),
    ],
)  # fmt: skip
def test_bad_layers_are_refused_with_a_clear_message(document, message):
    with pytest.raises(LayerError) as error:
        parse_geojson_layer(json.dumps(document).encode())
    assert message in error.value.message


def test_a_body_over_the_size_cap_is_refused_before_it_is_parsed():
    with pytest.raises(LayerError, match="at most 52,428,800 bytes"):
        parse_geojson_layer(b" " * (50 * 1024 * 1024 + 1))


def test_gained_and_lost_against_the_previous_layer_of_the_kind(db):
    first = parse_geojson_layer(json.dumps(rectangle(36, 47, 38, 48)).encode())
    second = parse_geojson_layer(json.dumps(rectangle(37, 47, 39, 48)).encode())
    area_layer_save(layer=AreaLayer(kind="occupied", valid_on="2023-01-01"), geometry=first)
    layer = area_layer_save(
        layer=AreaLayer(kind="occupied", valid_on="2023-02-01"), geometry=second
    )
    strip = authalic_rectangle_km2(38, 47, 39, 48)
    assert abs(layer.gained_km2 - strip) / strip < 0.005
    assert abs(layer.lost_km2 - authalic_rectangle_km2(36, 47, 37, 48)) / strip < 0.005
    # A layer inserted in between recomputes the one after it.
    area_layer_save(layer=AreaLayer(kind="occupied", valid_on="2023-01-15"), geometry=second)
    layer.refresh_from_db()
    assert layer.gained_km2 == pytest.approx(0, abs=1e-6)
    assert layer.lost_km2 == pytest.approx(0, abs=1e-6)


def test_import_seeds_reads_a_geojson_layer_among_the_documents(seeds_dir, db):
    document = feature_collection(rectangle(37, 48, 38, 49), kind="occupied", name="DeepState")
    (seeds_dir / "layer.geojson").write_text(json.dumps(document))
    with (seeds_dir / "manifest.toml").open("a") as manifest:
        manifest.write('\n["layer.geojson"]\ndate = 2023-02-13\nsource_name = "DeepStateMap"\n')
    call_command("import_seeds", str(seeds_dir), stdout=io.StringIO())
    layer = AreaLayer.objects.get()
    assert (layer.kind, layer.valid_on.isoformat(), layer.source.name) == (
        "occupied",
        "2023-02-13",
        "DeepStateMap",
    )
    assert abs(layer.area_km2 - authalic_rectangle_km2(37, 48, 38, 49)) < 1
    out = io.StringIO()
    call_command("import_seeds", str(seeds_dir), stdout=out)
    assert "layer.geojson: 0 created, 0 updated, 1 unchanged" in out.getvalue()


@pytest.mark.parametrize("problem", ["self-intersection", "crs", "size"])
def test_import_seeds_refuses_a_bad_layer_and_stores_nothing(seeds_dir, db, problem):
    path = seeds_dir / "bad.geojson"
    if problem == "size":
        with path.open("wb") as handle:
            handle.truncate(50 * 1024 * 1024 + 1)
    else:
        document = feature_collection(rectangle(37, 48, 38, 49), date="2023-02-13", kind="occupied")
        if problem == "crs":
            document["crs"] = {"type": "name", "properties": {"name": "EPSG:32637"}}
        else:
            document["features"][0]["geometry"] = {
                "type": "Polygon",
                "coordinates": [[[37, 48], [38, 49], [38, 48], [37, 49], [37, 48]]],
            }
        path.write_text(json.dumps(document))
    err = io.StringIO()
    with pytest.raises(Exception, match="could not be imported"):
        call_command("import_seeds", str(path), stdout=io.StringIO(), stderr=err)
    assert {"size": "at most", "crs": "EPSG:32637", "self-intersection": "Self-intersection"}[
        problem
    ] in err.getvalue()
    assert not AreaLayer.objects.exists()


# --- VIINA control tables ---------------------------------------------------------------


def viina_sample():
    import importlib.util

    from django.conf import settings

    spec = importlib.util.spec_from_file_location(
        "viina_sample", f"{settings.BASE_DIR}/scripts/viina_sample.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_table(text: str) -> dict[str, dict[str, str]]:
    """geonameid -> {YYYYMMDD: value} from a VIINA-layout CSV."""
    import csv

    rows = list(csv.reader(io.StringIO(text)))
    days = [c[4:12] for c in rows[0][7:]]
    return {row[0]: dict(zip(days, row[7:], strict=True)) for row in rows[1:]}


def test_a_generated_viina_table_imports_reimports_unchanged_and_exports_back(tmp_path, client, db):
    path = viina_sample().write_sample(tmp_path / "viina.csv", places=2000, timestamps_count=200)
    out = io.StringIO()
    call_command("import_seeds", str(path), stdout=out, stderr=io.StringIO())
    assert "0 updated" in out.getvalue()
    stored = ControlObservation.objects.filter(origin="viina")
    count = stored.count()
    # Only changes are stored: far fewer than one per place and timestamp.
    assert 2000 <= count < 2000 * 200 / 20
    assert not stored.exclude(basis="assessed").exists()

    out = io.StringIO()
    call_command("import_seeds", str(path), stdout=out, stderr=io.StringIO())
    assert "0 created, 0 updated, 2000 unchanged" in out.getvalue()
    assert stored.count() == count

    original = read_table(path.read_text())
    first, last = min(next(iter(original.values()))), max(next(iter(original.values())))
    response = client.get(f"/api/control.csv?from={first[:4]}-{first[4:6]}-{first[6:]}"
                          f"&to={last[:4]}-{last[4:6]}-{last[6:]}")  # fmt: skip
    assert response.status_code == 200
    exported = read_table(b"".join(response.streaming_content).decode())
    assert set(exported) == set(original)
    for geonameid, row in original.items():
        known, columns, shown = "", sorted(exported[geonameid].items()), ""
        for day, value in sorted(row.items()):
            known = value or known  # a blank cell keeps the last known status
            while columns and columns[0][0] <= day:
                shown = columns.pop(0)[1] or shown
            assert shown == known, (geonameid, day)


def test_viina_rows_match_by_geonames_id_then_by_name_and_position(tmp_path, db):
    from tests.conftest import make_place

    by_id = make_place("Avdiivka", geonames_id=704147, latitude=48.14, longitude=37.74)
    by_name = make_place("Krasna Hora", latitude=48.62, longitude=38.02)
    far = make_place("Pervomaiske", latitude=50.0, longitude=30.0)
    path = tmp_path / "viina.csv"
    path.write_text(
        "geonameid,name,asciiname,alternatenames,longitude,latitude,feature_code,"
        "ctr_20230213000000,ctr_20230214000000\n"
        "704147,Avdiyivka,Avdiyivka,,37.75,48.13,PPL,UA,RU\n"
        "111,Красна Гора,Krasna Hora,,38.03,48.63,PPL,RU,RU\n"
        "222,Pervomaiske,Pervomaiske,,37.5,47.9,PPL,CONTESTED,RU\n"
    )
    call_command("import_seeds", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    places = {o.place for o in ControlObservation.objects.select_related("place")}
    assert by_id in places and by_name in places and far not in places
    assert {p.geonames_id for p in places} == {704147, None, 222}
    assert ControlObservation.objects.filter(place=by_name).count() == 1  # RU, RU: one change


def test_a_malformed_viina_table_stores_nothing(tmp_path, db):
    path = tmp_path / "viina.csv"
    path.write_text(
        "geonameid,name,asciiname,alternatenames,longitude,latitude,feature_code,"
        "ctr_20230213000000\n"
        "1,A,A,,37.75,48.13,PPL,UA\n"
        "2,B,B,,37.75,48.13,PPL,MAYBE\n"
    )
    err = io.StringIO()
    with pytest.raises(Exception, match="could not be imported"):
        call_command("import_seeds", str(path), stdout=io.StringIO(), stderr=err)
    assert "line 3" in err.getvalue() and "'MAYBE'" in err.getvalue()
    assert not ControlObservation.objects.exists()


def test_the_viina_parser_streams_in_bounded_memory(tmp_path):
    import tracemalloc

    from control.importing.viina_csv import read_viina

    sample = viina_sample()
    peaks = []
    for places in (100, 2000):
        path = sample.write_sample(tmp_path / f"{places}.csv", places=places, timestamps_count=100)
        tracemalloc.start()
        with path.open(newline="") as handle:
            _header, rows = read_viina(handle)
            changes = sum(len(row.changes) for row in rows)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert changes >= places
    # Twenty times the rows, about the same peak: nothing accumulates per row.
    assert peaks[1] < peaks[0] * 2


def test_several_timestamps_on_one_day_keep_the_days_last_status():
    from control.importing.viina_csv import read_viina

    header, rows = read_viina(
        io.StringIO(
            "geonameid,name,asciiname,alternatenames,longitude,latitude,feature_code,"
            "ctr_20230101060000,ctr_20230102060000,ctr_20230102180000,ctr_20230103060000\n"
            "1,A,A,,37,48,PPL,UA,RU,UA,UA\n"
            "2,B,B,,37,48,PPL,UA,UA,RU,\n"
        )
    )
    changes = {row.name: [(d.isoformat(), s) for d, s in row.changes] for row in rows}
    assert changes == {
        "A": [("2023-01-01", "ukraine")],
        "B": [("2023-01-01", "ukraine"), ("2023-01-02", "russia")],
    }


def test_a_csv_that_is_not_a_viina_table_is_refused_not_imported_as_an_article(tmp_path, db):
    path = tmp_path / "notes.csv"
    path.write_text(
        "date,text\n2023-02-13,Russian forces captured Krasna Hora near Bakhmut today\n"
    )
    err = io.StringIO()
    with pytest.raises(Exception, match="could not be imported"):
        call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "no importer recognizes" in err.getvalue()


def test_a_large_viina_import_draws_a_progress_bar(tmp_path, db, capsys):
    path = viina_sample().write_sample(tmp_path / "viina.csv", places=300, timestamps_count=5)
    call_command("import_seeds", str(path), stdout=io.StringIO())
    bar = capsys.readouterr().err
    assert "300/300" in bar and bar.count("\r") >= 10


def test_deleting_a_layer_recomputes_the_next_against_the_one_before(db):
    from control.services import area_layer_delete

    small = parse_geojson_layer(json.dumps(rectangle(36, 47, 37, 48)).encode())
    big = parse_geojson_layer(json.dumps(rectangle(36, 47, 38, 48)).encode())
    area_layer_save(layer=AreaLayer(kind="claimed", valid_on="2023-01-01"), geometry=small)
    middle = area_layer_save(layer=AreaLayer(kind="claimed", valid_on="2023-01-10"), geometry=big)
    last = area_layer_save(layer=AreaLayer(kind="claimed", valid_on="2023-01-20"), geometry=big)
    assert last.gained_km2 == pytest.approx(0, abs=1e-6)
    area_layer_delete(layer=middle)
    last.refresh_from_db()
    strip = authalic_rectangle_km2(37, 47, 38, 48)
    assert abs(last.gained_km2 - strip) / strip < 0.005
