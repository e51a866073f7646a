import datetime
import io
import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import png_bytes
from updates.importing.service import documents_import
from updates.models import MapImage, Place, Source, Update

pytestmark = pytest.mark.django_db

LOG = "001_0223f005e841b542.txt"
DUTCH_ARTICLE = "000_8c82e5eda1ea54cb.txt"
ENGLISH_ARTICLE = "002_10eba3b55aa9963e.txt"


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_seeds", *[str(a) for a in args], stdout=out, stderr=out)
    return out.getvalue()


def places_of(update) -> list[tuple[str, int | None]]:
    return [
        (link.place.name, link.map_number) for link in update.place_links.select_related("place")
    ]


# -- the three seeds, exactly ------------------------------------------------------


def test_the_log_becomes_three_dated_updates_in_order(seeded):
    source = Source.objects.get(file_name=LOG)
    updates = list(source.updates.order_by("reported_on"))
    assert [u.reported_on for u in updates] == [
        datetime.date(2023, 2, 2),
        datetime.date(2023, 2, 7),
        datetime.date(2023, 2, 13),
    ]
    assert all(u.language == "nl" and u.is_published for u in updates)
    assert source.language == "nl" and source.kind == Source.Kind.BLOG
    first, second, third = updates
    assert first.body.startswith("Situatie in het noorden van Bakhmut blijft moeilijk")
    assert first.body.index("Sakko I Vantsetti (1)") < first.body.index("ter hoogte van Kherson")
    assert second.body.startswith("Eventjes een volledig overzicht")
    assert third.body.startswith("In de afgelopen dagen zijn er enkel veranderingen")
    assert "![" not in first.body and "Dit was de situatie" not in first.body


def test_the_log_links_numbered_places_with_their_numbers(seeded):
    by_date = {u.reported_on: u for u in Source.objects.get(file_name=LOG).updates.all()}
    feb13 = places_of(by_date[datetime.date(2023, 2, 13)])
    assert ("Krasna Hora", 1) in feb13
    assert ("Bakhmut", None) in feb13 and ("M-03", None) in feb13

    feb7 = places_of(by_date[datetime.date(2023, 2, 7)])
    numbered = sorted((number, name) for name, number in feb7 if number)
    assert numbered == [
        (1, "Novomlynsk"),
        (2, "Kuzemivka"),
        (3, "Kreminna"),
        (4, "Bilohorivka"),
        (5, "Verkhnokamianske"),
        (6, "Soledar"),
        (7, "Bakhmut"),
        (8, "Marinka"),
        (9, "Vuhledar"),
        (10, "Kherson"),
    ]
    assert ("Opytne", None) in feb7
    assert ("Siverskyi Donets", None) in feb7  # "aan de overkant van de Donets": the river

    feb2 = places_of(by_date[datetime.date(2023, 2, 2)])
    assert ("Sakko i Vantsetti", 1) in feb2
    assert ("Bakhmut", 3) in feb2 and ("Kherson", None) in feb2
    assert ("Dnipro River", None) in feb2
    mykolaivka = next(
        link.place
        for link in by_date[datetime.date(2023, 2, 2)].place_links.all()
        if link.map_number == 2
    )
    # Of the many Mykolaivkas, the one near Bakhmut (Donetsk Oblast).
    assert mykolaivka.parent.name == "Donetsk Oblast"
    bakhmut = Place.objects.get(name="Bakhmut")
    assert abs(mykolaivka.latitude - bakhmut.latitude) < 0.6
    assert abs(mykolaivka.longitude - bakhmut.longitude) < 0.6


def test_the_log_records_its_five_images_as_missing_with_captions(seeded):
    images = list(
        MapImage.objects.filter(update__sources__file_name=LOG).order_by(
            "update__reported_on", "position"
        )
    )
    assert [(i.update.reported_on.day, i.original_reference) for i in images] == [
        (2, "2023-02-Media/20230202a.png"),
        (2, "2023-02-Media/20230202b.png"),
        (7, "2023-02-Media/20230207a.png"),
        (7, "2023-02-Media/20230207b.png"),
        (13, "2023-02-Media/20230213a.png"),
    ]
    # The seed's template "Alt text" describes nothing: left empty for an editor (#8.19).
    assert all(i.is_missing and i.alt_text == "" for i in images)
    assert images[1].caption == "Dit was de situatie op 29/01/2023"
    assert images[1].depicts_on == datetime.date(2023, 1, 29)
    assert [i.depicts_on for i in images if i is not images[1]] == [None] * 4


