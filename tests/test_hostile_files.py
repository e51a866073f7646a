"""
Hostile and careless data files through every door: ``import_seeds`` and the admin's upload
forms. Each bad file is a clear error naming what is wrong (the file's line in the import
report, a form error in the admin), nothing stored is lost, and the other files still import.
"""

import datetime
import io
import json

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

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

VIINA_HEADER = (
    "geonameid,name,asciiname,alternatenames,longitude,latitude,feature_code,"
    "ctr_20220301000000,ctr_20220302000000"
)


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


@pytest.mark.parametrize(
    "column, message",
    [
        ("ctr_99991231000000", "the column ctr_99991231…: 9999-12-31 is outside the days"),
        ("ctr_00010101000000", "the column ctr_00010101…: 0001-01-01 is outside the days"),
        ("ctr_20220302999999", "column 'ctr_20220302999999' does not hold a valid date"),
    ],
)
def test_a_viina_column_outside_the_control_days_is_refused(tmp_path, column, message):
    from control.models import ControlObservation

    header = VIINA_HEADER.replace("ctr_20220302000000", column)
    if column.startswith("ctr_0001"):
        header = VIINA_HEADER.replace("ctr_20220301000000", column)
    (tmp_path / "viina.csv").write_text(f"{header}\n700001,Zelene,Zelene,,36.2,50.0,PPL,UA,RU\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert f"viina.csv: not stored: line 1: {message}" in err.getvalue()
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


# --- VIINA control tables --------------------------------------------------------------------

ROW = "700001,Zelene,Zelene,,36.2,50.0,PPL,UA,RU"
HOSTILE_VIINA = {
    "a 10 MB cell": (
        f"{VIINA_HEADER}\n700001,{'a' * 10_000_000},a,,36,50,PPL,UA,UA\n",
        "line 2: malformed CSV: a cell longer than 131,072 characters",
    ),
    "a quote that never closes": (
        f'{VIINA_HEADER}\n700001,"Zelene,Zelene,,36.2,50.0,PPL,UA,RU\n{ROW}\n',
        "line 3: malformed CSV: a quoted cell that never closes",
    ),
    "a NUL byte in a name": (
        VIINA_HEADER + "\n" + ROW.replace("Zelene,", "Zel\x00ene,", 1) + "\n",
        "line 2: a control character (U+0000) in the place's columns",
    ),
    "an escape character in a name": (
        VIINA_HEADER + "\n" + ROW.replace("Zelene,", "Zel\x1b[31mene,", 1) + "\n",
        "line 2: a control character (U+001B) in the place's columns",
    ),
    "a latitude that is not a number": (
        f"{VIINA_HEADER}\n{ROW.replace('50.0', 'fifty')}\n",
        "line 2: latitude 'fifty' is not a number",
    ),
    "a latitude of nan": (
        f"{VIINA_HEADER}\n{ROW.replace('50.0', 'nan')}\n",
        "line 2: latitude 'nan' is not between -90 and 90",
    ),
    "a longitude of 500": (
        f"{VIINA_HEADER}\n{ROW.replace('36.2', '500')}\n",
        "line 2: longitude '500' is not between -180 and 180",
    ),
    "a longitude of inf": (
        f"{VIINA_HEADER}\n{ROW.replace('36.2', 'inf')}\n",
        "line 2: longitude 'inf' is not between -180 and 180",
    ),
    "a geonameid of 23 digits": (
        f"{VIINA_HEADER}\n{ROW.replace('700001', '9' * 23)}\n",
        "line 2: geonameid '99999999999999999999999' is not a GeoNames id (1 to 2,147,483,647)",
    ),
    "a geonameid of 0": (
        f"{VIINA_HEADER}\n{ROW.replace('700001', '0')}\n",
        "line 2: geonameid '0' is not a GeoNames id",
    ),
    "a negative geonameid": (
        f"{VIINA_HEADER}\n{ROW.replace('700001', '-5')}\n",
        "line 2: geonameid '-5' is not a GeoNames id",
    ),
}


@pytest.mark.parametrize("table, message", HOSTILE_VIINA.values(), ids=HOSTILE_VIINA.keys())
def test_a_hostile_viina_table_is_its_files_error_and_the_next_file_imports(
    tmp_path, table, message
):
    from control.models import ControlObservation
    from updates.models import Place

    (tmp_path / "a-bad.csv").write_text(table)
    (tmp_path / "b-fine.csv").write_text(
        f"{VIINA_HEADER}\n700002,Pisky,Pisky,,37.6,48.1,PPL,UA,RU\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert f"a-bad.csv: not stored: {message}" in err.getvalue()
    assert list(Place.objects.values_list("name", flat=True)) == ["Pisky"]
    assert ControlObservation.objects.count() == 2


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the first line is empty"),
        (f"{VIINA_HEADER}\n{ROW}\n".encode("utf-16"), "not UTF-8 text"),
        (
            b"geonameid,name,asciiname,longitude,latitude,ctr_20220301000000\n1,a,a,30,48,UA\n",
            "a .csv file is read as a VIINA control table, whose first line is "
            "geonameid,name,asciiname,alternatenames,longitude,latitude,feature_code and then "
            "ctr_YYYYMMDDHHMMSS columns",
        ),
    ],
    ids=["empty", "UTF-16", "missing columns"],
)
def test_a_csv_no_reader_takes_says_why(tmp_path, content, message):
    (tmp_path / "table.csv").write_bytes(content)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert f"table.csv: no importer recognizes this file's content: {message}" in err.getvalue()


