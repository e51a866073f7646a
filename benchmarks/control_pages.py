"""
Control pages benchmark: the map of a day, its data and the changes between two dates at
two sizes (observations, area layers), with their query counts.

    .venv/bin/python benchmarks/control_pages.py                  # 10,000 and 100,000
    .venv/bin/python benchmarks/control_pages.py --sizes 1000 100000 --layers 100 1000

Runs against a throw-away SQLite database, or DATABASE_URL (PostgreSQL) when set: then
the tables are emptied first, so point it at a scratch database.
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PER_PLACE = 10  # observations per place: a place changes hands about ten times
START = datetime.date(2022, 2, 24)
STATUSES = ["ukraine", "russia", "contested"]
BASES = ["claimed", "assessed", "confirmed"]


def fill(observations: int, layers: int) -> None:
    from control.models import AreaLayer, ControlObservation, ControlPeriod
    from control.services import control_periods_deferred, control_periods_refresh
    from updates.models import Place

    ControlPeriod.objects.all().delete()
    with control_periods_deferred():  # one refresh at the end, not one per deleted row
        ControlObservation.objects.all().delete()
        Place.objects.filter(slug__startswith="bench-").delete()
    AreaLayer.objects.all().delete()
    places = Place.objects.bulk_create(
        Place(
            name=f"Bench {i}",
            slug=f"bench-{i}",
            latitude=46.0 + (i % 100) * 0.05,
            longitude=33.0 + (i // 100) * 0.05,
        )
        for i in range(observations // PER_PLACE)
    )
    rows = []
    for index, place in enumerate(places):
        for k in range(PER_PLACE):
            rows.append(
                ControlObservation(
                    place=place,
                    observed_on=START + datetime.timedelta(days=(index * 7 + k * 61) % 1000),
                    status=STATUSES[(index + k) % 3],
                    basis=BASES[k % 3],
                    review="accepted" if k % 5 else "suggested",
                )
            )
    ControlObservation.objects.bulk_create(rows, batch_size=5000)
    control_periods_refresh()  # bulk_create sends no signals: build the kept periods
    kinds = ["occupied", "assessed_advance", "claimed", "contested"]
    square = json.dumps(
        {"type": "Polygon", "coordinates": [[[37, 47], [38, 47], [38, 48], [37, 48], [37, 47]]]}
    )
    AreaLayer.objects.bulk_create(
        AreaLayer(
            kind=kinds[i % len(kinds)],
            valid_on=START + datetime.timedelta(days=i // len(kinds)),
            geometry=square,
            area_km2=8000.0 + i,
            gained_km2=float(i % 7),
            lost_km2=float(i % 3),
        )
        for i in range(layers)
    )


def measure(client, url: str, repeat: int = 3) -> tuple[float, int, int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(repeat):  # the median of a few runs
        reset_queries()  # a full query log (filling the data) would count nothing
        with CaptureQueriesContext(connection) as context:
            began = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000, len(context.captured_queries), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000])
    parser.add_argument("--layers", type=int, nargs=2, default=[100, 1_000])
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="frontline-bench-"))
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontline.settings")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("DJANGO_DEBUG", "true")  # plain static file names, no manifest
    # Uncached: every request computes its page (the public page cache would answer from
    # memory after the first of the repeats).
    os.environ["FRONTLINE_PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    client = Client()
    day = START + datetime.timedelta(days=500)
    urls = {
        "map page": f"/map/{day:%Y/%m/%d}/",
        "map data": f"/map/data/{day:%Y-%m-%d}.json",
        "changes (1 week)": f"/changes/?from={day - datetime.timedelta(days=7)}&to={day}",
        "changes (30 days)": f"/changes/?from={day - datetime.timedelta(days=30)}&to={day}",
        "changes (1 year)": f"/changes/?from={day - datetime.timedelta(days=365)}&to={day}",
        "API changes (1 week)": f"/api/changes/?from={day - datetime.timedelta(days=7)}&to={day}",
        "API changes (1 year)": f"/api/changes/?from={day - datetime.timedelta(days=365)}&to={day}",
        "territory": "/territory/",
    }
    vendor = django.db.connection.vendor
    for observations, layers in zip(args.sizes, args.layers, strict=True):
        began = time.perf_counter()
        fill(observations, layers)
        print(
            f"\n{vendor}: {observations:,} observations, {observations // PER_PLACE:,} places, "
            f"{layers:,} area layers (filled in {time.perf_counter() - began:.1f} s)"
        )
        for name, url in urls.items():
            ms, count, size = measure(client, url)
            print(f"  {name:20} {ms:8.1f} ms  {count:3d} queries  {size / 1024:8.1f} KB")


if __name__ == "__main__":
    main()
