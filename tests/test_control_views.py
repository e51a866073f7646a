"""Public control pages: the map for a date, its data, changes, territory, timelines, feed."""

import datetime
import json

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from control.models import AreaKind, Basis, Review, Status
from tests.conftest import make_place, make_update
from tests.control_data import FEB, add_layer, front, observe
from updates.models import UpdatePlace

pytestmark = pytest.mark.django_db

DAY = "/map/2023/02/13/"


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    # PostgreSQL's per-request statement timeout (SET/RESET) is the same on every page.
    return len([q for q in context.captured_queries if "statement_timeout" not in q["sql"]])


def grow(extra: int) -> None:
    """More places, observations, sources and layers, for the second size."""
    for index in range(extra):
        place = make_place(f"Extra {index:03d}", latitude=47.0 + index / 100, longitude=36.0)
        observe(place, FEB, Status.UKRAINE)
        observe(place, datetime.date(2023, 2, 13), Status.RUSSIA, Basis.CLAIMED)
    add_layer(AreaKind.ASSESSED_ADVANCE, datetime.date(2023, 2, 10), 38.0, 48.4, 0.2)
    add_layer(AreaKind.ASSESSED_ADVANCE, datetime.date(2023, 2, 13), 38.0, 48.4, 0.3)


def test_map_of_a_day_has_date_controls_permalink_comparison_and_the_days_updates(client):
    front()
    content = client.get(DAY).content.decode()
    assert 'type="date" name="date" value="2023-02-13"' in content
    assert 'href="/map/2023/02/12/"' in content and 'href="/map/2023/02/14/"' in content
    assert 'href="/map/2023/02/06/"' in content and 'href="/map/2023/02/20/"' in content
    assert 'rel="bookmark"' in content and 'href="/map/2023/02/13/"' in content
    assert "/changes/?from=2023-02-06&amp;to=2023-02-13" in content
    assert "Krasna Hora taken" in content  # the update of that day
    assert "Village 000" in content  # a change of that day, listed beside the map
    assert "/map/data/2023-02-13.json" in content


def test_map_date_form_redirects_to_the_permalink_and_bad_dates_are_400(client):
    response = client.get("/map/", {"date": "2023-02-13"})
    assert response.status_code == 302
    assert response["Location"] == DAY
    bad = client.get("/map/", {"date": "13/02/2023"})
    assert bad.status_code == 400
    assert "YYYY-MM-DD" in bad.content.decode()
    assert client.get("/map/2023/02/30/").status_code == 404
    assert client.get("/map/").status_code == 200


