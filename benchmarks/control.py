"""
Control data benchmark: the map data of a day, the places API with statuses, the changes
between two dates and the area statistics, at two sizes, with their query counts; and,
optionally, a VIINA table import (time and peak memory).

    .venv/bin/python benchmarks/control.py                       # 10,000 and 100,000 obs.
    .venv/bin/python benchmarks/control.py --viina 33000x1000     # plus a VIINA import

Runs against a throw-away SQLite database, or DATABASE_URL (PostgreSQL) when set: then
the control tables and places are emptied first, so point it at a scratch database.
"""

import argparse
import datetime
import math
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PER_PLACE = 10
START = datetime.date(2022, 2, 24)


def polygon(day: int, vertices: int = 200) -> str:
    import json

    radius = 1.0 + 0.002 * day
    ring = [
        [37.5 + radius * math.cos(2 * math.pi * k / vertices),
         48.0 + 0.7 * radius * math.sin(2 * math.pi * k / vertices)]
        for k in range(vertices)
    ]  # fmt: skip
    return json.dumps({"type": "MultiPolygon", "coordinates": [[ring + [ring[0]]]]})


def fill(observations: int, layers: int) -> None:
    from control.models import AreaLayer, ControlObservation, ControlPeriod
    from control.services import control_periods_deferred, control_periods_refresh
    from updates.models import Place, Update

    ControlPeriod.objects.all().delete()
    with control_periods_deferred():  # one refresh at the end, not one per deleted row
        ControlObservation.objects.all().delete()
        Update.objects.all().delete()
        Place.objects.all().delete()
    AreaLayer.objects.all().delete()
    rng = random.Random(1)
    places = [
        Place(name=f"Selo {i}", slug=f"selo-{i}", name_key=f"selo {i}",
              latitude=46.5 + rng.random() * 3, longitude=35 + rng.random() * 4)
        for i in range(observations // PER_PLACE)
    ]  # fmt: skip
    Place.objects.bulk_create(places, batch_size=2000)
    rows = []
    for place in places:
        status = rng.choice(["ukraine", "russia"])
        for k in range(PER_PLACE):
            status = rng.choice(["ukraine", "russia", "contested"]) if k else status
            rows.append(
                ControlObservation(
                    place=place,
                    observed_on=START + datetime.timedelta(days=k * 70 + rng.randrange(60)),
                    status=status,
                    basis=rng.choice(["claimed", "assessed", "confirmed"]),
                    review="accepted" if rng.random() > 0.05 else "suggested",
                )
            )
    ControlObservation.objects.bulk_create(rows, batch_size=5000)
    began = time.perf_counter()
    built = control_periods_refresh()  # bulk_create sends no signals: build the kept periods
    print(f"  kept periods: {built:,} built in {time.perf_counter() - began:.1f} s")
    kinds = ["occupied", "assessed_advance", "claimed", "contested"]
    AreaLayer.objects.bulk_create(
        [
            AreaLayer(kind=kinds[i % 4], valid_on=START + datetime.timedelta(days=i // 4 * 2),
                      geometry=polygon(i), area_km2=50_000 + i, gained_km2=10, lost_km2=2)
            for i in range(layers)
        ],
        batch_size=200,
    )  # fmt: skip
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would gather


def measure(label: str, work, repeat: int = 3) -> None:
    from django.db import connection, reset_queries

    timings = []
    for _ in range(repeat):
        reset_queries()
        began = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - began)
        queries = len(connection.queries)
    print(f"  {label:<46} {min(timings) * 1000:9.1f} ms  {queries:3d} queries  ({result})")


def run(observations: int, layers: int) -> None:
    from control.models import AreaLayer, with_status
    from control.services import (
        area_stats,
        changes_between,
        control_periods_refresh,
        statuses_on,
    )
    from updates.models import Place

    began = time.perf_counter()
    fill(observations, layers)
    print(
        f"\n{observations:,} observations ({observations // PER_PLACE:,} places), "
        f"{layers:,} area layers  (filled in {time.perf_counter() - began:.1f} s)"
    )
    day = START + datetime.timedelta(days=400)
    measure(
        "map data: status of every place on a day", lambda: f"{len(statuses_on(on=day))} places"
    )
    measure(
        "places API: with_status(), all places",
        lambda: (
            f"{sum(1 for p in with_status(Place.objects.all(), on=day) if p.control_status)} with a status"
        ),
    )
    measure(
        "layers in force on a day (with geometry)",
        lambda: (
            f"{sum(len(layer.geometry) for layer in AreaLayer.objects.in_force(on=day)) // 1000} kB"
        ),
    )
    for days in (7, 30, 365):
        measure(
            f"changes between two dates ({days} days)",
            lambda days=days: (
                f"{len(changes_between(start=day - datetime.timedelta(days=days), end=day).places)} places changed"
            ),
        )
    some = list(Place.objects.order_by("pk").values_list("pk", flat=True)[:100])
    measure(
        "refresh the kept periods of 100 places",
        lambda: f"{control_periods_refresh(place_ids=some)} periods",
    )
    measure(
        "area stats (series, weekly, monthly)", lambda: f"{len(area_stats().weekly)} weeks×kinds"
    )


def viina(size: str) -> None:
    from control.services.viina import viina_import

    places, stamps = (int(x) for x in size.lower().split("x"))
    spec_path = Path(__file__).resolve().parent.parent / "scripts" / "viina_sample.py"
    import importlib.util

    spec = importlib.util.spec_from_file_location("viina_sample", spec_path)
    sample = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sample)
    path = Path(tempfile.mkdtemp(prefix="frontline-viina-")) / "viina.csv"
    began = time.perf_counter()
    sample.write_sample(path, places=places, timestamps_count=stamps)
    print(f"\nVIINA table {places:,} × {stamps:,}: {path.stat().st_size / 1e6:,.0f} MB written "
          f"in {time.perf_counter() - began:.1f} s")  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for run_name in ("first import", "second import"):
        began = time.perf_counter()
        report = viina_import(path=path)
        print(
            f"  {run_name:<14} {time.perf_counter() - began:7.1f} s  created {report.created:,}, "
            f"updated {report.updated:,}, deleted {report.deleted:,}, "
            f"unchanged rows {report.unchanged_rows:,}"
        )
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"  peak memory (max RSS) {after / 1024:,.0f} MB (before the import {before / 1024:,.0f} MB)"
    )
    path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--layers", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--viina", help="also import a generated VIINA table, e.g. 33000x1000")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="frontline-bench-"))
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontline.settings")
    os.environ["DJANGO_DEBUG"] = "true"  # to count queries
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    for observations, layers in zip(args.sizes, args.layers, strict=False):
        run(observations, layers)
    if args.viina:
        viina(args.viina)


if __name__ == "__main__":
    main()
