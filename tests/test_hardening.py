"""
Production hardening (issue 8, item 14): a strict Content-Security-Policy, the API docs
from the site's own files, media served only as safe images, throttled admin logins, and
permissions (not ``is_staff`` alone) for previews and uploads.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import make_update, png_bytes

pytestmark = pytest.mark.django_db


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_every_page_carries_a_strict_content_security_policy(client):
    for path in ("/", "/places/", "/api/docs", "/admin/login/"):
        directives = csp_directives(client.get(path))
        assert directives["default-src"] == ["'self'"], path
        assert directives["script-src"] == ["'self'"], path
        assert directives["style-src"] == ["'self'"], path
        assert directives["object-src"] == ["'none'"], path
        assert directives["frame-ancestors"] == ["'none'"], path


def test_outside_sources_are_the_origins_of_the_configured_urls():
    from frontline.settings import _csp_origin

    assert _csp_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == [
        "https://tile.openstreetmap.org"
    ]
    assert _csp_origin("https://{s}.tiles.example.org/{z}/{x}/{y}.png") == [
        "https://*.tiles.example.org"
    ]
    assert _csp_origin("https://cdn.example.org/media/") == ["https://cdn.example.org"]
    assert _csp_origin("/media/") == []
    assert _csp_origin("") == []


def test_the_api_docs_load_swagger_ui_from_the_site_itself(client):
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle." in html
    assert "/static/ninja/swagger-ui-init." in html
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html
    assert '"validatorUrl": null' in html


def media_file(relative: str, data: bytes) -> str:
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return settings.MEDIA_URL + relative


def test_media_images_are_served_as_images_that_cannot_run_as_pages(client):
    response = client.get(media_file("maps/safe.png", png_bytes()))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'inline; filename="safe.png"'
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "name, data",
    [
        ("maps/page.html", b"<script>alert(1)</script>"),
        ("maps/vector.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("maps/noext", b"<script>alert(1)</script>"),
        ("maps/archive.PNG.html", b"<script>alert(1)</script>"),
    ],
)
def test_media_files_that_are_not_safe_images_are_not_served(client, name, data):
    assert client.get(media_file(name, data)).status_code == 404


def test_a_png_named_file_with_html_inside_is_not_sniffed_as_html(client):
    response = client.get(media_file("maps/fake.png", b"<html><script>alert(1)</script>"))
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def login(client, password, address="10.0.0.1"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "desk", "password": password},
        REMOTE_ADDR=address,
    )


def test_admin_logins_are_throttled_after_repeated_failures(client, django_user_model):
    django_user_model.objects.create_user("desk", password="the right password", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200  # the form again, with its error
    assert login(client, "wrong").status_code == 429
    # Locked out: even the right password is refused from this address for this name.
    locked = login(client, "the right password")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # The same editor from elsewhere is not locked out.
    assert login(client, "the right password", address="10.0.0.2").status_code == 302


def test_a_successful_login_resets_the_failure_count(client, django_user_model):
    django_user_model.objects.create_user("desk", password="the right password", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "wrong")
    assert login(client, "the right password").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "wrong")
    assert login(client, "the right password").status_code == 302


@pytest.fixture
def staff_client(client, django_user_model):
    """Staff status and nothing else."""
    user = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(user)
    client.user = user
    return client


def grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    # has_perm caches permissions on the instance; the next request loads a fresh user.


def upload(client):
    return client.post(
        "/markdownx/upload/",
        {"image": SimpleUploadedFile("map.png", png_bytes(), content_type="image/png")},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )


def test_staff_status_alone_does_not_preview_drafts_upload_or_render(staff_client):
    draft = make_update(status="draft")
    before = set(Path(settings.MEDIA_ROOT).rglob("*"))
    assert staff_client.get(f"/preview/{draft.pk}/").status_code == 403
    assert upload(staff_client).status_code == 403
    assert staff_client.post("/markdownx/markdownify/", {"content": "**x**"}).status_code == 403
    assert set(Path(settings.MEDIA_ROOT).rglob("*")) == before


def test_the_view_permission_previews_drafts(staff_client):
    draft = make_update(status="draft", title="Draft about Avdiivka")
    grant(staff_client.user, "view_update")
    response = staff_client.get(f"/preview/{draft.pk}/")
    assert response.status_code == 200
    assert "Draft about Avdiivka" in response.content.decode()
    assert upload(staff_client).status_code == 403


def test_editors_who_may_change_updates_render_and_upload(staff_client):
    grant(staff_client.user, "change_update")
    assert staff_client.post("/markdownx/markdownify/", {"content": "**x**"}).status_code == 200
    assert upload(staff_client).status_code == 200


def test_the_add_mapimage_permission_uploads(staff_client):
    grant(staff_client.user, "add_mapimage")
    assert upload(staff_client).status_code == 200
