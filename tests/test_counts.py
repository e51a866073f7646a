"""Kept counts stay right after admin edits, imports and deletes; drafts never leak (10, 8.8)."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db.models import Count

from tests.conftest import make_place, make_source, make_update
from updates.importing.service import documents_import
from updates.models import (
    ActivePlace,
    DayCount,
    MapImage,
    Place,
    PlaceCount,
    Source,
    SourceCount,
    Update,
    UpdatePlace,
)
from updates.sitemaps import UpdateSitemap

pytestmark = pytest.mark.django_db


def kept(place) -> tuple[int, datetime.date | None]:
    row = PlaceCount.objects.filter(place=place).first()
    return (row.update_count, row.last_update) if row else (0, None)


def true_count(place) -> int:
    return Update.objects.published().filter(place_links__place=place).distinct().count()


def kept_days() -> dict[datetime.date, int]:
    return dict(DayCount.objects.values_list("day", "update_count"))


def true_days() -> dict[datetime.date, int]:
    published = Update.objects.published().values("reported_on").annotate(n=Count("pk"))
    return dict(published.values_list("reported_on", "n").order_by())


def admin_form(client, update, **changes) -> dict:
    """What the update's change form posts, as an editor who opened it now would send it."""
    form = client.get(f"/admin/updates/update/{update.pk}/change/").context["adminform"].form
    data = {
        "title": update.title, "slug": update.slug, "body": update.body,
        "reported_on": update.reported_on.isoformat(), "language": update.language,
        "status": update.status, "verification": update.verification, "sources": [],
        "place_links-TOTAL_FORMS": "0", "place_links-INITIAL_FORMS": "0",
        "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0",
        "quoted_posts-TOTAL_FORMS": "0", "quoted_posts-INITIAL_FORMS": "0",
        "opened_version": str(form["opened_version"].value()),
    }  # fmt: skip
    data.update(changes)
    return data


def test_day_counts_follow_publish_redate_unpublish_and_delete():
    first = make_update(slug="a")
    second = make_update(slug="b")
    assert kept_days() == {datetime.date(2023, 2, 2): 2} == true_days()
    second.reported_on = datetime.date(2023, 2, 5)
    second.save()
    assert kept_days() == {datetime.date(2023, 2, 2): 1, datetime.date(2023, 2, 5): 1}
    first.status = Update.Status.DRAFT
    first.save()
    assert kept_days() == {datetime.date(2023, 2, 5): 1} == true_days()
    make_update(slug="draft", status=Update.Status.DRAFT, reported_on=datetime.date(2023, 3, 1))
    assert kept_days() == {datetime.date(2023, 2, 5): 1}
    second.delete()
    assert kept_days() == {} == true_days()


def test_day_counts_follow_the_admin(editor_client):
    update = make_update()
    make_update(slug="other", reported_on=datetime.date(2023, 2, 3))
    url = f"/admin/updates/update/{update.pk}/change/"
    response = editor_client.post(url, admin_form(editor_client, update, reported_on="2023-02-04"))
    assert response.status_code == 302, response.context and response.context["errors"]
    assert kept_days() == {datetime.date(2023, 2, 3): 1, datetime.date(2023, 2, 4): 1}
    assert kept_days() == true_days()

    changelist = "/admin/updates/update/"
    editor_client.post(changelist, {"action": "unpublish", "_selected_action": [update.pk]})
    assert kept_days() == {datetime.date(2023, 2, 3): 1} == true_days()
    editor_client.post(changelist, {"action": "publish", "_selected_action": [update.pk]})
    assert kept_days() == {datetime.date(2023, 2, 3): 1, datetime.date(2023, 2, 4): 1}

    everything = list(Update.objects.values_list("pk", flat=True))
    editor_client.post(
        changelist, {"action": "delete_selected", "_selected_action": everything, "post": "yes"}
    )
    assert not Update.objects.exists()
    assert kept_days() == {}


def test_an_admin_save_recounts_once_not_once_per_row(editor_client, monkeypatch):
    from updates import counts

    calls = []
    refresh = counts.active_places_refresh
    monkeypatch.setattr(counts, "active_places_refresh", lambda *a: calls.append(a) or refresh(*a))
    update = make_update()
    calls.clear()
    places = [make_place(f"Place {i}") for i in range(3)]
    links = {"place_links-TOTAL_FORMS": "3"}
    for i, place in enumerate(places):
        links |= {f"place_links-{i}-place": str(place.pk), f"place_links-{i}-position": str(i)}
    url = f"/admin/updates/update/{update.pk}/change/"
    assert editor_client.post(url, admin_form(editor_client, update, **links)).status_code == 302
    assert UpdatePlace.objects.filter(update=update).count() == 3
    assert len(calls) == 1


