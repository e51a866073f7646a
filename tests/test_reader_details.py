"""Readers' details from issue 8.20: escaping, feed dates, import labels."""

import datetime

import feedparser
import pytest

from tests.conftest import make_update

pytestmark = pytest.mark.django_db


def test_an_ampersand_in_an_excerpt_is_escaped_once(client):
    make_update(body="Budget for R&D and <b>bold</b> claims.")
    for url in ["/", "/updates/", "/updates/2023/02/02/"]:
        body = client.get(url).content.decode()
        assert "R&amp;D" in body and "&amp;amp;" not in body, url


def test_feed_items_are_dated_by_publication(client):
    published = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
    make_update(published_at=published)
    entry = feedparser.parse(client.get("/feeds/latest/").content).entries[0]
    assert entry.published_parsed[:6] == (2024, 5, 6, 7, 8, 9)


def test_an_imported_update_does_not_claim_a_publication_time(client):
    imported = make_update(import_key="log.md#1")
    page = client.get(imported.get_absolute_url()).content.decode()
    assert "Added to the log" in page and ">Published<" not in page
    written = make_update(slug="written", title="Written here")
    assert ">Published<" in client.get(written.get_absolute_url()).content.decode()
