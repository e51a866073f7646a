"""An image dropped into the Markdown editor is a map image of its update: one image system."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import make_update, png_bytes
from tests.test_admin import update_form
from updates.editor import alt_from_file_name
from updates.models import MapImage, Update

pytestmark = pytest.mark.django_db


def drop(client, name="bakhmut-front-line.png", size=(64, 48)) -> dict:
    response = client.post(
        "/markdownx/upload/",
        {"image": SimpleUploadedFile(name, png_bytes(size), "image/png")},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    return response.json()


def test_a_dropped_image_becomes_a_map_image_of_the_update_with_alt_text(editor_client):
    dropped = drop(editor_client)
    assert dropped["image_code"].startswith("![bakhmut front line](")
    body = f"Fighting near Bakhmut.\n\n{dropped['image_code']}"
    response = editor_client.post(
        "/admin/updates/update/add/", update_form(body=body, status="published")
    )
    assert response.status_code == 302
    update = Update.objects.get()
    image = update.images.get()
    assert image.image.name == dropped["url"].removeprefix(settings.MEDIA_URL)
    assert image.alt_text == "bakhmut front line"
    assert (image.width, image.height) == (64, 48) and image.thumbnail

    # Readers find it where they find every map: gallery, counts and the API.
    assert dropped["url"] in editor_client.get("/maps/").content.decode()
    api = editor_client.get(f"/api/updates/{update.pk}/").json()
    assert [i["alt_text"] for i in api["images"]] == ["bakhmut front line"]
    assert editor_client.get("/admin/updates/update/").context["cl"].result_list[0].image_total == 1


def test_an_image_without_alt_text_gets_one_from_the_title(editor_client):
    dropped = drop(editor_client, name="IMG_2041.png")
    assert dropped["image_code"] == f"![]({dropped['url']})"
    response = editor_client.post(
        "/admin/updates/update/add/",
        update_form(title="Krasna Hora falls", body=f"Text.\n\n{dropped['image_code']}"),
    )
    assert response.status_code == 302
    assert MapImage.objects.get().alt_text == "Map for “Krasna Hora falls”"


def test_saving_again_does_not_duplicate_and_foreign_or_missing_images_are_ignored(
    editor_client,
):
    dropped = drop(editor_client)
    update = make_update(
        body=(
            f"{dropped['image_code']}\n\n![x](https://example.org/a.png)\n\n"
            f"![y]({settings.MEDIA_URL}uploads/{'0' * 32}.png)\n\n"
            f"![z]({settings.MEDIA_URL}uploads/../secret.png)"
        )
    )
    from updates.editor import dropped_images_attach

    assert len(dropped_images_attach(update=update)) == 1
    assert dropped_images_attach(update=update) == []
    assert update.images.count() == 1


@pytest.mark.parametrize(
    ("name", "alt"),
    [
        ("bakhmut-front.png", "bakhmut front"),
        ("Kaart_Koersk 2024-08.webp", "Kaart Koersk 2024 08"),
        ("IMG_1234.jpg", ""),
        ("Screenshot 2024-01-02 at 10.11.12.png", ""),
        ("map.png", ""),
        ("12345.png", ""),
    ],
)
def test_the_first_alt_text_comes_from_a_meaningful_file_name(name, alt):
    assert alt_from_file_name(name) == alt
