import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from control.models import AreaLayer, Basis, ControlObservation, Review, Status
from tests.conftest import make_place, make_source, make_update

pytestmark = pytest.mark.django_db

D = datetime.date


def observe(place, day, status, basis=Basis.CLAIMED, review=Review.ACCEPTED, **fields):
    return ControlObservation.objects.create(
        place=place, observed_on=day, status=status, basis=basis, review=review, **fields
    )


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    return response


def test_an_accepted_suggestion_from_the_seeds_shows_on_the_places_api(client, seeded):
    hora = ControlObservation.objects.get(place__name="Krasna Hora")
    geo = get(client, "/api/places.geojson?date=2023-02-14").json()
    props = {f["properties"]["slug"]: f["properties"] for f in geo["features"]}
    assert props["krasna-hora"]["status"] is None  # a suggestion is not public

    hora.review = Review.ACCEPTED
    hora.save()
    props = {
        f["properties"]["slug"]: f["properties"]
        for f in get(client, "/api/places.geojson?date=2023-02-14").json()["features"]
    }
    assert (
        props["krasna-hora"]["status"],
        props["krasna-hora"]["status_since"],
        props["krasna-hora"]["status_basis"],
    ) == ("russia", "2023-02-13", "claimed")
    before = get(client, "/api/places.geojson?date=2023-02-12").json()["features"]
    assert {f["properties"]["slug"]: f["properties"]["status"] for f in before}[
        "krasna-hora"
    ] is None
    places = get(client, "/api/places/?q=Krasna").json()["items"]
    assert places[0]["status"] == "russia" and places[0]["status_since"] == "2023-02-13"


def test_places_geojson_lists_places_with_a_status_even_without_updates(client):
    place = make_place("Robotyne", latitude=47.45, longitude=35.84)
    observe(place, D(2023, 8, 28), Status.UKRAINE, basis=Basis.ASSESSED)
    features = get(client, "/api/places.geojson?date=2023-09-01").json()["features"]
    assert [(f["id"], f["properties"]["status"]) for f in features] == [("robotyne", "ukraine")]
    assert get(client, "/api/places.geojson?date=2023-08-01").json()["features"] == []


def test_places_geojson_reads_every_status_in_one_query_not_one_per_place(client):
    def geojson_queries() -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            features = get(client, "/api/places.geojson?date=2023-09-01").json()["features"]
        assert all(f["properties"]["status"] == "ukraine" for f in features)
        return [q["sql"] for q in queries]

    def located(n: int) -> None:
        for i in range(n):
            place = make_place(f"Place {n}-{i}", latitude=47.4, longitude=35.8)
            observe(place, D(2023, 8, 28), Status.UKRAINE)

    located(2)
    few = geojson_queries()
    located(20)
    many = geojson_queries()
    assert len(few) == len(many)
    places = [sql for sql in many if 'FROM "updates_place"' in sql and "latitude" in sql]
    assert len(places) == 1 and '"status"' not in places[0]


def test_changes_api_lists_places_and_areas(client):
    hora = make_place("Krasna Hora", latitude=48.62, longitude=38.02)
    update = make_update(reported_on=D(2023, 2, 13))
    source = make_source("Russian MoD")
    observe(hora, D(2023, 1, 1), Status.UKRAINE)
    change = observe(hora, D(2023, 2, 13), Status.RUSSIA, update=update, claimed_by="Russian MoD")
    change.sources.add(source)
    observe(make_place("Hidden"), D(2023, 2, 10), Status.RUSSIA, review=Review.SUGGESTED)
    AreaLayer.objects.create(kind="occupied", valid_on=D(2023, 2, 10), geometry="{}",
                             area_km2=100, gained_km2=12.5, lost_km2=0.5)  # fmt: skip
    data = get(client, "/api/changes/?from=2023-02-01&to=2023-02-28").json()
    assert data["from"] == "2023-02-01" and data["to"] == "2023-02-28"
    (place,) = data["places"]
    assert {k: place[k] for k in ("slug", "name", "from_status", "to_status", "date")} == {
        "slug": "krasna-hora",
        "name": "Krasna Hora",
        "from_status": "ukraine",
        "to_status": "russia",
        "date": "2023-02-13",
    }
    assert [s["name"] for s in place["sources"]] == ["Russian MoD"]
    assert place["update"]["id"] == update.pk
    (area,) = data["areas"]
    assert (area["kind"], area["gained_km2"], area["lost_km2"]) == ("occupied", 12.5, 0.5)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/changes/?from=2023-02-30&to=2023-03-01", "from: '2023-02-30' is not a date"),
        ("/api/changes/?from=2023-03-01&to=2023-02-01", "is after to"),
        ("/api/control.csv?from=yesterday", "from: 'yesterday' is not a date"),
        ("/api/control/?to=13-02-2023", "to: '13-02-2023' is not a date"),
        ("/api/control/?status=maybe", "status: 'maybe' is not one of"),
        ("/api/places.geojson?date=2023-13-01", "date: '2023-13-01' is not a date"),
        ("/api/places/?date=nope", "date: 'nope' is not a date"),
        ("/api/control/areas.json?from=x", "from: 'x' is not a date"),
        ("/api/control/areas.csv?period=year", "period: must be"),
    ],
)
def test_bad_query_parameters_are_a_400_naming_the_parameter(client, url, message):
    response = get(client, url, status=400)
    assert message in response.json()["detail"]


