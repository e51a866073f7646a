"""
Hostile and careless GeoJSON area layers through ``import_seeds`` and the admin's upload form,
and control data on days that cannot be: each is a clear error naming what is wrong (the
file's line in the import report, a form error in the admin, never a 500), nothing stored is
lost, and the other files still import.
"""

import io
import json

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from control.importing.geojson_layer import LayerError, parse_geojson_layer
from control.models import AreaLayer

pytestmark = pytest.mark.django_db

SQUARE = [[37.0, 48.0], [37.5, 48.0], [37.5, 48.5], [37.0, 48.5], [37.0, 48.0]]


def layer(geometry=None, **properties) -> dict:
    properties = {"date": "2023-02-13", "kind": "occupied", **properties}
    return {
        "type": "FeatureCollection",
        "properties": properties,
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": geometry or {"type": "Polygon", "coordinates": [SQUARE]},
            }
        ],
    }


def polygon(*rings) -> dict:
    return {"type": "Polygon", "coordinates": list(rings)}


def text(document) -> bytes:
    return json.dumps(document).encode()


HOSTILE_GEOJSON = {
    "no coordinates": (text(layer({"type": "Polygon"})), "feature 1: no “coordinates”"),
    "coordinates an object": (
        text(layer({"type": "Polygon", "coordinates": {"a": 1}})),
        "feature 1: the coordinates of a Polygon must be an array of rings",
    ),
    "multipolygon of numbers": (
        text(layer({"type": "MultiPolygon", "coordinates": 5})),
        "feature 1: the coordinates of a MultiPolygon must be an array of polygons",
    ),
    "a position of text": (
        text(layer(polygon([["a", "b"], *SQUARE[1:]]))),
        'feature 1, ring 1, position 1: ["a", "b"] is not [longitude, latitude]',
    ),
    "positions of mixed length": (
        text(layer(polygon([[37.0, 48.0, 1, 2, 3], *SQUARE[1:]]))),
        "feature 1, ring 1, position 1: [37.0, 48.0, 1, 2, 3] is not [longitude, latitude]",
    ),
    "a ring of two positions": (
        text(layer(polygon(SQUARE[:2]))),
        "feature 1, ring 1: a ring needs at least 4 positions",
    ),
    "an unclosed ring": (
        text(layer(polygon(SQUARE[:-1]))),
        "feature 1, ring 1: the ring is not closed",
    ),
    "NaN": (text(layer()).replace(b"37.5", b"NaN", 1), "not valid JSON: NaN is not a number"),
    "Infinity": (
        text(layer()).replace(b"37.5", b"-Infinity", 1),
        "not valid JSON: -Infinity is not a number",
    ),
    "a 5,000-digit number": (
        text(layer()).replace(b"37.5", b"1" * 5000, 1),
        "not valid JSON: a number of 5,000 digits",
    ),
    "10,000 nested arrays": (b"[" * 10_000 + b"]" * 10_000, "nests arrays or objects too deeply"),
    "nested arrays as coordinates": (
        text(layer(polygon("X"))).replace(b'"X"', b"[" * 50 + b"]" * 50),
        "feature 1, ring 1, position 1: [[[",
    ),
    "a type that is a list": (
        text({"type": ["FeatureCollection"], "features": []}),
        "not GeoJSON: “type” must be a string",
    ),
    "features that are an object": (
        text({"type": "FeatureCollection", "features": {"a": 1}}),
        "“features” must be an array of Features",
    ),
    "properties that are a list": (
        text({**layer(), "properties": [1, 2]}),
        "the FeatureCollection's “properties” must be an object",
    ),
    "feature properties that are a list": (
        text({"type": "FeatureCollection", "features": [{**layer()["features"][0], "properties": [1]}]}),
        "feature 1: “properties” must be an object",
    ),
    "the whole world": (
        text(layer(polygon([[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]))),
        "spans 360° of longitude",
    ),
    "across the antimeridian": (
        text(layer(polygon([[-179, 60], [179, 60], [179, 62], [-179, 62], [-179, 60]]))),
        "spans 358° of longitude",
    ),
    "a continent": (
        text(layer(polygon([[20, 40], [60, 40], [60, 70], [20, 70], [20, 40]]))),
        "more than any front-line area",
    ),
}  # fmt: skip


@pytest.mark.parametrize("body, message", HOSTILE_GEOJSON.values(), ids=HOSTILE_GEOJSON.keys())
def test_a_malformed_geojson_is_refused_with_a_message_naming_the_problem(body, message):
    with pytest.raises(LayerError) as error:
        parse_geojson_layer(body)
    assert message in error.value.message


def test_a_hostile_geojson_is_its_files_error_and_the_next_file_imports(tmp_path):
    (tmp_path / "a-bad.geojson").write_bytes(b"[" * 10_000 + b"]" * 10_000)
    (tmp_path / "b-fine.geojson").write_bytes(text(layer()))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "a-bad.geojson: not stored: not valid JSON: it nests arrays" in err.getvalue()
    assert AreaLayer.objects.get().file_name == "b-fine.geojson"


def form_errors(response) -> str:
    """Every error of the admin form, as the editor reads them."""
    form = response.context["adminform"].form
    return " ".join(message for messages in form.errors.values() for message in messages)


@pytest.fixture
def layer_editor(client, django_user_model):
    """A staff user with the control app's permissions, not a superuser."""
    user = django_user_model.objects.create_user(username="mapper", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="control"))
    client.force_login(user)
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("how", ["upload", "geometry"])
@pytest.mark.parametrize("body, message", HOSTILE_GEOJSON.values(), ids=HOSTILE_GEOJSON.keys())
def test_a_hostile_geojson_in_the_admin_is_a_form_error_not_a_500(layer_editor, how, body, message):
    data = {"kind": "", "valid_on": "", "name": "", "source": ""}
    if how == "upload":
        data["upload"] = SimpleUploadedFile("layer.geojson", body)
    else:
        data["geometry"] = body.decode()
    response = layer_editor.post("/admin/control/arealayer/add/", data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert any(message in error for error in errors), errors
    assert not AreaLayer.objects.exists()


def square(west: float, south: float, size: float) -> list[list[float]]:
    return [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
    ]


def test_a_layer_of_many_small_polygons_unions_only_those_that_meet(monkeypatch):
    """
    200,000 small polygons took 47 s in one union of all of them (a request of an admin
    upload); only polygons that touch or overlap need a union, found with a spatial index.
    """
    import shapely

    unioned = []
    union_all = shapely.union_all
    monkeypatch.setattr(
        shapely, "union_all", lambda parts: unioned.append(len(parts)) or union_all(parts)
    )
    squares = [square(30 + (i % 50) * 0.1, 45 + (i // 50) * 0.1, 0.05) for i in range(2000)]
    document = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": geometry}
            for geometry in (
                {"type": "MultiPolygon", "coordinates": [[ring] for ring in squares]},
                polygon(square(20.0, 40.0, 0.1)),  # an overlapping pair
                polygon(square(20.05, 40.05, 0.1)),
            )
        ],
    }
    parsed = parse_geojson_layer(json.dumps(document).encode())
    assert unioned == [2]
    assert len(parsed.geometry.geoms) == 2001
    assert parsed.geometry.is_valid
    pair = next(p for p in parsed.geometry.geoms if p.bounds[0] == 20.0)
    assert pair.area == pytest.approx(0.01 + 0.01 - 0.0025)


# --- the days control data may be on -------------------------------------------------------


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2099-01-01"])
def test_a_layer_dated_outside_the_control_days_is_refused(tmp_path, client, day):
    (tmp_path / "layer.geojson").write_bytes(text(layer(date=day)))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert f"{day} is outside the days control data may be on" in err.getvalue()
    assert not AreaLayer.objects.exists()
    assert client.get("/territory/").status_code == 200  # a 9999 layer made this a 500


def test_a_layer_upload_dated_outside_the_control_days_is_a_form_error(layer_editor):
    upload = SimpleUploadedFile("layer.geojson", text(layer(date="9999-12-31")))
    response = layer_editor.post("/admin/control/arealayer/add/", {"upload": upload})
    assert response.status_code == 200
    assert "outside the days control data may be on" in form_errors(response)
    assert not AreaLayer.objects.exists()


def test_an_observation_dated_9999_in_the_admin_is_a_form_error_not_a_500(layer_editor):
    from control.models import ControlObservation
    from tests.conftest import make_place

    place = make_place("Kupiansk")
    response = layer_editor.post(
        "/admin/control/controlobservation/add/",
        {
            "place": place.pk,
            "observed_on": "9999-12-31",
            "status": "russia",
            "basis": "claimed",
            "review": "accepted",
        },
    )
    assert response.status_code == 200
    assert "outside the days control data may be on" in form_errors(response)
    assert not ControlObservation.objects.exists()


# --- what a layer's properties say -----------------------------------------------------------

BAD_PROPERTIES = {
    "an impossible date": (
        {"date": "2023-02-31"},
        "the “date” property '2023-02-31' is not a date (write 2023-02-13)",
    ),
    "a date that is a number": (
        {"date": 20230213},
        "the “date” property 20230213 is not a date",
    ),
    "a kind that is a list": (
        {"kind": ["occupied"]},
        'the “kind” property ["occupied"] is not a layer kind',
    ),
}


@pytest.mark.parametrize("properties, message", BAD_PROPERTIES.values(), ids=BAD_PROPERTIES.keys())
def test_a_bad_date_or_kind_property_is_named_in_the_import_report(tmp_path, properties, message):
    (tmp_path / "layer.geojson").write_bytes(text(layer(**properties)))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert f"layer.geojson: not stored: {message}" in err.getvalue()


@pytest.mark.parametrize("properties, message", BAD_PROPERTIES.values(), ids=BAD_PROPERTIES.keys())
def test_a_bad_date_or_kind_property_is_named_in_the_admin(layer_editor, properties, message):
    upload = SimpleUploadedFile("layer.geojson", text(layer(**properties)))
    response = layer_editor.post("/admin/control/arealayer/add/", {"upload": upload})
    assert response.status_code == 200
    assert message in form_errors(response)


def test_a_kind_the_file_names_that_is_not_a_layer_kind_is_named_in_the_admin(layer_editor):
    upload = SimpleUploadedFile("layer.geojson", text(layer(kind="<b>frontline</b>")))
    response = layer_editor.post("/admin/control/arealayer/add/", {"upload": upload})
    errors = response.context["adminform"].form.errors
    assert errors["kind"] == [
        "The file's kind “<b>frontline</b>” is not one of: "
        "occupied, assessed_advance, claimed, contested, liberated."
    ]


def test_a_date_the_editor_gives_wins_over_a_bad_date_in_the_file(layer_editor):
    upload = SimpleUploadedFile("layer.geojson", text(layer(date="2023-02-31")))
    response = layer_editor.post(
        "/admin/control/arealayer/add/", {"upload": upload, "valid_on": "2023-03-01"}
    )
    assert response.status_code == 302
    assert AreaLayer.objects.get().valid_on.isoformat() == "2023-03-01"


# --- re-importing a changed layer ------------------------------------------------------------


def test_reimporting_a_changed_layer_keeps_the_name_and_source_an_editor_gave(
    tmp_path, layer_editor
):
    from tests.conftest import make_source

    path = tmp_path / "layer.geojson"
    path.write_bytes(text(layer()))
    call_command("import_seeds", str(tmp_path), stdout=io.StringIO())
    stored = AreaLayer.objects.get()
    source = make_source("DeepStateMap")
    response = layer_editor.post(
        f"/admin/control/arealayer/{stored.pk}/change/",
        {"kind": "occupied", "valid_on": "2023-02-13", "name": "Checked", "source": source.pk},
    )
    assert response.status_code == 302
    bigger = [[37.0, 48.0], [38.0, 48.0], [38.0, 48.5], [37.0, 48.5], [37.0, 48.0]]
    path.write_bytes(text(layer(polygon(bigger), name="DeepState export")))
    out = io.StringIO()
    call_command("import_seeds", str(tmp_path), stdout=out)
    assert "layer.geojson: 0 created, 1 updated" in out.getvalue()
    assert "name “Checked” given in the admin kept (the file says “DeepState export”)" in (
        out.getvalue()
    )
    stored = AreaLayer.objects.get()
    assert (stored.name, stored.source) == ("Checked", source)
    assert stored.area_km2 > 4000  # the file's new geometry (was 2,064 km²)


def test_a_layer_uploaded_in_the_admin_is_not_replaced_by_a_file_for_its_day(
    tmp_path, layer_editor
):
    upload = SimpleUploadedFile("mine.geojson", text(layer()))
    assert layer_editor.post("/admin/control/arealayer/add/", {"upload": upload}).status_code == 302
    uploaded = AreaLayer.objects.get()
    bigger = [[37.0, 48.0], [38.0, 48.0], [38.0, 48.5], [37.0, 48.5], [37.0, 48.0]]
    (tmp_path / "layer.geojson").write_bytes(text(layer(polygon(bigger))))
    out = io.StringIO()
    call_command("import_seeds", str(tmp_path), stdout=out)
    assert "layer.geojson: 0 created, 0 updated, 0 unchanged" in out.getvalue()
    assert (
        "conflict: the occupied layer of 2023-02-13 was uploaded in the admin; kept as it is "
        "(use --overwrite to replace it)"
    ) in out.getvalue()
    assert AreaLayer.objects.get().geometry == uploaded.geometry
    call_command("import_seeds", str(tmp_path), "--overwrite", stdout=io.StringIO())
    assert AreaLayer.objects.get().area_km2 > 4000


# --- what PostgreSQL refuses: found running the hostile files against it ----------------------


def test_a_layer_name_property_with_a_nul_is_refused_by_name(tmp_path):
    (tmp_path / "layer.geojson").write_bytes(text(layer(name="Deep\u0000State")))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "not stored: the “name” property holds a control character (U+0000)" in err.getvalue()
    assert not AreaLayer.objects.exists()
