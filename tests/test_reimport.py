"""A changed document re-imported keeps what editors did, and says where they differ."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import make_place, png_bytes
from updates.importing.service import documents_import
from updates.models import MapImage, QuotedPost, Source, Update, UpdatePlace

pytestmark = pytest.mark.django_db


def write(folder: Path, text: str, images=("maps/a.png",)) -> Path:
    path = folder / "log.md"
    lines = ["# Log", "", "## Update 02/02/2023", "", text, ""]
    lines += [f"![Map of the front]({ref})" for ref in images]
    path.write_text("\n".join(lines) + "\n")
    return path


def upload_for_missing_image(client, image: MapImage) -> None:
    """The editor uploads the file the document only names, through the map-image form."""
    response = client.post(
        f"/admin/updates/mapimage/{image.pk}/change/",
        {
            "update": image.update_id,
            "image": SimpleUploadedFile("upload.png", png_bytes((50, 40)), "image/png"),
            "original_reference": image.original_reference,
            "alt_text": "Map of the front near Bakhmut",
            "position": "0",
        },
    )
    assert response.status_code == 302


def test_a_reimport_keeps_the_uploaded_file_hand_added_places_sources_and_posts(
    editor_client, tmp_path
):
    log = write(tmp_path, "Fighting near Bakhmut.")
    documents_import(paths=[log])
    update = Update.objects.get()
    image = update.images.get()
    assert image.is_missing
    upload_for_missing_image(editor_client, image)
    image.refresh_from_db()
    uploaded = image.image.name
    hand_place = make_place("Krasna Hora", slug="krasna-hora")
    UpdatePlace.objects.create(update=update, place=hand_place, map_number=4)
    hand_source = Source.objects.create(name="ISW", slug="isw", url="https://isw.example/")
    update.sources.add(hand_source)
    QuotedPost.objects.create(update=update, author_name="Editor", text="Added by hand.")

    write(tmp_path, "Fighting near Bakhmut and Soledar.")
    report = documents_import(paths=[log])
    assert report.ok and report.files[0].updated == 1

    update.refresh_from_db()
    assert update.body.startswith("Fighting near Bakhmut and Soledar.")
    image = update.images.get()
    assert image.image.name == uploaded and Path(image.image.path).is_file()
    assert image.alt_text == "Map of the front near Bakhmut"
    places = set(update.places.values_list("name", flat=True))
    assert {"Krasna Hora", "Bakhmut", "Soledar"} <= places
    assert update.place_links.get(place=hand_place).map_number == 4
    assert hand_source in update.sources.all()
    assert update.sources.filter(file_name="log.md").exists()
    assert update.quoted_posts.filter(text="Added by hand.").exists()


def test_places_and_images_the_document_drops_go_but_editors_files_stay_and_say_so(
    editor_client, tmp_path
):
    log = write(tmp_path, "Fighting near Bakhmut and Soledar.", images=["a.png", "b.png"])
    documents_import(paths=[log])
    update = Update.objects.get()
    upload_for_missing_image(editor_client, update.images.get(original_reference="b.png"))

    write(tmp_path, "Fighting near Bakhmut.", images=[])
    report = documents_import(paths=[log]).files[0]
    assert set(update.places.values_list("name", flat=True)) == {"Bakhmut"}
    assert list(update.images.values_list("original_reference", flat=True)) == ["b.png"]
    assert report.conflicts == [
        f"“{update.title}” (id {update.pk}): b.png is no longer in the document, but an "
        "editor uploaded its file; kept it"
    ]


def test_an_editors_map_number_is_kept_and_the_difference_reported(tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    write(other, "Shelling of Soledar.", images=[]).rename(other / "other.md")
    log = write(tmp_path, "Fighting near Bakhmut.", images=[])
    documents_import(paths=[other / "other.md", log])
    update = Update.objects.get(import_key__startswith="log.md")
    soledar = Update.objects.exclude(pk=update.pk).get().places.get()
    UpdatePlace.objects.create(update=update, place=soledar, map_number=7)

    write(tmp_path, "Fighting near Bakhmut and Soledar (2).", images=[])
    report = documents_import(paths=[log]).files[0]
    assert update.place_links.get(place__name="Soledar").map_number == 7
    assert any("Soledar (2)" in c and "kept the editor's number" in c for c in report.conflicts)


def test_a_changed_file_in_the_folder_replaces_the_importers_own_file_only(
    tmp_path, django_capture_on_commit_callbacks
):
    (tmp_path / "a.png").write_bytes(png_bytes((60, 40)))
    log = write(tmp_path, "Fighting near Bakhmut.", images=["a.png"])
    documents_import(paths=[log])
    old = Path(MapImage.objects.get().image.path)
    (tmp_path / "a.png").write_bytes(png_bytes((90, 60), color=(0, 0, 200)))
    write(tmp_path, "Fighting near Bakhmut, again.", images=["a.png"])
    with django_capture_on_commit_callbacks(execute=True):
        report = documents_import(paths=[log]).files[0]
    image = MapImage.objects.get()
    assert (image.width, image.height) == (90, 60) and not report.conflicts
    assert Path(image.image.path).is_file() and not old.exists()


def test_a_folder_file_never_replaces_an_editors_upload(editor_client, tmp_path):
    log = write(tmp_path, "Fighting near Bakhmut.", images=["a.png"])
    documents_import(paths=[log])
    upload_for_missing_image(editor_client, MapImage.objects.get())
    (tmp_path / "a.png").write_bytes(png_bytes((90, 60)))
    write(tmp_path, "Fighting near Bakhmut, again.", images=["a.png"])
    report = documents_import(paths=[log]).files[0]
    image = MapImage.objects.get()
    assert (image.width, image.height) == (50, 40)
    assert any("kept the editor's" in c for c in report.conflicts)


def test_a_place_link_an_editor_removed_stays_removed_and_is_reported(tmp_path):
    log = write(tmp_path, "Fighting near Bakhmut and Soledar.", images=[])
    documents_import(paths=[log])
    update = Update.objects.get()
    update.place_links.filter(place__name="Soledar").delete()  # the editor's judgement

    write(tmp_path, "Fighting near Bakhmut and Soledar, and shelling of Siversk.", images=[])
    report = documents_import(paths=[log]).files[0]
    assert report.updated == 1
    assert set(update.places.values_list("name", flat=True)) == {"Bakhmut", "Siversk"}
    assert report.conflicts == [
        f"“{update.title}” (id {update.pk}): the document names Soledar, but an editor "
        "removed that link; kept it removed"
    ]
