"""Long lists page without counting the table; the year list needs no scan (issue 10.3)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_update

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/updates/", "/maps/"])
def test_list_pages_do_not_count_every_row(client, url):
    for i in range(25):
        make_update(slug=f"u{i}", reported_on=datetime.date(2022 + i % 3, 1, 1 + i))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # Bounded aggregates (a month's calendar, recent places) are fine; a count of all is not.
    assert not [q["sql"] for q in queries if "__count" in q["sql"]], url


def test_update_list_pages_through_and_lists_the_years(client):
    for i in range(25):
        make_update(slug=f"u{i}", reported_on=datetime.date(2022 + 2 * (i % 2), 1, 1 + i))
    first = client.get("/updates/").content.decode()
    assert 'href="/updates/2024/"' in first and 'href="/updates/2022/"' in first
    assert 'href="/updates/2023/"' not in first  # no update that year
    assert 'rel="next"' in first and "Page 1" in first
    second = client.get("/updates/?page=2").content.decode()
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert client.get("/updates/?page=3").status_code == 404
    assert client.get("/updates/?page=abc").status_code == 404


def test_the_gallery_bounds_its_count_of_maps_awaiting_upload(client, monkeypatch):
    from updates import views
    from updates.models import MapImage

    update = make_update()
    for n in range(3):
        MapImage.objects.create(update=update, original_reference=f"m/{n}.png", position=n)
    assert "3 maps not yet uploaded" in client.get("/maps/").content.decode()
    monkeypatch.setattr(views, "AWAITING_CAP", 2)
    assert "More than 2 maps not yet uploaded" in client.get("/maps/?v=2").content.decode()