# --- manifest.toml -----------------------------------------------------------------------------

LOG_TEXT = "# Log\n\n## Update 02/02/2023\n\nFighting near Bakhmut.\n"


@pytest.mark.parametrize(
    "entry, message",
    [
        ('url = "javascript:alert(1)"', "url = 'javascript:alert(1)' is not a web address"),
        ("date = 2023-02-02T10:00:00", "date = datetime.datetime(2023, 2, 2, 10, 0)"),
        ('date = "02/02/2023"', "date = '02/02/2023' is not a date"),
        ("title = 5", "title must be text in quotes, not int"),
        (f'title = "{"x" * 100_000}"', "title is 100000 characters; at most 250 are kept"),
        ('colour = "red"', "has unknown keys ['colour']"),
    ],
)
def test_a_malformed_manifest_entry_is_its_files_error_and_the_folders_other_files_import(
    tmp_path, entry, message
):
    from updates.models import Update

    (tmp_path / "a.md").write_text(LOG_TEXT)
    (tmp_path / "b.md").write_text(LOG_TEXT.replace("02/02", "03/02"))
    (tmp_path / "manifest.toml").write_text(f'["a.md"]\n{entry}\n\n["b.md"]\nauthor = "Ann"\n')
    err, out = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("import_seeds", str(tmp_path), stdout=out, stderr=err)
    assert f"a.md: {tmp_path / 'manifest.toml'}: [a.md] {message}"[:120] in err.getvalue()
    assert "b.md: 1 created" in out.getvalue()
    assert list(Update.objects.values_list("import_key", flat=True)) == ["b.md#2023-02-03"]


def test_a_manifest_entry_for_a_file_the_folder_lacks_is_a_warning(tmp_path):
    (tmp_path / "article.md").write_text(LOG_TEXT)
    (tmp_path / "manifest.toml").write_text(
        '["artcle.md"]\nauthor = "Ann"\n\n["gone.md"]\ntitle = 5\n'
    )
    out = io.StringIO()
    call_command("import_seeds", str(tmp_path), stdout=out)
    manifest = tmp_path / "manifest.toml"
    assert (
        f"warning: {manifest}: [“artcle.md”] names no file in the folder; its facts were not used\n"
    ) in out.getvalue()
    assert (
        "[“gone.md”] names no file in the folder; its facts were not used "
        "(and [gone.md] title must be text in quotes, not int)" in out.getvalue()
    )


# --- Markdown logs and articles ------------------------------------------------------------------


@pytest.mark.parametrize(
    "reference",
    ["a" * 300 + ".png", "b" * 260 + "/a.png"],
    ids=["long name", "long folder name"],
)
def test_an_image_path_the_file_system_refuses_is_a_missing_image_not_the_files_error(
    tmp_path, reference
):
    from updates.models import MapImage

    (tmp_path / "log.md").write_text(LOG_TEXT + f"\n![map]({reference})\n")
    out = io.StringIO()
    call_command("import_seeds", str(tmp_path), stdout=out)
    assert "log.md: 1 created" in out.getvalue()
    assert "cannot be read (File name too long); recorded as missing" in out.getvalue()
    assert MapImage.objects.get().image.name == ""