@pytest.mark.parametrize(
    "url", ["/api/changes/?from=", "/api/control/?status=", "/api/places/?date="]
)
def test_a_huge_bad_parameter_is_not_echoed_back_whole(client, url):
    response = get(client, url + "x" * 10_000, status=400)
    detail = response.json()["detail"]
    assert "x" * 40 + "…" in detail and len(detail) < 200


def test_control_list_serves_only_accepted_observations(client):
    place = make_place("Bakhmut")
    observe(place, D(2023, 5, 20), Status.RUSSIA, claimed_by="Wagner")
    observe(place, D(2023, 5, 21), Status.UKRAINE, review=Review.SUGGESTED)
    observe(place, D(2023, 5, 22), Status.UKRAINE, review=Review.REJECTED)
    items = get(client, "/api/control/?place=bakhmut").json()["items"]
    assert [(i["date"], i["status"], i["claimed_by"]) for i in items] == [
        ("2023-05-20", "russia", "Wagner")
    ]


def test_area_stats_per_kind_week_and_month(client):
    for day, area, gained, lost in [(D(2023, 1, 2), 100, None, None), (D(2023, 1, 4), 110, 12, 2),
                                    (D(2023, 1, 10), 115, 6, 1), (D(2023, 2, 1), 120, 5, 0)]:  # fmt: skip
        AreaLayer.objects.create(
            kind="occupied", valid_on=day, geometry="{}", area_km2=area,
            gained_km2=gained, lost_km2=lost,
        )  # fmt: skip
    data = get(client, "/api/control/areas.json").json()
    assert [p["area_km2"] for p in data["series"][0]["points"]] == [100, 110, 115, 120]
    weekly = {(w["period"], w["kind"]): (w["gained_km2"], w["lost_km2"]) for w in data["weekly"]}
    assert weekly[("2023-01-02", "occupied")] == (12, 2)
    assert weekly[("2023-01-09", "occupied")] == (6, 1)
    monthly = {m["period"]: (m["gained_km2"], m["lost_km2"]) for m in data["monthly"]}
    assert monthly == {"2023-01-01": (18, 3), "2023-02-01": (5, 0)}
    rows = list(csv.reader(io.StringIO(get(client, "/api/control/areas.csv?period=month")
                                       .content.decode())))  # fmt: skip
    assert rows[0] == ["month", "kind", "gained_km2", "lost_km2"]
    assert rows[1] == ["2023-01-01", "occupied", "18.0", "3.0"]


def _populate(count: int):
    source = make_source(f"Source {count}")
    update = make_update(slug=f"u-{count}", reported_on=D(2023, 2, 13))
    for i in range(count):
        place = make_place(f"P{count}-{i}", latitude=48 + i / 1000, longitude=37)
        observe(place, D(2023, 1, 1), Status.UKRAINE)
        changed = observe(place, D(2023, 2, 1 + i % 20), Status.RUSSIA, update=update)
        changed.sources.add(source)
        AreaLayer.objects.create(kind="occupied", valid_on=D(2020 + count, 1, 1) + datetime.timedelta(i),
                                 geometry="{}", area_km2=i, gained_km2=1, lost_km2=0)  # fmt: skip


@pytest.mark.parametrize(
    "url",
    [
        "/api/changes/?from=2023-01-15&to=2023-02-28",
        "/api/places.geojson?date=2023-02-28",
        "/api/control/?from=2023-01-01",
        "/api/control/areas.json",
    ],
)
def test_query_counts_do_not_grow_with_the_data(client, url):
    counts = []
    for size in (3, 30):
        _populate(size)
        with CaptureQueriesContext(connection) as queries:
            get(client, url)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_openapi_schema_documents_the_control_routes(client):
    schema = get(client, "/api/openapi.json").json()
    for path in ("/api/changes/", "/api/control/", "/api/control.csv", "/api/control/areas.json"):
        assert path in schema["paths"], path
    parameters = {p["name"] for p in schema["paths"]["/api/changes/"]["get"]["parameters"]}
    assert {"from", "to"} <= parameters
    changes = schema["components"]["schemas"]["ChangesOut"]["properties"]
    assert "from" in changes and "places" in changes and "areas" in changes


def test_changes_come_in_pages_that_list_every_place_once(client):
    from tests.control_data import front

    front(n_places=5)
    url = "/api/changes/?from=2023-02-01&to=2023-02-28&limit=2"
    seen, pages = [], 0
    while url:
        data = get(client, url).json()
        assert data["count"] == 5 and len(data["places"]) <= 2
        assert data["areas"]  # every page carries the area figures
        seen += [p["slug"] for p in data["places"]]
        url, pages = data["next"], pages + 1
    assert pages == 3 and sorted(seen) == [f"village-{i:03d}" for i in range(5)]
    get(client, "/api/changes/?from=2023-02-01&to=2023-02-28&limit=501", status=422)


def test_the_observation_list_has_a_ceiling_on_limit(client):
    get(client, "/api/control/?limit=201", status=422)


@pytest.mark.parametrize("url", ["/api/changes/?to=0001-01-01", "/api/control.csv?to=0001-01-02"])
def test_the_default_span_stops_at_the_calendars_first_day(client, url):
    get(client, url)


@pytest.mark.parametrize("param", ["limit", "offset"])
def test_observation_paging_numbers_past_64_bits_are_a_422(client, param):
    get(client, f"/api/control/?{param}=99999999999999999999", status=422)
