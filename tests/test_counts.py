"""Kept counts stay right after admin edits, imports and deletes; drafts never leak (10, 8.8)."""

import datetime
import io
import re

import pytest
from django.core.management import call_command

from tests.conftest import make_place, make_source, make_update
from updates.models import Place, PlaceCount, Source, SourceCount, Update, UpdatePlace
from updates.sitemaps import UpdateSitemap

pytestmark = pytest.mark.django_db


def kept(place) -> tuple[int, datetime.date | None]:
    row = PlaceCount.objects.filter(place=place).first()
    return (row.update_count, row.last_update) if row else (0, None)


def true_count(place) -> int:
    return Update.objects.published().filter(place_links__place=place).distinct().count()


def test_counts_follow_publish_edit_and_delete():
    place, other = make_place("Bakhmut"), make_place("Soledar")
    source = make_source()
    update = make_update()
    UpdatePlace.objects.create(update=update, place=place)
    update.sources.add(source)
    assert kept(place) == (1, datetime.date(2023, 2, 2))
    assert SourceCount.objects.get(source=source).update_count == 1

    later = make_update(slug="later", reported_on=datetime.date(2023, 3, 1))
    UpdatePlace.objects.create(update=later, place=place)
    assert kept(place) == (2, datetime.date(2023, 3, 1))

    later.status = Update.Status.DRAFT
    later.save()
    assert kept(place) == (1, datetime.date(2023, 2, 2))

    UpdatePlace.objects.filter(update=update).update(place=other)  # bulk: no signal...
    from updates.counts import published_content_changed

    published_content_changed(place_ids=[place.pk, other.pk])  # ...so the writer says so
    assert kept(place) == (0, None) and kept(other)[0] == 1

    update.sources.clear()
    assert SourceCount.objects.get(source=source).update_count == 0
    update.delete()
    assert kept(other) == (0, None)


def test_counts_follow_the_admin(editor_client):
    place = make_place("Bakhmut")
    update = make_update()
    data = {
        "title": update.title, "slug": update.slug, "body": update.body,
        "reported_on": "2023-02-02", "language": "en", "status": "published",
        "verification": "claimed", "sources": [],
        "place_links-TOTAL_FORMS": "1", "place_links-INITIAL_FORMS": "0",
        "place_links-0-place": str(place.pk), "place_links-0-position": "0",
        "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0",
        "quoted_posts-TOTAL_FORMS": "0", "quoted_posts-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = editor_client.get(f"/admin/updates/update/{update.pk}/change/")
    form = response.context["adminform"].form
    data.update({k: v for k, v in form.initial.items() if k not in data and v is not None})
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    update.refresh_from_db()
    data["opened_version"] = str(update.version)  # the version this editor opened
    response = editor_client.post(f"/admin/updates/update/{update.pk}/change/", data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert kept(place) == (1, datetime.date(2023, 2, 2)) == (true_count(place), kept(place)[1])
    editor_client.post(f"/admin/updates/update/{update.pk}/delete/", {"post": "yes"})
    assert kept(place) == (0, None)


def test_counts_follow_the_importer(seeded):
    for place in Place.objects.all():
        assert kept(place)[0] == true_count(place), place
    for source in Source.objects.all():
        count = Update.objects.published().filter(sources=source).count()
        assert SourceCount.objects.get(source=source).update_count == count


def test_places_and_sources_used_only_by_drafts_are_not_public(client):
    secret_place, secret_source = make_place("Secretplace"), make_source("Secret Desk")
    draft = make_update(status=Update.Status.DRAFT, slug="draft", title="Draft")
    UpdatePlace.objects.create(update=draft, place=secret_place)
    draft.sources.add(secret_source)
    public = make_update(slug="pub")
    UpdatePlace.objects.create(update=public, place=make_place("Bakhmut"))
    for url in ["/places/", "/sources/", "/api/places/", "/api/sources/", "/api/places.geojson",
                "/sitemap-places.xml"]:  # fmt: skip
        body = client.get(url).content.decode()
        assert "Secretplace" not in body and "secretplace" not in body, url
        assert "Secret Desk" not in body, url
    assert client.get("/places/secretplace/").status_code == 404
    assert client.get("/feeds/places/secretplace/").status_code == 404
    assert client.get("/sources/secret-desk/").status_code == 404
    assert "Bakhmut" in client.get("/places/").content.decode()


def test_the_draft_import_does_not_leak_its_source(client, db):
    call_command("import_seeds", "--draft", stdout=io.StringIO())
    assert Source.objects.exists()
    assert client.get("/api/sources/").json()["count"] == 0
    assert "Daily Star" not in client.get("/sources/").content.decode()


def test_the_sitemap_index_lists_pages_that_answer(client, monkeypatch):
    monkeypatch.setattr(UpdateSitemap, "limit", 3)
    for i in range(7):
        make_update(slug=f"u{i}", reported_on=datetime.date(2023, 1, 1 + i))
    index = client.get("/sitemap.xml").content.decode()
    pages = re.findall(r"<loc>http://testserver(/[^<]+)</loc>", index)
    assert "/sitemap-updates.xml?p=3" in [p.replace("&amp;", "&") for p in pages]
    listed = set()
    for page in pages:
        response = client.get(page.replace("&amp;", "&"))
        assert response.status_code == 200, page
        listed |= set(re.findall(r"/updates/2023/01/\d\d/u\d/", response.content.decode()))
    assert len(listed) == 7


def test_places_page_is_paginated(client):
    update = make_update()
    for i in range(120):
        UpdatePlace.objects.create(update=update, place=make_place(f"Place {i:03d}"))
    first = client.get("/places/").content.decode()
    assert "Place 000" in first and "Place 119" not in first and 'rel="next"' in first
    assert "Place 119" in client.get("/places/?page=2").content.decode()