@pytest.mark.parametrize(
    "body, message",
    [
        ("Fighting near \x01Bakhmut.", "line 5: a control character (U+0001)"),
        ("Fighting near \x1b[31mBakhmut.", "line 5: a control character (U+001B)"),
        ("Page one.\x0cPage two.", "line 5: a control character (U+000C)"),
    ],
    ids=["SOH", "escape", "form feed"],
)
def test_a_document_with_control_characters_is_refused_and_the_feeds_stay_up(
    tmp_path, client, body, message
):
    (tmp_path / "a-bad.md").write_text(LOG_TEXT.replace("Fighting near Bakhmut.", body))
    (tmp_path / "b-fine.md").write_text(LOG_TEXT.replace("02/02", "03/02"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert f"a-bad.md: {message}: not a text document" in err.getvalue()
    assert client.get("/feeds/latest/").status_code == 200
    assert client.get("/feeds/latest/atom/").status_code == 200


def test_a_manifest_value_with_a_control_character_is_its_files_error(tmp_path, client):
    (tmp_path / "log.md").write_text(LOG_TEXT)
    (tmp_path / "manifest.toml").write_text('["log.md"]\nauthor = "Ann\\u0007"\n')
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "[log.md] author holds a control character (U+0007)" in err.getvalue()


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


# --- re-importing a changed VIINA table ----------------------------------------------------------


def viina_table(folder, rows: list[str]):
    (folder / "viina.csv").write_text(VIINA_HEADER + "\n" + "\n".join(rows) + "\n")


def test_reimporting_a_changed_viina_table_keeps_what_editors_changed(tmp_path):
    from control.models import Basis, ControlObservation, Review
    from control.services import observations_reject

    viina_table(
        tmp_path,
        [
            "700001,Zelene,Zelene,,36.2,50.0,PPL,UA,RU",
            "700002,Pisky,Pisky,,37.6,48.1,PPL,UA,RU",
            "700003,Vuhledar,Vuhledar,,37.2,47.8,PPL,UA,RU",
        ],
    )
    call_command("import_seeds", str(tmp_path), stdout=io.StringIO())
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)  # editors come later
    ControlObservation.objects.update(created_at=an_hour_ago, updated_at=an_hour_ago)
    observed = {
        (o.place.name, o.observed_on.isoformat()): o
        for o in ControlObservation.objects.select_related("place")
    }
    confirmed = observed["Zelene", "2022-03-02"]
    confirmed.basis = Basis.CONFIRMED
    confirmed.note = "Geolocated video of the 42nd brigade."
    confirmed.save()  # as the admin's change form does
    observations_reject(
        observations=ControlObservation.objects.filter(pk=observed["Pisky", "2022-03-02"].pk)
    )
    viina_table(
        tmp_path,
        [
            "700001,Zelene,Zelene,,36.2,50.0,PPL,UA,CONTESTED",
            "700002,Pisky,Pisky,,37.6,48.1,PPL,UA,UA",
            "700003,Vuhledar,Vuhledar,,37.2,47.8,PPL,UA,UA",
        ],
    )
    out = io.StringIO()
    call_command("import_seeds", str(tmp_path), stdout=out)
    kept = ControlObservation.objects.get(pk=confirmed.pk)
    assert (kept.status, kept.basis, kept.note) == (
        "russia",
        "confirmed",
        "Geolocated video of the 42nd brigade.",
    )
    assert (
        ControlObservation.objects.get(pk=observed["Pisky", "2022-03-02"].pk).review
        == Review.REJECTED
    )
    assert not ControlObservation.objects.filter(pk=observed["Vuhledar", "2022-03-02"].pk).exists()
    assert (
        "conflict: line 2: Zelene on 2022-03-02 was changed in the admin; kept as it is"
        in out.getvalue()
    )
    assert (
        "conflict: line 3: Pisky on 2022-03-02 was changed in the admin; kept as it is"
        in out.getvalue()
    )


# A 96 KB line of 12,000 place names took 144 s to import: the search for a map number and
# for a mention's sentence ran from each name to the end of the line. Each is now bounded.


def test_a_map_number_is_looked_for_within_eight_words_before_it():
    from updates.importing.mentions import NUMBERED

    text = " ".join(["Bakhmut"] * 20) + " Krasna Hora (1)"
    match = NUMBERED.search(text)
    assert match.group("name").split() == ["Bakhmut"] * 6 + ["Krasna", "Hora"]
    assert NUMBERED.search(" ".join(["Bakhmut"] * 20)) is None


def test_a_canals_name_is_looked_for_within_five_words_each_side_of_its_dash():
    from updates.importing.mentions import CANAL

    text = " ".join(["Bakhmut"] * 20) + " Donets–Donbas canal"
    assert CANAL.search(text).group("name") == "Bakhmut Bakhmut Bakhmut Bakhmut Donets–Donbas"
    assert CANAL.search(" ".join(["Bakhmut"] * 20) + " canal") is None


def test_a_word_is_at_most_40_letters_and_5_hyphens_long():
    import re

    from updates.importing.mentions import WORD

    assert re.fullmatch(WORD, "Kamianets-Podilskyi")
    assert re.fullmatch(WORD, "Казенно-Торсько-Олексіївське")
    run = "-".join(["Bakhmut"] * 100)
    assert re.match(WORD, run).group() == "-".join(["Bakhmut"] * 6)


def test_a_named_objects_words_and_a_fronts_adjective_are_read_a_word_long():
    from updates.importing.mentions import FRONT_ADJECTIVE
    from updates.importing.resolve import OBJECT

    assert OBJECT.match(" Coke and Chemical Plant").group("words") == "Coke and Chemical "
    assert OBJECT.match("-" + "Bakhmut-" * 100 + " dam") is None
    front = "Бахмут'" * 100 + "Бахмутський напрямок"
    name = FRONT_ADJECTIVE.search(front).group("name")
    assert name.endswith("Бахмутський") and len(name) <= 41 + len("ський")


def test_a_mentions_sentence_is_looked_for_within_2000_characters_each_side():
    from updates.importing.mentions import _sentence_bounds

    line = "Bakhmut " * 1000
    assert _sentence_bounds(line, 4000) == (2000, 6000)
    assert _sentence_bounds("Pisky fell. Then Avdiivka was hit. Later", 17) == (12, 33)


# --- map images in the admin -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("bomb.png", "bomb", "The image has too many pixels (limit 40000000)."),
        ("notes.png", b"hello", "The file is not a readable PNG, JPEG or WebP image."),
        ("map.png", "tiff", "TIFF images are not accepted: upload PNG, JPEG or WebP."),
    ],
    ids=["decompression bomb", "text", "TIFF"],
)
def test_a_hostile_map_image_in_the_admin_is_a_form_error_saying_what_is_wrong(
    client, django_user_model, name, data, message
):
    from PIL import Image

    from tests.conftest import make_update
    from updates.models import MapImage

    if data in ("bomb", "tiff"):
        buffer = io.BytesIO()
        if data == "bomb":  # 400 million pixels in a few hundred kilobytes
            Image.new("1", (20_000, 20_000)).save(buffer, "PNG")
        else:
            Image.new("RGB", (20, 20)).save(buffer, "TIFF")
        data = buffer.getvalue()
    user = django_user_model.objects.create_user(username="desk", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="updates"))
    client.force_login(user)
    response = client.post(
        "/admin/updates/mapimage/add/",
        {
            "update": make_update().pk,
            "image": SimpleUploadedFile(name, data),
            "alt_text": "map",
            "position": 0,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"] == [message]
    assert not MapImage.objects.exists()


# --- what PostgreSQL refuses: found running the hostile files against it ----------------------


def test_a_layer_name_property_with_a_nul_is_refused_by_name(tmp_path):
    (tmp_path / "layer.geojson").write_bytes(text(layer(name="Deep\u0000State")))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "not stored: the “name” property holds a control character (U+0000)" in err.getvalue()
    assert not AreaLayer.objects.exists()


def test_an_image_path_longer_than_an_update_keeps_is_left_out_with_a_warning(tmp_path):
    from updates.models import MapImage, Update

    reference = "a/" * 5000 + "x.png"
    (tmp_path / "log.md").write_text(LOG_TEXT + f"\n![map]({reference})\n![map](short.png)\n")
    out = io.StringIO()
    call_command("import_seeds", str(tmp_path), stdout=out)
    assert "warning: line 7: an image path of 10,005 characters (at most 500); left out" in (
        out.getvalue()
    )
    assert Update.objects.count() == 1
    assert list(MapImage.objects.values_list("original_reference", flat=True)) == ["short.png"]


def test_a_viina_name_longer_than_a_place_name_is_refused(tmp_path):
    (tmp_path / "viina.csv").write_text(
        f"{VIINA_HEADER}\n700001,{'N' * 5000},Zelene,,36.2,50.0,PPL,UA,RU\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "viina.csv: not stored: line 2: name of 5,000 characters (at most 200)" in err.getvalue()


def test_a_folders_manifest_is_read_once_a_run(tmp_path, monkeypatch):
    import tomllib

    from updates.importing import manifest

    reads, loads = [], tomllib.loads
    monkeypatch.setattr(manifest.tomllib, "loads", lambda text: reads.append(1) or loads(text))
    for day in range(1, 6):
        (tmp_path / f"log{day}.md").write_text(LOG_TEXT.replace("02/02", f"0{day}/02"))
    (tmp_path / "manifest.toml").write_text('["log1.md"]\nauthor = "Ann"\n')
    call_command("import_seeds", str(tmp_path), stdout=io.StringIO())
    assert len(reads) == 1