def test_the_dutch_article(seeded):
    update = Source.objects.get(file_name=DUTCH_ARTICLE).updates.get()
    assert update.language == "nl"
    assert update.reported_on == datetime.date(2025, 3, 7)  # its latest post
    source = Source.objects.get(file_name=DUTCH_ARTICLE)
    assert source.author == "Robin de Boer"
    posts = list(update.quoted_posts.all())
    assert [(p.author_name, p.handle, p.posted_on, p.url, p.language) for p in posts] == [
        (
            "MD",
            "distant_earth83",
            datetime.date(2025, 3, 6),
            "https://pic.twitter.com/k06A8CPqGD",
            "en",
        ),
        (
            "Chay Bowes",
            "BowesChay",
            datetime.date(2025, 3, 7),
            "https://pic.twitter.com/2lEEStmE4i",
            "en",
        ),
    ]
    assert posts[0].text.startswith("You can’t just leave Kursk region like that.")
    assert "pic.twitter.com" not in posts[0].text
    assert "Sudzha-Yunakivka highway" not in update.body  # posts are not prose
    assert "Robin de Boer" not in update.body
    for tail in ("Bagdad", "Assange", "meditatie", "Soeverein"):
        assert tail not in update.body
        assert tail in source.boilerplate
    names = {name for name, _ in places_of(update)}
    # "You can’t just leave Kursk region like that": the region, not a second Kursk city.
    assert names == {"Kursk", "Kursk Oblast", "Sudzha", "Yunakivka", "Sumy"}
    assert Place.objects.get(name="Kursk").aliases.filter(name="Koersk").exists()
    # Named once in passing ("schrijft de New York Times"): not a source record (#8.19).
    assert [s.file_name for s in update.sources.all()] == [DUTCH_ARTICLE]
    assert not Source.objects.filter(name__in=["DeepState", "The New York Times"]).exists()


def test_the_english_article(seeded):
    update = Source.objects.get(file_name=ENGLISH_ARTICLE).updates.get()
    assert update.language == "en"
    assert update.reported_on == datetime.date(2022, 4, 3)  # from the manifest
    assert (
        update.title == "Maps show exactly how much land Russia has lost in Ukraine over past week"
    )
    for boilerplate in (
        "Brit man and boy",
        "sign up to one of our newsletters",
        "Read Full Article",
    ):
        assert boilerplate not in update.body
    places = dict(places_of(update))
    assert {
        "Kyiv",
        "Chernihiv",
        "Brovary",
        "Konotop",
        "Sumy",
        "Kharkiv",
        "Donbas",
        "Dnipro River",
    } <= set(places)
    kinds = {
        link.place.name: link.place.kind for link in update.place_links.select_related("place")
    }
    assert kinds["Donbas"] == "region" and kinds["Dnipro River"] == "river"
    assert "Dnipro" not in places  # the river, not the city
    for foreign in ("South Ossetia", "Belarus", "Ukraine", "Russia"):
        assert not any(foreign.lower() in name.lower() for name in places), foreign
    assert all(
        link.place.country in ("UA", "") for link in update.place_links.select_related("place")
    )
    assert Place.objects.get(name="Konotop").country == "UA"
    assert update.sources.filter(name="Institute for the Study of War").exists()
    assert Source.objects.get(file_name=ENGLISH_ARTICLE).publisher == "Daily Star"


