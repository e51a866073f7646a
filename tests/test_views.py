import datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_place, make_source, make_update
from updates.models import MapImage, Update, UpdatePlace

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_every_public_page_shows_the_seed_content(client, seeded):
    home = page(client, "/")
    assert "Krasna Hora" in home or "Update 13/02/2023" in home
    assert "Most active places" in home and "Bakhmut" in home
    assert 'href="/updates/2025/03/07/"' in home  # the calendar links the day

    assert "Update 02/02/2023" in page(client, "/updates/")
    assert "Maps show exactly" in page(client, "/updates/2022/")
    month = page(client, "/updates/2023/02/")
    assert "Update 07/02/2023" in month and 'rel="prev"' in month or 'rel="next"' in month
    day = page(client, "/updates/2023/02/13/")
    assert "Update 13/02/2023" in day

    update = Update.objects.get(reported_on=datetime.date(2023, 2, 13))
    detail = page(client, update.get_absolute_url())
    assert 'lang="nl"' in detail
    # Missing maps are one line for readers, and no template "Alt text" shows (#8.19).
    assert "Map image not available" not in detail and "Alt text" not in detail
    assert "map not yet uploaded" in detail or "maps not yet uploaded" in detail
    assert 'href="/places/krasna-hora/"' in detail
    assert '<span class="map-number">1</span> Krasna Hora' in detail
    assert "Frontlog februari 2023" in detail  # its source

    dutch = Update.objects.get(reported_on=datetime.date(2025, 3, 7))
    article = page(client, dutch.get_absolute_url())
    assert "@distant_earth83" in article and "<blockquote" in article

    kursk = page(client, "/places/kursk/")
    assert "Koersk" in kursk and "Russische en Noord-Koreaanse" in kursk
    assert 'id="place-map"' in kursk
    places = page(client, "/places/?q=Koersk")
    assert "/places/kursk/" in places and "/places/bakhmut/" not in places
    assert "Donetsk Oblast" in page(client, "/places/")
    assert "2023-02-Media" not in page(client, "/maps/") or "Map image not available" in page(
        client, "/maps/"
    )
    assert "Institute for the Study of War" in page(client, "/sources/")
    assert "Daily Star" in page(client, "/sources/")
    results = page(client, "/search/?q=Koersk")
    assert "Russische en Noord-Koreaanse" in results
    assert "<mark>" in page(client, "/search/?q=Bakhmut")
    assert "/sitemap-updates.xml" in page(client, "/sitemap.xml")
    assert "/updates/2023/02/13/" in page(client, "/sitemap-updates.xml")


def test_a_draft_is_a_404_to_readers_and_visible_to_staff(client, editor):
    draft = make_update(status=Update.Status.DRAFT, slug="secret")
    page(client, draft.get_absolute_url(), 404)
    page(client, "/updates/2023/02/02/", 404)
    page(client, f"/preview/{draft.pk}/", 302)  # to the login page
    assert "secret" not in page(client, "/sitemap.xml")
    assert "Situation near Bakhmut" not in page(client, "/feeds/latest/")
    assert page(client, "/api/updates/").count('"id"') == 0
    client.force_login(editor)
    assert "Preview for editors" in page(client, f"/preview/{draft.pk}/")


def test_the_404_page_is_the_sites_own(client, db):
    body = page(client, "/updates/1999/01/01/nothing/", 404)
    assert "Page not found" in body and "Latest updates" in body


def test_search_finds_place_names_in_any_spelling(client, seeded):
    for spelling in ("Kursk", "Курськ", "KOERSK", "Soedzja", "Sudzha"):
        assert "Russische en Noord-Koreaanse" in page(client, f"/search/?q={spelling}"), spelling
    assert "Nothing matches" in page(client, "/search/?q=Zzyzx")


def test_search_escapes_what_it_highlights(client, db):
    make_update(body="Bakhmut <b>bold</b> and <script>alert(1)</script> here")
    body = page(client, "/search/?q=Bakhmut")
    assert "<script>alert(1)" not in body


def test_feeds_parse_as_rss_and_atom(client, seeded):
    rss = feedparser.parse(page(client, "/feeds/latest/"))
    assert rss.version == "rss20" and not rss.bozo
    assert len(rss.entries) == 5
    assert rss.entries[0].title.startswith("2025-03-07")
    atom = feedparser.parse(page(client, "/feeds/latest/atom/"))
    assert atom.version == "atom10" and not atom.bozo and len(atom.entries) == 5
    place = feedparser.parse(page(client, "/feeds/places/bakhmut/"))
    assert not place.bozo and {e.title[:10] for e in place.entries} == {
        "2023-02-02", "2023-02-07", "2023-02-13"
    }  # fmt: skip
    assert "<script" not in page(client, "/feeds/latest/")


def build(n: int) -> None:
    """n published updates, each with two places, an image and a source."""
    source = make_source(f"Source {n}")
    for i in range(n):
        update = make_update(
            slug=f"u-{n}-{i}", title=f"Update {i}", reported_on=datetime.date(2023, 1, 1 + i % 28)
        )
        update.sources.add(source)
        for j in range(2):
            place = make_place(f"Place {n}-{i}-{j}", latitude=48.0, longitude=37.0)
            UpdatePlace.objects.create(update=update, place=place, map_number=j + 1)
        MapImage.objects.create(update=update, original_reference=f"m/{i}.png", alt_text="m")


URLS = [
    "/",
    "/updates/",
    "/updates/2023/",
    "/updates/2023/01/",
    "/updates/2023/01/02/",
    "/places/",
    "/maps/",
    "/sources/",
    "/search/?q=Update",
    "/feeds/latest/",
    "/sitemap.xml",
    "/sitemap-updates.xml",
    "/updates/?before=2023-01-20,999999",
    "/api/updates/",
    "/api/updates/?before=2023-01-20,999999",
    "/api/places/",
    "/api/places.geojson",
]


def query_counts(client) -> dict[str, int]:
    counts = {}
    for url in URLS:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_every_page_takes_a_constant_number_of_queries(client):
    build(3)
    small = query_counts(client)
    build(25)
    large = query_counts(client)
    assert large == small


def test_detail_pages_take_a_constant_number_of_queries(client):
    build(2)
    update = Update.objects.first()
    place = update.places.first()
    urls = [update.get_absolute_url(), place.get_absolute_url(), f"/api/updates/{update.pk}/"]
    with CaptureQueriesContext(connection) as few:
        for url in urls:
            client.get(url)
    for i in range(10):
        extra = make_place(f"Extra {i}")
        UpdatePlace.objects.create(update=update, place=extra, map_number=i + 3)
        MapImage.objects.create(update=update, original_reference=f"x/{i}.png")
        other = make_update(slug=f"other-{i}", reported_on=update.reported_on)
        UpdatePlace.objects.create(update=other, place=place)
    with CaptureQueriesContext(connection) as many:
        for url in urls:
            client.get(url)
    assert len(many) == len(few)


def test_the_interface_speaks_dutch(client, seeded):
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    home = page(client, "/")
    assert '<html lang="nl">' in home
    assert "Laatste updates" in home
