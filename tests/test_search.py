"""Search behaviour: what a query finds, in which order, page after page, and in how many queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_place, make_update
from updates import search
from updates.models import UpdatePlace
from updates.search import search_places, search_updates

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="full-text search and trigrams are PostgreSQL's"
)


def day(n: int) -> datetime.date:
    return datetime.date(2023, 1, 1) + datetime.timedelta(days=n)


def link(update, place):
    UpdatePlace.objects.create(update=update, place=place)
    return update


def found(results, stop=100) -> list[str]:
    return [update.slug for update in results[0:stop]]


def counted(queries) -> int:
    """Queries of a request, without PostgreSQL's per-request statement timeout."""
    return len([q for q in queries.captured_queries if "statement_timeout" not in q["sql"]])


def test_a_cyrillic_alias_finds_updates_that_only_link_the_place(client):
    bakhmut = make_place("Bakhmut", aliases=["Артемівськ", "Artemivsk"])
    link(make_update(slug="linked", body="Shelling overnight, no names given."), bakhmut)
    make_update(slug="other", body="Shelling overnight elsewhere.")
    items = client.get("/api/updates/", {"q": "Артемівськ"}).json()["items"]
    assert [item["url"].rsplit("/", 2)[-2] for item in items] == ["linked"]


def test_results_are_newest_first_whichever_branch_found_them():
    kursk = make_place("Kursk", aliases=["Koersk"])
    link(make_update(slug="linked-early", body="Quiet.", reported_on=day(1)), kursk)
    make_update(slug="named-middle", body="Strikes on Koersk.", reported_on=day(2))
    link(make_update(slug="both-late", body="Koersk again.", reported_on=day(3)), kursk)
    make_update(slug="unrelated", body="Quiet.", reported_on=day(4))
    first = make_update(slug="same-day-a", body="Koersk.", reported_on=day(0))
    second = make_update(slug="same-day-b", body="Koersk.", reported_on=day(0))
    results = search_updates("Koersk")
    assert found(results) == [
        "both-late",
        "named-middle",
        "linked-early",
        *(u.slug for u in sorted([first, second], key=lambda u: -u.pk)),
    ]
    assert results.count() == 5


def test_a_word_the_query_excludes_adds_no_place():
    kursk = make_place("Kursk")
    sudzha = make_place("Sudzha")
    link(make_update(slug="kursk", body="Kursk region.", reported_on=day(1)), kursk)
    link(make_update(slug="sudzha", body="Quiet.", reported_on=day(2)), sudzha)
    assert [p.name for p in search_places("Kursk -Sudzha")] == ["Kursk"]
    assert found(search_updates("Kursk -Sudzha")) == ["kursk"]


def test_search_pages_go_on_past_the_counted_results(client, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 25)
    for i in range(45):
        make_update(slug=f"p{i}", body="artillery", reported_on=day(i))
    first = client.get("/search/?q=artillery").content.decode()
    assert "More than 25 updates" in first and 'rel="next"' in first
    third = client.get("/search/?q=artillery&page=3").content.decode()
    assert "/updates/2023/01/01/p0/" in third and "/updates/2023/01/21/" not in third
    assert 'rel="next"' not in third and "Page 3" in third


