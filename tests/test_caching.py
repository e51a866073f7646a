"""Public pages from the shared cache: versioned, conditional, cookie-free (issue 10, 8.13/20)."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from tests.conftest import make_place, make_source, make_update
from updates.models import Update, UpdatePlace

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/updates/",
    "/updates/2023/02/02/",
    "/places/",
    "/sources/",
    "/search/?q=Bakhmut",
    "/feeds/latest/",
    "/api/updates/",
    "/api/places.geojson",
    "/sitemap.xml",
]


@pytest.fixture
def content():
    update = make_update()
    UpdatePlace.objects.create(
        update=update, place=make_place("Bakhmut", latitude=48.6, longitude=38.0)
    )
    update.sources.add(make_source())
    return update


@pytest.mark.parametrize("url", PUBLIC)
def test_anonymous_readers_get_no_cookie_and_no_vary_cookie(client, content, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert not response.cookies, url
    assert "cookie" not in response.get("Vary", "").lower(), url
    assert response["Cache-Control"].startswith("public, max-age=")
    assert "stale-while-revalidate" in response["Cache-Control"]


@pytest.mark.parametrize("url", PUBLIC)
def test_a_repeat_request_is_served_from_the_cache_and_a_conditional_one_is_a_304(
    client, content, url
):
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.content == first.content and len(queries) == 0, url
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not not_modified.content


def test_publish_edit_and_delete_are_visible_at_once(client, content):
    assert "Situation near Bakhmut" in client.get("/").content.decode()
    etag = client.get("/api/updates/")["ETag"]
    content.title = "Bakhmut, edited"
    content.save()
    assert "Bakhmut, edited" in client.get("/").content.decode()
    assert client.get("/api/updates/", HTTP_IF_NONE_MATCH=etag).status_code == 200
    draft = make_update(slug="second", title="Second one", status=Update.Status.DRAFT)
    assert "Second one" not in client.get("/").content.decode()
    draft.status = Update.Status.PUBLISHED
    draft.save()
    assert "Second one" in client.get("/").content.decode()
    draft.delete()
    assert "Second one" not in client.get("/").content.decode()


def test_staff_bypass_the_cache(client, editor, content):
    client.get("/")
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert len(queries) > 0 and "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("url", ["/", "/api/updates/", "/api/places.geojson"])
def test_html_json_and_geojson_are_compressed(client, content, url):
    for i in range(5):  # Django leaves answers under 200 bytes uncompressed
        place = make_place(f"Place {i}", latitude=48.0 + i, longitude=37.0)
        UpdatePlace.objects.create(update=content, place=place)
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip", url
    assert gzip.decompress(response.content)


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there: the cache is down
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
)
def test_a_cache_outage_degrades_to_uncached_pages(client, content):
    for url in PUBLIC:
        assert client.get(url).status_code == 200, url
    content.title = "Saved while the cache is down"
    content.save()
    assert "Saved while the cache is down" in client.get("/").content.decode()


def test_the_language_switch_is_a_link_that_sets_the_language(client, content):
    home = client.get("/").content.decode()
    assert "csrfmiddlewaretoken" not in home
    assert 'href="/i18n/switch/nl/?next=/"' in home
    response = client.get("/i18n/switch/nl/?next=/updates/")
    assert response.status_code == 302 and response["Location"] == "/updates/"
    assert '<html lang="nl">' in client.get("/").content.decode()
    assert client.get("/i18n/switch/nl/?next=https://evil.example/")["Location"] == "/"
    assert client.get("/i18n/switch/xx/").status_code == 404


def test_geojson_of_5000_places_is_under_200_kb_on_the_wire(client):
    import random

    from updates.models import Place, PlaceCount

    rng = random.Random(5)
    Place.objects.bulk_create(
        [
            Place(
                name=f"Place {i} {rng.choice(['Oblast', 'Raion', ''])}".strip(),
                slug=f"place-{i}-{rng.randrange(10**6)}",
                latitude=rng.uniform(44, 53),
                longitude=rng.uniform(22, 41),
                name_key=f"place {i}",
            )
            for i in range(5000)
        ]
    )
    PlaceCount.objects.bulk_create(
        [PlaceCount(place=p, update_count=rng.randint(1, 400)) for p in Place.objects.all()]
    )
    response = client.get("/api/places.geojson", HTTP_ACCEPT_ENCODING="gzip")
    data = __import__("json").loads(gzip.decompress(response.content))
    assert len(data["features"]) == 5000
    assert len(response.content) <= 200 * 1024, len(response.content)
    assert "accept-encoding" in response["Vary"].lower()
    plain = client.get("/api/places.geojson")
    assert not plain.has_header("Content-Encoding")
    assert gzip.decompress(response.content) == plain.content


def test_compressed_and_plain_answers_are_cached_apart(client, content):
    zipped = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    again = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get("/")
    assert zipped["Content-Encoding"] == again["Content-Encoding"] == "gzip"
    assert not plain.has_header("Content-Encoding")
    assert gzip.decompress(again.content) == plain.content


def test_an_update_scheduled_for_later_shows_once_its_time_comes(client, content, monkeypatch):
    import datetime
    import time

    from django.utils import timezone

    make_update(
        title="Scheduled assessment",
        slug="scheduled-assessment",
        published_at=timezone.now() + datetime.timedelta(seconds=60),
    )
    assert b"Scheduled assessment" not in client.get("/").content  # now cached without it

    # Two minutes later: well inside the page cache's lifetime, past the scheduled time.
    later, real_now, real_time = 120, timezone.now, time.time
    monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(seconds=later))
    monkeypatch.setattr(time, "time", lambda: real_time() + later)
    assert b"Scheduled assessment" in client.get("/").content


def test_kept_counts_take_in_a_scheduled_update_once_its_time_comes(client, content, monkeypatch):
    import datetime
    import time

    from django.utils import timezone

    from updates.models import PlaceCount

    bakhmut = content.places.get()
    scheduled = make_update(
        title="Scheduled assessment",
        slug="scheduled-assessment",
        published_at=timezone.now() + datetime.timedelta(seconds=60),
    )
    UpdatePlace.objects.create(update=scheduled, place=bakhmut)
    assert PlaceCount.objects.get(place=bakhmut).update_count == 1
    client.get("/places/")

    later, real_now, real_time = 120, timezone.now, time.time
    monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(seconds=later))
    monkeypatch.setattr(time, "time", lambda: real_time() + later)
    client.get("/places/")  # no editor writes anything: the reader's visit finds it due
    assert PlaceCount.objects.get(place=bakhmut).update_count == 2
