"""The sitemap index and its pages: whole days per page, from the kept day counts (10)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_update
from updates.sitemaps import UpdateSitemap

pytestmark = pytest.mark.django_db


def sitemap_pages(client) -> list[str]:
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    pages = re.findall(r"<loc>http://testserver(/[^<]+)</loc>", index.content.decode())
    return [page.replace("&amp;", "&") for page in pages]


def listed_updates(client, pages: list[str]) -> list[str]:
    found = []
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        found += re.findall(r"/updates/(\d{4}/\d\d/\d\d/[\w-]+)/</loc>", response.content.decode())
    return found


def test_every_update_is_listed_once_on_pages_of_whole_days(client, monkeypatch):
    monkeypatch.setattr(UpdateSitemap, "limit", 5)
    sizes = [2, 2, 1, 7, 3, 1, 4]  # the 7-update day is a page of its own
    for day, size in enumerate(sizes, start=1):
        for n in range(size):
            make_update(slug=f"u{n}", reported_on=datetime.date(2023, 1, day))
    pages = [p for p in sitemap_pages(client) if "updates" in p]
    assert pages == ["/sitemap-updates.xml"] + [f"/sitemap-updates.xml?p={n}" for n in (2, 3, 4)]
    found = listed_updates(client, pages)
    assert len(found) == len(set(found)) == sum(sizes)
    per_page = [len(listed_updates(client, [page])) for page in pages]
    assert per_page == [5, 7, 4, 4]
    assert client.get("/sitemap-updates.xml?p=5").status_code == 404
    assert client.get("/sitemap-updates.xml?p=x").status_code == 404


def test_the_index_and_its_pages_count_nothing(client):
    for n in range(12):
        make_update(slug=f"u{n}", reported_on=datetime.date(2023, 1, 1 + n % 4))
    for url in ["/sitemap.xml", "/sitemap-updates.xml", "/sitemap-places.xml"]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        sql = [q["sql"] for q in queries if 'FROM "updates_update"' in q["sql"]]
        assert not [s for s in sql if "COUNT(" in s or " OFFSET " in s], url


def test_with_no_update_the_index_lists_a_first_page_that_answers(client):
    pages = sitemap_pages(client)
    assert "/sitemap-updates.xml" in pages
    assert client.get("/sitemap-updates.xml").status_code == 200


@pytest.mark.parametrize("section", ["pages", "updates", "places"])
def test_a_page_is_what_djangos_own_sitemap_view_writes(client, rf, section):
    from django.contrib.sitemaps.views import sitemap

    from tests.conftest import make_place
    from updates.models import UpdatePlace
    from updates.sitemaps import sitemaps

    for n in range(3):
        update = make_update(slug=f"u{n}", title=f"Update <{n}> & co")
        UpdatePlace.objects.create(update=update, place=make_place(f"Place {n}"))
    ours = client.get(f"/sitemap-{section}.xml")
    django = sitemap(rf.get(f"/sitemap-{section}.xml"), sitemaps, section)
    django.render()
    assert ours.content == django.content
    assert ours["Content-Type"] == django["Content-Type"] == "application/xml"
    assert ours.get("Last-Modified") == django.get("Last-Modified")
    assert ours["X-Robots-Tag"] == django["X-Robots-Tag"]
