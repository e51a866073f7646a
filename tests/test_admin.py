from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import make_place, make_update, png_bytes
from updates.models import MapImage, Update

pytestmark = pytest.mark.django_db

INLINES = ("place_links", "images", "quoted_posts")


def management(prefix, total=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def update_form(**overrides):
    data = {
        "title": "Krasna Hora falls",
        "slug": "krasna-hora-falls",
        "reported_on": "2023-02-13",
        "body": "Russia took **Krasna Hora** (1).",
        "status": "draft",
        "verification": "claimed",
        "language": "en",
    }
    for prefix in INLINES:
        data.update(management(prefix))
    data.update(overrides)
    return data


def test_the_update_form_uses_the_markdownx_editor(editor_client):
    response = editor_client.get("/admin/updates/update/add/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "markdownx-editor" in html
    assert 'data-markdownx-urls-path="/markdownx/markdownify/"' in html
    assert 'data-markdownx-upload-urls-path="/markdownx/upload/"' in html
    assert "markdownx-preview" in html


def test_an_editor_writes_previews_and_publishes_an_update_with_an_image(editor_client, editor):
    place = make_place("Krasna Hora", latitude=48.62, longitude=38.02)
    # Upload an image into the text, as the editor's drag-and-drop does.
    uploaded = editor_client.post(
        "/markdownx/upload/",
        {"image": SimpleUploadedFile("drop.png", png_bytes(), content_type="image/png")},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    ).json()
    body = f"Russia took **Krasna Hora** (1).\n\n{uploaded['image_code']}"
    preview = editor_client.post("/markdownx/markdownify/", {"content": body})
    assert f'<img alt="" src="{uploaded["url"]}">' in preview.content.decode() or (
        f'src="{uploaded["url"]}"' in preview.content.decode()
    )

    data = update_form(body=body)
    data.update(management("place_links", 1))
    data.update(
        {
            "place_links-0-place": str(place.pk),
            "place_links-0-map_number": "1",
            "place_links-0-position": "0",
        }
    )
    data.update(management("images", 1))
    data.update(
        {
            "images-0-image": SimpleUploadedFile("map.png", png_bytes((80, 60)), "image/png"),
            "images-0-alt_text": "Map of Krasna Hora",
            "images-0-caption": "Situation on 13/02",
            "images-0-position": "0",
        }
    )
    response = editor_client.post("/admin/updates/update/add/", data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    update = Update.objects.get(slug="krasna-hora-falls")
    assert update.status == Update.Status.DRAFT
    assert update.created_by == editor and update.updated_by == editor
    assert f'src="{uploaded["url"]}"' in update.body_html
    assert update.place_links.get().map_number == 1
    # The dropped image is a map image of the update too (one image system).
    assert update.images.filter(image=uploaded["url"].removeprefix(settings.MEDIA_URL)).exists()
    image = update.images.get(alt_text="Map of Krasna Hora")
    assert (image.width, image.height) == (80, 60)
    assert image.image.name.endswith(".png") and Path(image.image.path).is_file()
    assert image.thumbnail and Path(image.thumbnail.path).is_file()

    # Drafts are invisible to readers, visible to staff in preview.
    assert editor_client.get(f"/preview/{update.pk}/").status_code == 200

    response = editor_client.post(
        "/admin/updates/update/",
        {"action": "publish", "_selected_action": [update.pk]},
        follow=True,
    )
    assert "1 update published." in response.content.decode()
    update.refresh_from_db()
    assert update.status == Update.Status.PUBLISHED and update.published_at
    assert LogEntry.objects.filter(object_id=str(update.pk)).count() == 2

    editor_client.logout()
    page = editor_client.get(update.get_absolute_url())
    assert page.status_code == 200
    assert "Krasna Hora" in page.content.decode()


def test_an_upload_that_is_not_an_image_is_a_form_error_not_a_500(editor_client):
    data = update_form()
    data.update(management("images", 1))
    data.update(
        {
            "images-0-image": SimpleUploadedFile("map.png", b"<svg onload=alert(1)>", "image/png"),
            "images-0-alt_text": "x",
            "images-0-position": "0",
        }
    )
    response = editor_client.post("/admin/updates/update/add/", data)
    assert response.status_code == 200
    assert not Update.objects.exists()
    assert "image" in response.content.decode().lower()


def test_unpublish_returns_updates_to_draft(editor_client):
    update = make_update()
    editor_client.post(
        "/admin/updates/update/", {"action": "unpublish", "_selected_action": [update.pk]}
    )
    update.refresh_from_db()
    assert update.status == Update.Status.DRAFT


def test_undated_drafts_are_not_published_by_the_action(editor_client):
    update = make_update(reported_on=None, status=Update.Status.DRAFT, slug="undated")
    response = editor_client.post(
        "/admin/updates/update/",
        {"action": "publish", "_selected_action": [update.pk]},
        follow=True,
    )
    update.refresh_from_db()
    assert update.status == Update.Status.DRAFT
    assert "give it a date first" in response.content.decode()


def test_place_autocomplete_finds_places_by_any_alias(editor_client):
    kursk = make_place("Kursk", aliases=["Koersk", "Курськ"])
    make_place("Sumy")
    for term in ("Курськ", "koersk", "KURS"):
        response = editor_client.get(
            "/admin/autocomplete/",
            {
                "term": term,
                "app_label": "updates",
                "model_name": "updateplace",
                "field_name": "place",
            },
        )
        assert response.status_code == 200
        assert [r["id"] for r in response.json()["results"]] == [str(kursk.pk)], term


def test_missing_images_are_listed_as_missing_and_can_be_uploaded(editor_client):
    update = make_update()
    image = MapImage.objects.create(
        update=update, original_reference="2023-02-Media/20230202a.png", alt_text="Alt text"
    )
    listing = editor_client.get("/admin/updates/mapimage/?missing=yes").content.decode()
    assert "file missing" in listing and "2023-02-Media/20230202a.png" in listing

    response = editor_client.post(
        f"/admin/updates/mapimage/{image.pk}/change/",
        {
            "update": str(update.pk),
            "image": SimpleUploadedFile("20230202a.png", png_bytes((30, 20)), "image/png"),
            "original_reference": image.original_reference,
            "alt_text": "Alt text",
            "caption": "",
            "position": "0",
        },
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert not image.is_missing and (image.width, image.height) == (30, 20)
    assert Path(settings.MEDIA_ROOT, image.image.name).is_file()


def test_admin_pages_render(editor_client, seeded):
    for url in (
        "/admin/updates/update/",
        "/admin/updates/update/?status__exact=published&language__exact=nl",
        "/admin/updates/update/?q=Bakhmut",
        "/admin/updates/place/",
        "/admin/updates/place/?located=no",
        "/admin/updates/source/",
        "/admin/updates/mapimage/",
        f"/admin/updates/update/{Update.objects.first().pk}/change/",
    ):
        assert editor_client.get(url).status_code == 200, url