def test_every_place_the_gazetteer_knows_has_coordinates(seeded):
    for name in ("Kursk", "Sudzha", "Sumy", "Kyiv", "Bakhmut", "Krasna Hora", "Kreminna"):
        place = Place.objects.get(name=name)
        assert place.is_located and place.geonames_id, name
    # A village GeoNames lacks (KATOTTG has it) gets its hromada's position, as approximate.
    kuzemivka = Place.objects.get(name="Kuzemivka")
    assert kuzemivka.is_located and kuzemivka.precision == Place.Precision.APPROXIMATE
    assert kuzemivka.katottg_code and kuzemivka.parent.name == "Luhansk Oblast"
    assert Place.objects.get(name="Bakhmut").precision == Place.Precision.EXACT


# -- idempotence, edits and conflicts -------------------------------------------------


def test_a_second_run_changes_nothing_and_says_so(seeded):
    before = {u.pk: (u.updated_at, u.import_fingerprint) for u in Update.objects.all()}
    counts = (Place.objects.count(), MapImage.objects.count(), Source.objects.count())
    output = run()
    assert "0 created, 0 updated, 5 unchanged" in output
    assert "Nothing changed." in output
    assert {u.pk: (u.updated_at, u.import_fingerprint) for u in Update.objects.all()} == before
    assert (Place.objects.count(), MapImage.objects.count(), Source.objects.count()) == counts


def test_an_edited_document_updates_its_records(seeds_dir):
    run(seeds_dir)
    log = seeds_dir / LOG
    log.write_text(log.read_text().replace("Krasna Hora (1)", "Krasna Hora (1) en Soledar (2)"))
    output = run(seeds_dir)
    assert "1 updated, 2 unchanged" in output
    update = Update.objects.get(reported_on=datetime.date(2023, 2, 13))
    assert ("Soledar", 2) in places_of(update)
    assert Update.objects.filter(import_key__startswith=LOG).count() == 3


def test_an_update_edited_in_the_admin_is_not_overwritten(seeds_dir):
    run(seeds_dir)
    update = Update.objects.get(reported_on=datetime.date(2023, 2, 13))
    update.body += "\n\nCorrection by the desk."
    update.save()
    log = seeds_dir / LOG
    log.write_text(log.read_text().replace("onder controle", "volledig onder controle"))
    output = run(seeds_dir)
    assert "conflict" in output and "--overwrite" in output
    update.refresh_from_db()
    assert update.body.endswith("Correction by the desk.")
    run(seeds_dir, "--overwrite")
    update.refresh_from_db()
    assert "volledig onder controle" in update.body
    assert "Correction by the desk." not in update.body


def test_dry_run_writes_nothing(seeds_dir):
    output = run(seeds_dir, "--dry-run")
    assert "5 created" in output and "dry run" in output
    assert not Update.objects.exists() and not Source.objects.exists()


def test_draft_flag_imports_drafts(seeds_dir):
    run(seeds_dir, "--draft")
    assert Update.objects.count() == 5
    assert not Update.objects.published().exists()


def test_without_a_manifest_the_text_alone_is_used_and_undated_becomes_a_draft(seeds_dir):
    (seeds_dir / "manifest.toml").unlink()
    output = run(seeds_dir)
    assert "undated draft" in output
    english = Source.objects.get(file_name=ENGLISH_ARTICLE).updates.get()
    assert english.reported_on is None and english.status == Update.Status.DRAFT
    dutch = Source.objects.get(file_name=DUTCH_ARTICLE).updates.get()
    assert dutch.reported_on == datetime.date(2025, 3, 7)
    assert dutch.title.startswith("Russische en Noord-Koreaanse troepen")


# -- bad files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "line 1: the file is empty"),
        (b"# Log\n\n## Update 01/02/2023\nok\x00binary", "line 4: binary data"),
        ("# Log\n\n## Update 01/02/2023\nKyiv é\n".encode("latin-1"), "line 4: not UTF-8"),
        (b"# Log\n\n## Update 31/02/2023\nText.\n", "line 3: the heading"),
        (b"a,b,c\n1,2,3\n", "line 1: unrecognized format"),
    ],
)
def test_a_bad_file_is_reported_with_its_line_and_writes_nothing(seeds_dir, content, message):
    bad = seeds_dir / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(CommandError, match="1 file"):
        run(seeds_dir)
    report = documents_import(paths=[bad])
    assert not report.ok and message in report.files[0].error
    assert not Update.objects.filter(import_key__startswith="bad.txt").exists()
    assert not Source.objects.filter(file_name="bad.txt").exists()
    # The good files still imported.
    assert Update.objects.count() == 5


