"""
Hostile and careless documents through ``import_seeds`` (Markdown logs, articles,
manifest.toml, the images they name) and map images through the admin. Each bad file is a
clear error naming what is wrong, nothing stored is lost, and the other files still import;
no text makes the importer's work grow faster than its length.
"""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

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
    from updates.importing.units import OBJECT

    assert OBJECT.match(" Coke and Chemical Plant").group("words") == "Coke and Chemical "
    assert OBJECT.match("-" + "Bakhmut-" * 100 + " dam") is None
    front = "Бахмут'" * 100 + "Бахмутський напрямок"
    name = FRONT_ADJECTIVE.search(front).group("name")
    assert name.endswith("Бахмутський") and len(name) <= 41 + len("ський")


def test_a_mentions_sentence_is_looked_for_within_2000_characters_each_side():
    from updates.importing.hints import sentence_bounds

    line = "Bakhmut " * 1000
    assert sentence_bounds(line, 4000) == (2000, 6000)
    assert sentence_bounds("Pisky fell. Then Avdiivka was hit. Later", 17) == (12, 33)


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