def test_the_count_is_exact_below_the_cap_and_a_lower_bound_above_it(client, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    for i in range(3):
        make_update(slug=f"s{i}", body="drone strike", reported_on=day(i))
    assert "3 updates" in client.get("/search/?q=drone").content.decode()
    assert client.get("/api/updates/?q=drone").json()["count"] == 3
    make_update(slug="s3", body="drone strike", reported_on=day(3))
    assert "More than 3 updates" in client.get("/search/?q=drone").content.decode()
    assert client.get("/api/updates/?q=drone").json()["count"] == 4  # COUNT_CAP + 1


def test_an_offset_past_the_results_still_counts_them(client):
    for i in range(3):
        make_update(slug=f"o{i}", body="trenches", reported_on=day(i))
    answer = client.get("/api/updates/?q=trenches&offset=10").json()
    assert answer["items"] == [] and answer["count"] == 3


def test_search_takes_a_fixed_small_number_of_queries(client):
    place = make_place("Bakhmut")
    for i in range(25):
        link(make_update(slug=f"q{i}", body="Bakhmut artillery", reported_on=day(i)), place)
    with CaptureQueriesContext(connection) as page:
        assert client.get("/search/?q=Bakhmut+artillery").status_code == 200
    # the places named, the page with its count, the page's place links and maps
    assert counted(page) == 4
    with CaptureQueriesContext(connection) as api:
        assert client.get("/api/updates/?q=Bakhmut").status_code == 200
    assert counted(api) == 6  # the same, and the page's sources and quoted posts
    with CaptureQueriesContext(connection) as nothing:
        assert client.get("/search/?q=zzzqqq").status_code == 200
    assert counted(nothing) == 2


@postgresql_only
def test_dutch_words_match_by_their_stem():
    make_update(slug="nl", language="nl", body="Een aanval op de stelling bij de rivier.")
    make_update(slug="en", language="en", body="A heavy attack on the positions.")
    assert found(search_updates("stellingen")) == ["nl"]
    assert found(search_updates("attacks")) == ["en"]


@postgresql_only
def test_a_quoted_phrase_matches_only_the_words_together():
    make_update(slug="together", body="Heavy fighting near the bridge.", reported_on=day(1))
    make_update(slug="apart", body="Fighting near the heavy bridge.", reported_on=day(2))
    assert found(search_updates('"heavy fighting"')) == ["together"]
    assert found(search_updates("heavy fighting")) == ["apart", "together"]


@postgresql_only
def test_a_misspelt_place_is_found_but_a_short_alias_is_not_like_a_longer_word():
    make_place("Pokrovsk")
    make_place("Herat", aliases=["HEA"])
    assert [p.name for p in search_places("Pokrowsk")] == ["Pokrovsk"]
    assert search_places("heavy") == []


@postgresql_only
def test_the_api_asks_for_no_headlines(client):
    make_update(body="Bakhmut artillery")
    with CaptureQueriesContext(connection) as api:
        assert client.get("/api/updates/?q=artillery").json()["count"] == 1
    assert not any("ts_headline" in q["sql"] for q in api.captured_queries)
    with CaptureQueriesContext(connection) as page:
        assert "<mark>" in client.get("/search/?q=artillery").content.decode()
    assert any("ts_headline" in q["sql"] for q in page.captured_queries)


def test_a_place_named_by_more_than_the_cap_is_not_counted_again(client, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    bakhmut = make_place("Bakhmut", aliases=["Артемівськ"])
    for i in range(5):
        link(
            make_update(slug=f"b{i}", body="Shelling.", reported_on=day(i), language="nl"), bakhmut
        )
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/search/?q=Артемівськ").content.decode()
    assert "More than 3 updates" in html and "/updates/2023/01/05/b4/" in html
    # The kept count said "more than 3": no query counted the matches.
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert client.get("/api/updates/?q=Артемівськ").json()["count"] == 4  # COUNT_CAP + 1
    # Narrowed by a filter, the matches are counted.
    narrowed = client.get("/api/updates/?q=Артемівськ&language=en").json()
    assert narrowed["count"] == 0 and narrowed["items"] == []


@pytest.mark.parametrize("query", ["-kursk", '"', '""', "- -", "-a -b"])
def test_a_query_of_excluded_words_or_quotes_only_answers_not_fails(client, query):
    """A hostile or odd query is an answer (no matches, or what the database makes of it),
    never a server error."""
    make_update(slug="k", body="Fighting near Kursk.")
    assert client.get("/search/", {"q": query}).status_code == 200
    answer = client.get("/api/updates/", {"q": query, "place": "kursk"})
    assert answer.status_code == 200 and "items" in answer.json()
