"""
Hostile and careless VIINA control tables through ``import_seeds``: each is the file's error
line naming the row and what is wrong, nothing is stored from it, the other files still
import, and a changed table re-imported keeps what editors changed.
"""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db

VIINA_HEADER = (
    "geonameid,name,asciiname,alternatenames,longitude,latitude,feature_code,"
    "ctr_20220301000000,ctr_20220302000000"
)


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


# --- what PostgreSQL refuses: found running the hostile files against it ----------------------


def test_a_viina_name_longer_than_a_place_name_is_refused(tmp_path):
    (tmp_path / "viina.csv").write_text(
        f"{VIINA_HEADER}\n700001,{'N' * 5000},Zelene,,36.2,50.0,PPL,UA,RU\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "viina.csv: not stored: line 2: name of 5,000 characters (at most 200)" in err.getvalue()


def test_a_geonameid_with_leading_zeros_is_its_number(tmp_path):
    from updates.models import Place

    (tmp_path / "viina.csv").write_text(
        f"{VIINA_HEADER}\n{'0' * 13}700002,Pisky,Pisky,,37.6,48.1,PPL,UA,RU\n"
    )
    call_command("import_seeds", str(tmp_path), stdout=io.StringIO())
    assert Place.objects.get().geonames_id == 700002