def test_day_counts_follow_the_importer(tmp_path):
    call_command("import_seeds", stdout=io.StringIO())
    assert kept_days() == true_days() and sum(kept_days().values()) == 5
    awaiting = MapImage.objects.awaiting_upload().values("update__reported_on")
    true_awaiting = dict(awaiting.annotate(n=Count("pk")).values_list("update__reported_on", "n"))
    kept_awaiting = DayCount.objects.filter(maps_awaiting__gt=0).values_list("day", "maps_awaiting")
    assert dict(kept_awaiting) == true_awaiting and sum(true_awaiting.values()) >= 5
    log = tmp_path / "log.md"
    log.write_text("# Log\n\n## Update 02/02/2024\n\nFighting near Bakhmut.\n")
    documents_import(paths=[log])
    assert kept_days()[datetime.date(2024, 2, 2)] == 1
    log.write_text("# Log\n\n## Update 02/02/2024\n\nFighting near Soledar.\n\n"
                   "## Update 03/02/2024\n\nFighting near Avdiivka.\n")  # fmt: skip
    documents_import(paths=[log])
    assert kept_days()[datetime.date(2024, 2, 2)] == 1
    assert kept_days()[datetime.date(2024, 2, 3)] == 1
    assert kept_days() == true_days()


def test_a_dry_run_import_keeps_no_day(tmp_path):
    log = tmp_path / "log.md"
    log.write_text("# Log\n\n## Update 02/02/2024\n\nFighting near Bakhmut.\n")
    documents_import(paths=[log], dry_run=True)
    assert kept_days() == {}


def test_active_places_are_the_most_named_of_the_recent_weeks():
    busy, quiet, old = make_place("Bakhmut"), make_place("Soledar"), make_place("Avdiivka")
    latest = datetime.date(2023, 6, 1)
    for i in range(3):
        update = make_update(slug=f"b{i}", reported_on=latest - datetime.timedelta(days=i))
        UpdatePlace.objects.create(update=update, place=busy)
    recent = make_update(slug="q", reported_on=latest - datetime.timedelta(weeks=7))
    UpdatePlace.objects.create(update=recent, place=quiet)
    for i in range(5):  # named more often, but before the window
        update = make_update(slug=f"o{i}", reported_on=latest - datetime.timedelta(weeks=9))
        UpdatePlace.objects.create(update=update, place=old)

    def active():
        return [(a.place.name, a.update_count) for a in ActivePlace.objects.all()]

    assert active() == [("Bakhmut", 3), ("Soledar", 1)]
    # A later update moves the window: Soledar's update falls out of it.
    later = make_update(slug="later", reported_on=latest + datetime.timedelta(weeks=2))
    assert active() == [("Bakhmut", 3)]
    UpdatePlace.objects.create(update=later, place=quiet)
    assert active() == [("Bakhmut", 3), ("Soledar", 1)]
    later.delete()
    assert active() == [("Bakhmut", 3), ("Soledar", 1)]


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
    assert "Place 119" in client.get("/places/?page=2", follow=True).content.decode()


def test_a_list_by_name_pages_to_next_not_older(client):
    update = make_update()
    for i in range(120):
        UpdatePlace.objects.create(update=update, place=make_place(f"Place {i:03d}"))
    page = client.get("/places/").content.decode()
    assert re.search(r'rel="next"[^>]*>Next →', page)
    assert "Older" not in page


def kept_awaiting(place) -> int:
    return PlaceCount.objects.get(place=place).maps_awaiting


def test_a_places_maps_awaiting_upload_are_kept_through_uploads_tags_and_deletes(client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import png_bytes

    bakhmut, soledar = make_place("Bakhmut"), make_place("Soledar")
    update = make_update()
    UpdatePlace.objects.create(update=update, place=bakhmut)
    first, second = (
        MapImage.objects.create(update=update, original_reference=f"m/{n}.png", position=n)
        for n in range(2)
    )
    elsewhere = make_update(slug="elsewhere")
    UpdatePlace.objects.create(update=elsewhere, place=soledar)
    shown = MapImage.objects.create(update=elsewhere, original_reference="s.png")
    assert (kept_awaiting(bakhmut), kept_awaiting(soledar)) == (2, 1)
    shown.places.add(bakhmut)  # a map of another update said to show Bakhmut
    assert (kept_awaiting(bakhmut), kept_awaiting(soledar)) == (3, 1)
    second.places.add(bakhmut)  # shown and named: still one map
    assert kept_awaiting(bakhmut) == 3
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/places/bakhmut/").content.decode()
    assert "3 maps not yet uploaded" in html
    # The count is kept: the page reads no missing maps to count them.
    missing = re.compile(r"""(?<!NOT \()"updates_mapimage"\."image" = ''""")
    assert [q["sql"] for q in queries if "updates_mapimage" in q["sql"]]  # the page's maps
    assert not [q["sql"] for q in queries if missing.search(q["sql"])]
    first.image = SimpleUploadedFile("a.png", png_bytes(), "image/png")
    first.save()  # uploaded in the admin
    assert kept_awaiting(bakhmut) == 2
    shown.places.clear()
    assert kept_awaiting(bakhmut) == 1
    second.delete()
    assert kept_awaiting(bakhmut) == 0
    shown.places.add(bakhmut)
    elsewhere.status = Update.Status.DRAFT
    elsewhere.save()  # a draft's maps are nobody's to count
    assert (kept_awaiting(bakhmut), kept_awaiting(soledar)) == (0, 0)
    assert "not yet uploaded" not in client.get("/places/bakhmut/").content.decode()