def test_map_data_gives_statuses_on_that_day_and_the_layers_in_force(client):
    front(n_places=3)
    data = json.loads(client.get("/map/data/2023-02-13.json").content)
    by_name = {f["properties"]["name"]: f["properties"] for f in data["places"]["features"]}
    assert by_name["Village 000"]["status"] == "russia"
    assert by_name["Village 000"]["basis"] == "claimed"
    assert by_name["Village 001"]["status"] == "contested"
    assert by_name["Village 001"]["observed_on"] == "2023-02-13"
    assert [layer["valid_on"] for layer in data["layers"]] == ["2023-02-01"]
    assert data["layers"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    before = json.loads(client.get("/map/data/2023-02-05.json").content)
    assert {f["properties"]["status"] for f in before["places"]["features"]} == {"ukraine"}
    assert client.get("/map/data/2023-13-01.json").status_code == 400


def test_map_never_shows_suggested_observations(client):
    place = make_place("Hilltown", latitude=48.0, longitude=37.0)
    observe(place, FEB, Status.RUSSIA, review=Review.SUGGESTED)
    data = json.loads(client.get("/map/data/2023-02-13.json").content)
    assert data["places"]["features"] == []
    assert "Hilltown" not in client.get("/changes/?from=2023-01-01&to=2023-02-28").content.decode()


def test_map_page_and_data_answer_in_constant_queries(client):
    front(n_places=3)
    small = (queries(client, DAY), queries(client, "/map/data/2023-02-13.json"))
    grow(20)
    large = (queries(client, DAY), queries(client, "/map/data/2023-02-13.json"))
    assert small == large
    assert large[1] <= 3


def test_changes_between_two_dates_lists_places_sources_updates_and_areas(client):
    made = front(n_places=2)
    content = client.get("/changes/", {"from": "2023-02-01", "to": "2023-02-28"}).content.decode()
    assert "2 places changed" in content
    assert "Village 000" in content and "Village 001" in content
    assert "Ukrainian control" in content and "Russian control" in content
    assert made["update"].get_absolute_url() in content  # the update that reported it
    assert made["source"].get_absolute_url() in content  # its sources
    assert "Occupied territory" in content
    assert "1 update in between" in content
    assert 'href="/map/2023/02/01/"' in content and 'href="/map/2023/02/28/"' in content


def test_changes_with_bad_dates_is_a_clear_400_and_missing_dates_default(client):
    response = client.get("/changes/", {"from": "yesterday", "to": "2023-02-28"})
    assert response.status_code == 400
    assert "“from” must be a date written YYYY-MM-DD" in response.content.decode()
    assert client.get("/changes/", {"to": "0000-01-01"}).status_code == 400
    assert client.get("/changes/").status_code == 200
    swapped = client.get("/changes/", {"from": "2023-02-28", "to": "2023-02-01"})
    assert swapped.status_code == 200
    assert 'value="2023-02-01"' in swapped.content.decode()


def test_changes_page_counts_the_updates_in_between_from_the_kept_days(client):
    for i in range(7):
        make_update(slug=f"u{i}", reported_on=datetime.date(2023, 2, 1 + i))
    with CaptureQueriesContext(connection) as context:
        content = client.get("/changes/?from=2023-02-02&to=2023-02-05").content.decode()
    assert "3 updates in between" in content  # after “from”, up to and with “to”
    counted = [q["sql"] for q in context if 'FROM "updates_update"' in q["sql"]]
    assert not [sql for sql in counted if "COUNT(" in sql]


def test_changes_page_answers_in_constant_queries(client):
    front(n_places=3)
    url = "/changes/?from=2023-02-01&to=2023-02-28"
    small = queries(client, url)
    grow(20)
    assert queries(client, url) == small


def test_place_page_shows_current_status_in_heading_and_a_timeline(client):
    made = front(n_places=1)
    place = made["places"][0]
    content = client.get(place.get_absolute_url()).content.decode()
    heading = content.split('id="place-title"')[1].split("</h1>")[0]
    assert "Russian control" in heading and "since" in heading
    assert content.count('class="timeline-segment') == 2
    observation = place.control_observations.get(observed_on=datetime.date(2023, 2, 13))
    assert f'href="#observation-{observation.pk}"' in content
    assert f'id="observation-{observation.pk}"' in content
    assert "Russian MoD" in content


def test_place_page_without_control_data_still_renders(client):
    place = make_place("Quietville", latitude=50.0, longitude=30.0)
    UpdatePlace.objects.create(update=make_update(), place=place, position=0)
    content = client.get(place.get_absolute_url()).content.decode()
    assert "No control observation on record" in content


def test_place_page_answers_in_constant_queries(client):
    made = front(n_places=1)
    place = made["places"][0]
    small = queries(client, place.get_absolute_url())
    for day in range(2, 12):
        observe(place, datetime.date(2023, 3, day), Status.CONTESTED, sources=[made["source"]])
    assert queries(client, place.get_absolute_url()) == small


def test_day_archive_shows_that_days_control_changes_at_the_top(client):
    front(n_places=2)
    content = client.get("/updates/2023/02/13/").content.decode()
    changes = content.index("Control changes on this day")
    assert changes < content.index("Krasna Hora taken")
    assert "Village 000" in content
    assert "/changes/?from=2023-02-06&amp;to=2023-02-13" in content


def test_day_archive_without_control_data(client):
    make_update()
    content = client.get("/updates/2023/02/02/").content.decode()
    assert "No change of control on record for this day." in content


def test_control_feed_lists_accepted_observations_only(client):
    front(n_places=1)
    hidden = make_place("Hidden", latitude=48.0, longitude=37.0)
    observe(hidden, FEB, Status.RUSSIA, review=Review.SUGGESTED)
    feed = feedparser.parse(client.get("/changes/feed/").content)
    assert not feed.bozo
    titles = [entry.title for entry in feed.entries]
    assert any("Village 000: Russian control" in title for title in titles)
    assert not any("Hidden" in title for title in titles)


def test_territory_draws_area_and_weekly_and_monthly_charts(client):
    front(n_places=1)
    add_layer(AreaKind.OCCUPIED, datetime.date(2023, 3, 20), 37.5, 48.0, 0.4)
    content = client.get("/territory/").content.decode()
    assert content.count("<svg") == 3
    assert "<polyline" in content and "<rect" in content
    assert "gained" in content and "lost" in content
    assert 'href="/api/control/areas.csv"' in content


def test_territory_without_layers(client):
    content = client.get("/territory/").content.decode()
    assert "No area layer on record yet" in content


def test_nav_links_reach_the_control_pages(client):
    content = client.get("/").content.decode()
    for url in ('href="/map/"', 'href="/changes/"', 'href="/territory/"'):
        assert url in content


def test_chart_steps_are_round_numbers():
    from control.charts import nice_step

    assert nice_step(1000) == 200
    assert nice_step(37) == 10
    assert nice_step(0) == 1.0


def test_change_chart_has_a_slot_for_every_week_and_draws_losses_below_the_axis():
    from control.charts import change_chart

    monday = datetime.date(2023, 1, 2)
    rows = [
        {"period": monday, "kind": "occupied", "gained_km2": 10.0, "lost_km2": 0.0},
        {
            "period": monday + datetime.timedelta(days=21),
            "kind": "occupied",
            "gained_km2": 0.0,
            "lost_km2": 5.0,
        },
    ]
    chart = change_chart(rows, ["occupied"])
    assert len(chart.bars) == 2
    gained, lost = chart.bars
    assert gained.y + gained.height <= chart.zero + 0.01  # above the axis
    assert lost.y >= chart.zero - 0.01  # below it
    # Four weeks from the first to the last row: the quiet weeks keep their place.
    slot = (chart.right - chart.left) / 4
    assert round(lost.x - gained.x) == round(3 * slot)


def test_links_from_the_control_pages_to_the_data_resolve(client):
    front(n_places=1)
    for url in (
        "/api/control/areas.csv",
        "/api/control/areas.json",
        "/api/changes/?from=2023-02-01&to=2023-02-28",
        "/changes/feed/",
    ):
        assert client.get(url).status_code == 200, url


def test_changes_come_a_page_of_places_at_a_time(client, monkeypatch):
    from control import views

    monkeypatch.setattr(views, "PLACES_PER_PAGE", 2)
    front(n_places=5)
    url = "/changes/?from=2023-02-01&to=2023-02-28"
    first = client.get(url).content.decode()
    assert "5 places changed" in first
    assert first.count('class="change"') == 2
    assert "from=2023-02-01&amp;to=2023-02-28&amp;page=2" in first
    last = client.get(url + "&page=3").content.decode()
    assert last.count('class="change"') == 1
    assert client.get(url + "&page=oops").status_code == 200


def test_dates_at_the_ends_of_the_calendar_are_4xx_not_500(client):
    assert client.get("/map/0001/01/01/").status_code == 404
    assert client.get("/map/9999/12/31/").status_code == 404
    assert client.get("/map/data/0001-01-01.json").status_code == 400
    wide = client.get("/changes/", {"from": "1991-08-24", "to": "9998-12-31"})
    assert wide.status_code == 200
    assert client.get("/changes/", {"from": "9998-12-31"}).status_code == 200


def test_control_pages_speak_dutch(client):
    client.cookies["django_language"] = "nl"
    content = client.get("/map/2023/02/13/").content.decode()
    assert "Frontkaart" in content
    assert "Vergelijk met een week eerder" in content


@pytest.mark.parametrize("url", ["/changes/", "/territory/", "/map/2023/02/03/"])
def test_a_head_request_answers_like_a_get_without_a_body(client, url):
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