def test_a_failing_file_leaves_its_earlier_import_intact(seeds_dir):
    run(seeds_dir)
    before = Update.objects.filter(import_key__startswith=LOG).count()
    (seeds_dir / LOG).write_text("# Log\n\n## Update 02/02/2023\nok\n## Update 45/02/2023\nx\n")
    with pytest.raises(CommandError):
        run(seeds_dir)
    assert Update.objects.filter(import_key__startswith=LOG).count() == before == 3


def test_a_malformed_manifest_is_an_error_naming_it(seeds_dir):
    (seeds_dir / "manifest.toml").write_text('["002_10eba3b55aa9963e.txt"]\ndate = 2022-13-45\n')
    report = documents_import(paths=[seeds_dir])
    assert not report.ok
    assert all("manifest.toml" in f.error for f in report.files)
    assert not Update.objects.exists()


def test_an_unknown_manifest_key_is_an_error(seeds_dir):
    (seeds_dir / "manifest.toml").write_text(f'["{LOG}"]\ndatum = 2022-04-03\n')
    report = documents_import(paths=[seeds_dir])
    (failed,) = [f for f in report.files if not f.ok]
    assert failed.path.endswith(LOG) and "unknown keys ['datum']" in failed.error


def test_an_oversized_file_is_refused(seeds_dir, settings):
    settings.FRONTLINE_IMPORT_MAX_BYTES = 1000
    report = documents_import(paths=[seeds_dir / LOG])
    assert "at most 1000 bytes" in report.files[0].error


# -- safety ---------------------------------------------------------------------------


def write_log(folder: Path, images: list[str]) -> Path:
    lines = ["# Log", "", "## Update 02/02/2023", "", "Fighting near Bakhmut (1)."]
    lines += [f"![Map]({ref})" for ref in images]
    path = folder / "log.md"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_images_next_to_the_document_are_imported_with_thumbnails(tmp_path):
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "map.png").write_bytes(png_bytes((120, 90)))
    report = documents_import(paths=[write_log(tmp_path, ["media/map.png"])])
    assert report.ok and not report.files[0].missing_images
    image = MapImage.objects.get()
    assert not image.is_missing and (image.width, image.height) == (120, 90)
    assert Path(image.image.path).is_file() and Path(image.thumbnail.path).is_file()
    assert image.places.filter(name="Bakhmut").exists()
    # Importing again stores nothing new.
    assert documents_import(paths=[tmp_path / "log.md"]).files[0].unchanged == 1


def test_image_references_that_leave_the_folder_are_never_read(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes())
    (folder / "link.png").symlink_to(secret)
    refs = ["../secret.png", str(secret), "https://example.org/map.png", "link.png"]
    report = documents_import(paths=[write_log(folder, refs)])
    file = report.files[0]
    assert file.ok
    assert file.missing_images == refs
    assert sum("not read" in w for w in file.warnings) == 4
    assert all(i.is_missing for i in MapImage.objects.all())


def test_a_symlinked_document_leading_out_of_the_folder_is_not_followed(tmp_path):
    outside = tmp_path / "outside.md"
    write_log(tmp_path, []).rename(outside)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "log.md").symlink_to(outside)
    report = documents_import(paths=[folder])
    assert "not followed" in report.files[0].error
    assert not Update.objects.exists()


def test_an_image_that_is_not_an_image_is_recorded_as_missing_with_a_warning(tmp_path):
    (tmp_path / "fake.png").write_text("not a png")
    report = documents_import(paths=[write_log(tmp_path, ["fake.png"])])
    assert report.ok
    assert any("fake.png" in w and "recorded as missing" in w for w in report.files[0].warnings)
    assert MapImage.objects.get().is_missing


def test_missing_images_are_a_warning_not_an_error(seeds_dir):
    output = run(seeds_dir)
    assert "5 image(s) missing" in output
    assert not os.path.exists(seeds_dir / "2023-02-Media")
