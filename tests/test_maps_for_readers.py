"""What readers see of map images and sources: no template alt text, no placeholders."""

import pytest

from tests.conftest import make_place, make_update, png_bytes
from updates.importing.service import documents_import
from updates.models import MapImage, Source, Update, UpdatePlace, is_placeholder_alt

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("alt", "reference", "placeholder"),
    [
        ("Alt text", "", True),
        ("alt-text", "", True),
        ("  ", "", True),
        ("Kaart", "", True),
        ("20230202a", "2023-02-Media/20230202a.png", True),
        ("Front line east of Bakhmut", "", False),
        ("Kaart van de frontlinie bij Koersk", "", False),
    ],
)
def test_placeholder_alt_texts_are_recognized(alt, reference, placeholder):
    assert is_placeholder_alt(alt, reference) is placeholder


def add_image(update, *, present: bool, alt="Alt text", caption="", reference="m.png"):
    image = MapImage(update=update, alt_text=alt, caption=caption, original_reference=reference)
    if present:
        from django.core.files.base import ContentFile

        image.image = ContentFile(png_bytes(), name="m.png")
    image.save()
    return image


def test_readers_get_a_meaningful_alt_instead_of_the_template_one(client):
    update = make_update(title="Krasna Hora falls")
    add_image(update, present=True)
    add_image(update, present=True, alt="", caption="Situatie op 13/02", reference="b.png")
    html = client.get(update.get_absolute_url()).content.decode()
    assert 'alt="Alt text"' not in html
    assert 'alt="Map for “Krasna Hora falls”, ' in html
    assert 'alt="Situatie op 13/02"' in html


def test_missing_maps_are_one_line_for_readers_and_placeholders_in_the_preview(
    client, editor_client
):
    place = make_place("Bakhmut")
    update = make_update()
    UpdatePlace.objects.create(update=update, place=place)
    add_image(update, present=True, alt="Front line east of Bakhmut")
    add_image(update, present=False, reference="a.png")
    add_image(update, present=False, reference="b.png")
    for url in [update.get_absolute_url(), "/maps/", "/places/bakhmut/"]:
        html = client.get(url).content.decode()
        assert "2 maps not yet uploaded" in html, url
        assert "Map image not available" not in html and "missing-placeholder" not in html, url
        assert 'alt="Front line east of Bakhmut"' in html, url
    preview = editor_client.get(f"/preview/{update.pk}/").content.decode()
    assert preview.count("missing-placeholder") == 2
    # The card counts the maps a reader can open.
    assert "1 map<" in client.get("/").content.decode()


def test_the_importer_leaves_template_alt_text_empty_for_editors(tmp_path):
    (tmp_path / "log.md").write_text(
        "# Log\n\n## Update 02/02/2023\n\nText.\n\n![Alt text](a.png)\n\n![Kaart bij Soledar](b.png)\n"
    )
    documents_import(paths=[tmp_path])
    alts = list(MapImage.objects.order_by("position").values_list("alt_text", flat=True))
    assert alts == ["", "Kaart bij Soledar"]


ARTICLE = (
    "Russian forces pushed towards the village along the river this morning, officials said.\n"
    "{mention}\n"
    "Fighting continued through the night in the villages to the south of the town centre.\n"
)


@pytest.mark.parametrize(
    ("mention", "cited"),
    [
        ("Drones were used on a large scale, the New York Times writes after many visits.", False),
        (
            "The New York Times writes that drones were used. The NYT also heard of losses here.",
            True,
        ),
        ("Drones were used, see https://www.nytimes.com/2025/03/07/world/kursk.html today.", True),
    ],
)
def test_a_source_named_once_in_passing_is_not_a_source_record(tmp_path, mention, cited):
    (tmp_path / "article.txt").write_text(ARTICLE.format(mention=mention))
    (tmp_path / "manifest.toml").write_text(
        '["article.txt"]\ndate = 2025-03-07\npublisher = "Daily Star"\n'
    )
    assert documents_import(paths=[tmp_path]).ok
    update = Update.objects.get()
    assert Source.objects.filter(name="The New York Times").exists() is cited
    assert update.sources.filter(file_name="article.txt", publisher="Daily Star").exists()


def test_the_update_page_names_each_sources_publisher(client):
    update = make_update()
    update.sources.add(
        Source.objects.create(name="Maps show…", slug="maps", publisher="Daily Star")
    )
    assert "Daily Star" in client.get(update.get_absolute_url()).content.decode()
