"""Search that scales: one query rule, bounded work, places resolved first (issues 8 and 10)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_place, make_update
from updates.models import UpdatePlace
from updates.search import (
    MAX_QUERY_CHARS,
    _python_headline,
    search_query_normalize,
    search_updates,
)

pytestmark = pytest.mark.django_db


def test_query_is_capped_at_a_word_boundary_and_loses_control_characters():
    assert search_query_normalize(" Koersk\x00 \t -Sudzha\n") == "Koersk -Sudzha"
    long = search_query_normalize("artillery " * 400)
    assert len(long) <= MAX_QUERY_CHARS and long.endswith("artillery")
    assert search_query_normalize(None) == "" and search_query_normalize("\x00\x01") == ""


def test_page_and_api_apply_the_same_rule_to_a_huge_query(client):
    update = make_update(body="Heavy artillery near the river.")
    huge = "artillery " * 300 + "\t"
    page = client.get("/search/", {"q": huge})
    assert page.status_code == 200 and update.title in page.content.decode()
    api = client.get("/api/updates/", {"q": huge})
    assert api.status_code == 200 and api.json()["count"] == 1


def test_a_place_alias_finds_updates_that_never_spell_it(client):
    kursk = make_place("Kursk", aliases=["Koersk", "Курськ"])
    update = make_update(body="Nothing about the place in the text.", slug="no-text")
    UpdatePlace.objects.create(update=update, place=kursk)
    make_update(body="Unrelated.", slug="unrelated")
    results = search_updates("Koersk")
    assert [u.pk for u in results[0:20]] == [update.pk] and results.count() == 1


def test_search_takes_a_constant_number_of_queries(client):
    place = make_place("Bakhmut")

    def run():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/search/?q=Bakhmut+artillery").status_code == 200
            assert client.get("/api/updates/?q=Bakhmut").status_code == 200
        return len(queries)

    UpdatePlace.objects.create(update=make_update(slug="one", body="artillery"), place=place)
    few = run()
    for i in range(30):
        update = make_update(
            slug=f"u{i}", body="Bakhmut artillery", reported_on=datetime.date(2023, 3, 1 + i % 28)
        )
        UpdatePlace.objects.create(update=update, place=place)
    assert run() == few


def test_snippets_start_and_end_on_whole_words():
    body = ("alpha beta gamma delta " * 20) + "Bakhmut " + ("epsilon zeta eta theta " * 30)
    headline = _python_headline(body, "Bakhmut")
    words = set(body.split())
    inner = headline.strip("…").replace("\x02", "").replace("\x03", "")
    assert all(word in words for word in inner.split()), inner
    assert headline.startswith("…") and headline.endswith("…")


def test_search_results_page_through_in_date_order(client):
    for i in range(25):
        make_update(slug=f"p{i}", body="artillery", reported_on=datetime.date(2023, 1, 1 + i))
    first = client.get("/search/?q=artillery").content.decode()
    assert "25 updates" in first and "/updates/2023/01/25/" in first
    second = client.get("/search/?q=artillery&page=2").content.decode()
    assert "/updates/2023/01/01/" in second and "/updates/2023/01/25/" not in second


@pytest.mark.parametrize(
    "url",
    [
        "/api/updates/?limit=100000000",
        "/api/updates/?limit=9223372036854775808",
        "/api/updates/?offset=9223372036854775808",
        "/api/updates/?offset=-1",
        "/api/places/?limit=0",
        "/api/sources/?limit=100000",
    ],
)
def test_limit_and_offset_have_ceilings(client, url):
    response = client.get(url)
    assert response.status_code == 422, response.content[:200]
    assert response["Content-Type"].startswith("application/json")


def test_the_openapi_schema_states_the_ceilings(client):
    schema = client.get("/api/openapi.json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/updates/"]["get"]["parameters"]}
    assert params["limit"]["schema"]["maximum"] == 200
    assert params["offset"]["schema"]["maximum"] == 10_000


@pytest.mark.parametrize(
    "url",
    [
        "/api/updates/?place=%00",
        "/api/updates/?language=nl%00",
        "/api/places/?q=%00x",
        "/search/?q=a%00b&page=%00",
        "/places/?q=%00",
        "/updates/?page=%00",
        "/api/updates/?x%00=1",
    ],
)
def test_nul_bytes_in_any_parameter_are_a_400(client, url):
    make_update()
    assert client.get(url).status_code == 400


def test_an_update_id_that_is_not_a_number_answers_json(client):
    response = client.get("/api/updates/abc/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
