import io

import pytest
from django.core.management import call_command

from updates.models import ActivePlace, DayCount, MapImage, Place, PlaceAlias, Update, UpdatePlace

pytestmark = pytest.mark.django_db


def test_generate_demo_data_writes_published_updates_with_gazetteer_places():
    call_command(
        "generate_demo_data", "--updates", "130", "--places", "40", "--sources", "5",
        stdout=io.StringIO(),
    )  # fmt: skip
    updates = Update.objects.published()
    assert updates.count() == 130
    assert updates.dates("reported_on", "day").count() == 3  # ~60 a day
    assert DayCount.objects.total() == 130 and DayCount.objects.count() == 3  # kept too
    assert ActivePlace.objects.count() == ActivePlace.KEPT
    assert Place.objects.count() == 40 and PlaceAlias.objects.exists()
    assert Place.objects.filter(name="Kyiv", latitude__isnull=False).exists()
    links = UpdatePlace.objects.filter(update__in=updates)
    assert 3 * 130 <= links.count() <= 8 * 130
    assert 20 < MapImage.objects.count() < 110
    update = updates.first()
    assert 1000 <= len(update.body) <= 2300
    assert "<strong>" in update.body_html and update.sources.exists()
    name = update.place_links.first().place.name
    assert update.get_absolute_url().startswith("/updates/2022/")
    assert any(link.place.name in update.body for link in update.place_links.all()), name


def test_generated_data_leaves_planner_statistics(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")
    call_command("generate_demo_data", "--updates", "20", "--places", "10", stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname IN "
            "('updates_update', 'updates_updateplace', 'updates_placealias')"
        )
        assert {name: rows for name, rows in cursor.fetchall()} == {
            "updates_update": 20,
            "updates_updateplace": UpdatePlace.objects.count(),
            "updates_placealias": PlaceAlias.objects.count(),
        }


def test_demo_data_names_places_and_sources_as_unevenly_as_real_logs():
    """A few front places fill most updates, so the busiest place page is full at any size."""
    from django.db.models import Count

    from updates.demo import _front_distance
    from updates.models import Source

    call_command(
        "generate_demo_data", "--updates", "300", "--places", "300", "--sources", "50",
        stdout=io.StringIO(),
    )  # fmt: skip
    counts = Place.objects.annotate(n=Count("update_links")).order_by("-n")
    busiest = counts.first()
    assert busiest.n >= 20
    by_distance = sorted(counts, key=_front_distance)
    near, far = by_distance[:30], by_distance[-150:]
    assert sum(p.n for p in near) > 1.5 * sum(p.n for p in far)  # uniform: a fifth
    first_source = Source.objects.order_by("pk").first()
    assert first_source.updates.count() >= 20


def test_generated_data_leaves_no_gin_pending_list(db):
    """Searches read a GIN index's pending list whole: a bulk load leaves it flushed."""
    from django.db import connection

    from updates.demo import GIN_PENDING_FLUSH

    if connection.vendor != "postgresql":
        pytest.skip("GIN indexes are PostgreSQL's")
    call_command("generate_demo_data", "--updates", "20", "--places", "10", stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute(GIN_PENDING_FLUSH)
        flushed = [pages for (pages,) in cursor.fetchall()]
    assert len(flushed) >= 3  # the update, place and alias indexes
    assert flushed == [0] * len(flushed)  # nothing was left waiting
