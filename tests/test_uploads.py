import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.conftest import png_bytes

UPLOAD = "/markdownx/upload/"
AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}

pytestmark = pytest.mark.django_db


def upload(client, name, data, content_type="image/png"):
    return client.post(
        UPLOAD, {"image": SimpleUploadedFile(name, data, content_type=content_type)}, **AJAX
    )


def test_anonymous_users_cannot_upload(client):
    before = set(Path(settings.MEDIA_ROOT).rglob("*"))
    response = upload(client, "map.png", png_bytes())
    assert response.status_code == 403
    assert set(Path(settings.MEDIA_ROOT).rglob("*")) == before


def test_non_staff_users_cannot_upload_or_preview(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    assert upload(client, "map.png", png_bytes()).status_code == 403
    assert client.post("/markdownx/markdownify/", {"content": "**x**"}).status_code == 403


def test_a_real_png_is_accepted_and_stored_on_disk(editor_client):
    response = upload(editor_client, "map.png", png_bytes((64, 48)))
    assert response.status_code == 200
    payload = response.json()
    url = payload["url"]
    assert payload["image_code"] == f"![]({url})"
    assert url.startswith(settings.MEDIA_URL + "uploads/") and url.endswith(".png")
    stored = Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)
    with Image.open(stored) as image:
        assert image.size == (64, 48)


def test_the_stored_extension_is_the_detected_format_not_the_clients(editor_client):
    jpeg = png_bytes(fmt="JPEG")
    response = upload(editor_client, "evil.png.html", jpeg, content_type="text/html")
    assert response.status_code == 200
    assert response.json()["url"].endswith(".jpg")


def test_svg_is_refused(editor_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
    response = upload(editor_client, "map.svg", svg, content_type="image/svg+xml")
    assert response.status_code == 400
    assert "PNG, JPEG or WebP" in " ".join(response.json()["image"])


def test_a_text_file_named_png_is_refused(editor_client):
    response = upload(editor_client, "map.png", b"just some text, not an image\n")
    assert response.status_code == 400
    assert "not a readable PNG, JPEG or WebP image" in response.json()["image"][0]


def test_a_gif_is_refused(editor_client):
    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, "GIF")
    response = upload(editor_client, "map.gif", buffer.getvalue(), content_type="image/gif")
    assert response.status_code == 400
    assert "GIF" in response.json()["image"][0]


def test_a_decompression_bomb_is_refused(editor_client, settings):
    settings.FRONTLINE_MAX_IMAGE_PIXELS = 1_000_000
    # 2000x2000 = 4 Mpx of one colour: tiny on disk, large once decoded.
    bomb = png_bytes((2000, 2000), color=(0, 0, 0))
    assert len(bomb) < 50_000
    response = upload(editor_client, "bomb.png", bomb)
    assert response.status_code == 400
    assert "pixels" in response.json()["image"][0]


def test_a_file_over_the_size_limit_is_refused(editor_client, settings):
    settings.FRONTLINE_MAX_IMAGE_BYTES = 1000
    response = upload(
        editor_client, "big.png", png_bytes((200, 200), color=(1, 2, 3)) + b"\0" * 2000
    )
    assert response.status_code == 400
    assert "limit" in response.json()["image"][0]


def test_a_truncated_png_is_refused(editor_client):
    data = png_bytes((300, 300))
    response = upload(editor_client, "cut.png", data[: len(data) // 2])
    assert response.status_code == 400


def test_an_upload_without_a_file_is_a_400_with_a_message(editor_client):
    response = editor_client.post(UPLOAD, {}, **AJAX)
    assert response.status_code == 400
    assert json.loads(response.content)["image"]


def test_the_preview_endpoint_renders_through_the_sanitizer(editor_client):
    response = editor_client.post(
        "/markdownx/markdownify/", {"content": "**bold** <script>alert(1)</script>"}
    )
    assert response.status_code == 200
    assert b"<strong>bold</strong>" in response.content
    assert b"<script" not in response.content


def test_the_preview_endpoint_answers_a_missing_field_without_error(editor_client):
    assert editor_client.post("/markdownx/markdownify/", {}).status_code == 200
