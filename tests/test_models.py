import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.conftest import make_place, make_update
from updates.models import MapImage, Place, PlaceAlias, Update, UpdatePlace

pytestmark = pytest.mark.django_db


def test_slug_is_unique_per_day_but_may_repeat_on_another_day():
    make_update(slug="bakhmut")
    make_update(slug="bakhmut", reported_on=datetime.date(2023, 2, 3))
    with pytest.raises(IntegrityError), transaction.atomic():
        make_update(slug="bakhmut")


def test_a_published_update_needs_a_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        Update.objects.create(
            title="x", slug="x", body="x", reported_on=None, status=Update.Status.PUBLISHED
        )
    # A draft may be undated.
    assert Update.objects.create(title="x", slug="x", body="x", reported_on=None).is_undated


def test_publishing_stamps_the_publication_time_once():
    update = make_update(status=Update.Status.DRAFT)
    assert update.published_at is None
    update.status = Update.Status.PUBLISHED
    update.save()
    first = update.published_at
    assert first is not None
    update.title = "Edited"
    update.save()
    assert update.published_at == first


def test_place_coordinates_must_be_in_range():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_place("Nowhere", latitude=123.0, longitude=10.0)
    assert make_place("Bakhmut", latitude=48.59, longitude=38.0).is_located


def test_an_alias_is_unique_per_place():
    place = make_place("Kursk", aliases=["Koersk"])
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceAlias.objects.create(place=place, name="Koersk")


def test_a_place_is_linked_once_per_update():
    update, place = make_update(), make_place("Bakhmut")
    UpdatePlace.objects.create(update=update, place=place, map_number=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        UpdatePlace.objects.create(update=update, place=place, map_number=7)


def test_a_map_image_needs_a_file_or_the_original_reference():
    update = make_update()
    with pytest.raises(IntegrityError), transaction.atomic():
        MapImage.objects.create(update=update)
    missing = MapImage.objects.create(update=update, original_reference="2023-02-Media/a.png")
    assert missing.is_missing


def test_published_is_the_one_public_filter():
    visible = make_update(slug="visible")
    make_update(slug="draft", status=Update.Status.DRAFT)
    make_update(slug="undated-draft", reported_on=None, status=Update.Status.DRAFT)
    scheduled = make_update(slug="scheduled")
    Update.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() + datetime.timedelta(days=1)
    )
    assert list(Update.objects.published()) == [visible]


@pytest.mark.parametrize("spelling", ["Курськ", "Koersk", "KURSK", "kursk", "КУРСЬК", "Kursk"])
def test_a_place_is_found_by_any_alias_in_any_case(spelling):
    kursk = make_place("Kursk", aliases=["Koersk", "Курськ", "Курск"])
    make_place("Kharkiv", aliases=["Charkiv", "Харків"])
    assert list(Place.objects.matching(spelling)) == [kursk]


def test_alias_lookup_ignores_accents_and_apostrophes():
    marinka = make_place("Mar'yinka", aliases=["Marjinka", "Мар’їнка"])
    assert list(Place.objects.matching("Maryinka")) == [marinka]
    assert list(Place.objects.matching("мар'їнка")) == [marinka]
    assert list(Place.objects.containing("MARJIN")) == [marinka]


def test_get_absolute_url_is_the_dated_permalink():
    update = make_update(slug="krasna-hora", reported_on=datetime.date(2023, 2, 13))
    assert update.get_absolute_url() == "/updates/2023/02/13/krasna-hora/"
    assert make_place("Krasna Hora").get_absolute_url() == "/places/krasna-hora/"


def test_place_links_are_reverse_filled_in_for_every_url_configuration(settings):
    """Place URLs come from one reverse() per URL configuration and script prefix."""
    from unittest import mock

    from django.urls import reverse, set_script_prefix
    from django.urls.resolvers import URLResolver

    place = make_place("Krasna Hora")
    towns = [make_place(f"Town {i}") for i in range(20)]
    resolve = URLResolver._reverse_with_prefix
    with mock.patch.object(URLResolver, "_reverse_with_prefix", autospec=True) as spy:
        spy.side_effect = resolve
        urls = [town.get_absolute_url() for town in towns]
    assert urls == [f"/places/town-{i}/" for i in range(20)]
    assert spy.call_count <= 1
    set_script_prefix("/site/")
    try:
        assert place.get_absolute_url() == "/site/places/krasna-hora/"
    finally:
        set_script_prefix("/")
    assert place.get_absolute_url() == reverse("updates:place_detail", args=["krasna-hora"])
