"""
Site benchmark: every public URL class, against gunicorn in production settings, at two
database sizes.

    python manage.py generate_demo_data --updates 1000 --seed 1     # into DATABASE_URL
    .venv/bin/python benchmarks/site.py \\
        --database postgres://postgres@127.0.0.1:5432/frontline_bench_1k \\
        --database postgres://postgres@127.0.0.1:5432/frontline_bench_100k

For each database it starts gunicorn (5 workers, DEBUG off) and measures each URL
interleaved with a trivial Django view on the same server (the floor): p50, p95, their
ratio to the floor's p50, queries per request, and bytes on the wire (gzip accepted). Each
URL is first requested twice as many times as there are workers, unsampled (a worker's
first request of a page loads its templates), so the figures are a running server's.
Two passes: uncached (the cache is a DummyCache) and cached (Redis at BENCH_CACHE_URL,
default redis://127.0.0.1:6379/10: a repeat request, and a conditional request answered
304 where the page sends an ETag or Last-Modified).
"""

import argparse
import datetime
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TRIVIAL = "/__bench__/trivial/"
STATIC_ROOT = os.path.join(tempfile.gettempdir(), "frontline-bench-static")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def url_classes(database_url: str) -> list[tuple[str, str]]:
    """(label, path) for each URL class, picked from the database the same way at any size."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontline.settings")
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count

    from updates.models import Place, Source, Update
    from updates.paging import UPDATES

    published = Update.objects.published().order_by("-reported_on", "-pk")
    latest = published.first()
    middle = published[published.count() // 2]
    # Page 40 of 20: a reader gets there by cursor (an old ?page=40 link redirects there).
    page_40 = f"/updates/?before={UPDATES.encode(published[39 * 20 - 1])}"
    busy = Place.objects.annotate(n=Count("update_links")).order_by("-n", "pk").first()
    quiet = (
        Place.objects.annotate(n=Count("update_links")).filter(n__gte=1).order_by("n", "pk").first()
    )
    alias = busy.aliases.order_by("name").values_list("name", flat=True).first() or busy.name
    source = Source.objects.order_by("pk").first()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'updates_update'")
            if cursor.fetchone()[0] < 0:
                print(
                    "  WARNING: this database was never analyzed (no planner statistics): "
                    "its plans are not production's. Run ANALYZE on a copy first.",
                    file=sys.stderr,
                    flush=True,
                )
    connection.close()
    day = latest.reported_on
    week = datetime.timedelta(days=7)
    return [
        ("home", "/"),
        ("updates list", "/updates/"),
        ("updates list, page 40", page_40),
        ("year", f"/updates/{day:%Y}/"),
        ("month", f"/updates/{day:%Y/%m}/"),
        ("day", f"/updates/{day:%Y/%m/%d}/"),
        ("detail (latest)", latest.get_absolute_url()),
        ("detail (middle)", middle.get_absolute_url()),
        ("place (busy)", busy.get_absolute_url()),
        ("place (quiet)", quiet.get_absolute_url()),
        ("places", "/places/"),
        ("maps", "/maps/"),
        ("sources", "/sources/"),
        ("source detail", source.get_absolute_url()),
        ("feed latest", "/feeds/latest/"),
        ("feed place", f"/feeds/places/{busy.slug}/"),
        ("api updates", "/api/updates/"),
        ("api update detail", f"/api/updates/{latest.pk}/"),
        ("api places", "/api/places/"),
        ("api places.geojson", "/api/places.geojson"),
        ("api sources", "/api/sources/"),
        ("sitemap.xml", "/sitemap.xml"),
        *search_classes(alias),
        ("sitemap page (updates)", "/sitemap-updates.xml"),
        ("map (latest day)", f"/map/{day:%Y/%m/%d}/"),
        ("map data", f"/map/data/{day:%Y-%m-%d}.json"),
        ("changes (week)", f"/changes/?from={day - week:%Y-%m-%d}&to={day:%Y-%m-%d}"),
        ("territory", "/territory/"),
    ]


def search_classes(alias: str) -> list[tuple[str, str]]:
    """Every kind of query, on the search page and on the API's ``q`` filter."""
    queries = [
        ("place alias", alias),
        ("Koersk", "Koersk"),
        ("Bakhmut", "Bakhmut"),
        ("Cyrillic", "Артемівськ"),
        ("Dutch word", "gevechten"),
        ("English word", "artillery"),
        ("phrase", '"heavy fighting"'),
        ("no hits", "zzzqqq"),
        ("200 chars", ("artillery gevechten " * 12)[:200]),
    ]
    classes = []
    for label, text in queries:
        classes.append((f"search: {label}", f"/search/?q={quote(text)}"))
        classes.append((f"search api: {label}", f"/api/updates/?q={quote(text)}"))
    classes.append(("search: English word, page 5", "/search/?q=artillery&page=5"))
    classes.append(("search api: English word, offset 100", "/api/updates/?q=artillery&offset=100"))
    return classes


def quote(text: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(text)


def fetch(port: int, path: str, headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Accept-Encoding": "gzip", **(headers or {})})
    try:
        response = conn.getresponse()
        body = response.read()
    except (http.client.HTTPException, ConnectionError):  # the worker was killed (timeout)
        response, body = _Failed(), b""
    elapsed = (time.perf_counter() - started) * 1000
    conn.close()
    return elapsed, response, body


class _Failed:
    status = 0

    def getheader(self, name):
        return None


def start_server(database_url: str, *, cached: bool) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-not-for-production-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_CONN_MAX_AGE": "60",
        "PYTHONPATH": str(ROOT),
        "BENCH_NO_CACHE": "false" if cached else "true",
        # One cache shared by every worker, as in production (local memory is per process).
        "DJANGO_CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/10"),
        "DJANGO_CACHE_PREFIX": "frontline-bench",
        "DJANGO_STATIC_ROOT": STATIC_ROOT,
    }
    if not Path(STATIC_ROOT, "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "frontline.wsgi", "--workers", str(WORKERS),
         "--bind", f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(200):
        try:
            fetch(port, TRIVIAL)
            return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


WORKERS = 5
WARMUP = 2 * WORKERS


def measure(port: int, path: str, repeats: int, headers=None, budget: float = 30.0) -> dict:
    """Up to ``repeats`` samples, fewer when the page takes longer than ``budget`` seconds."""
    times, floor, cpu, db = [], [], [], []
    status = queries = size = None
    # Each worker's first requests for a page load its templates and prepare its queries:
    # a server that has run for a minute has done that, so they are not samples.
    for _ in range(WARMUP):
        fetch(port, path, headers)
    deadline = time.perf_counter() + budget
    for _ in range(repeats):
        if times and time.perf_counter() > deadline:
            break
        floor.append(fetch(port, TRIVIAL)[0])
        elapsed, response, body = fetch(port, path, headers)
        times.append(elapsed)
        status, size = response.status, len(body)
        queries = response.getheader("X-Bench-Queries")
        if response.getheader("X-Bench-CPU"):
            cpu.append(float(response.getheader("X-Bench-CPU")))
            db.append(float(response.getheader("X-Bench-DB")))
    times.sort()
    p50 = statistics.median(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return {
        "status": status,
        "p50": p50,
        "p95": p95,
        "floor": statistics.median(floor),
        "cpu": statistics.median(cpu) if cpu else None,
        "db": statistics.median(db) if db else None,
        "queries": queries,
        "bytes": size,
        "samples": len(times),
    }


def validators(port: int, path: str) -> dict:
    _, response, _ = fetch(port, path)
    headers = {}
    if response.getheader("ETag"):
        headers["If-None-Match"] = response.getheader("ETag")
    if response.getheader("Last-Modified"):
        headers["If-Modified-Since"] = response.getheader("Last-Modified")
    return headers


BUDGET = [30.0]  # seconds per URL class and pass (fewer samples for very slow pages)


def run(database_url: str, *, repeats: int, only: str | None, skip: str | None = None) -> dict:
    classes = url_classes(database_url)
    if only:
        classes = [(label, path) for label, path in classes if only in label]
    if skip:
        classes = [(label, path) for label, path in classes if skip not in label]
    results = {}
    for cached in (False, True):
        server, port = start_server(database_url, cached=cached)
        try:
            for label, path in classes:
                fetch(port, path)  # warm the worker (and the cache in the cached pass)
                row = measure(port, path, repeats, budget=BUDGET[0])
                if cached:
                    conditional = validators(port, path)
                    row["304"] = measure(port, path, repeats, conditional) if conditional else None
                results[(label, cached)] = row
                print(f"  {'cached' if cached else 'uncached'} {label}: {row['p50']:.1f} ms",
                      file=sys.stderr, flush=True)  # fmt: skip
        finally:
            server.terminate()
            server.wait()
    return {"classes": classes, "results": results}


def table(runs: list[tuple[str, dict]]) -> str:
    (small_name, small), (large_name, large) = runs[0], runs[-1]
    lines = [
        f"small = {small_name}, large = {large_name}; times in ms; × = p50 / trivial view's p50",
        "",
        "| page | status | p50 small | p50 large | growth | p95 large | × floor | growth of × "
        "| CPU ms s/l | DB ms s/l | queries s/l | KB large | cached p50 | cached × | 304 p50 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for label, _path in large["classes"]:
        s, lg = small["results"].get((label, False)), large["results"][(label, False)]
        c = large["results"][(label, True)]
        not_modified = c.get("304")
        # Load on a shared machine stretches both sizes' pages and their floors alike: the
        # growth of the ratio to the floor, and the worker's CPU time, move less with it.
        relative = (lg["p50"] / lg["floor"]) / (s["p50"] / s["floor"])
        cpu = f"{s['cpu']:.1f}/{lg['cpu']:.1f}" if s.get("cpu") and lg.get("cpu") else "—"
        db = f"{s['db']:.1f}/{lg['db']:.1f}" if s.get("db") is not None else "—"
        lines.append(
            f"| {label} | {lg['status']} | {s['p50']:.1f} | {lg['p50']:.1f} | "
            f"{lg['p50'] / s['p50']:.2f}× | {lg['p95']:.1f} | {lg['p50'] / lg['floor']:.1f} | "
            f"{relative:.2f}× | {cpu} | {db} | "
            f"{s['queries']}/{lg['queries']} | {lg['bytes'] / 1024:.1f} | {c['p50']:.1f} | "
            f"{c['p50'] / c['floor']:.1f} | "
            + (f"{not_modified['p50']:.1f} ({not_modified['status']})" if not_modified else "—")
            + " |"
        )
    floor = large["results"][(large["classes"][0][0], False)]["floor"]
    lines.append("")
    lines.append(f"trivial view p50 (large, uncached pass): {floor:.2f} ms")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", action="append", required=True,
                        help="Database URL; give two (small, then large).")  # fmt: skip
    parser.add_argument("--repeats", type=int, default=25)
    parser.add_argument("--only", help="Only URL classes whose label contains this.")
    parser.add_argument("--skip", help="Leave out URL classes whose label contains this.")
    parser.add_argument("--budget", type=float, default=30.0, help="Seconds per URL class.")
    args = parser.parse_args()
    runs = []
    for url in args.database:
        print(f"== {url}", file=sys.stderr, flush=True)
        # url_classes sets up Django once per process: run each size in a child process.
        data = run_child(url, args.repeats, args.only, args.skip, args.budget)
        runs.append((url.rsplit("/", 1)[-1], data))
    print(table(runs))


def run_child(url: str, repeats: int, only: str | None, skip: str | None, budget: float) -> dict:
    import json

    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        cmd = [sys.executable, __file__, "--child", url, "--child-out", out.name,
               "--repeats", str(repeats), "--budget", str(budget)]  # fmt: skip
        cmd += (["--only", only] if only else []) + (["--skip", skip] if skip else [])
        subprocess.run(cmd, check=True)
        data = json.loads(Path(out.name).read_text())
    return {
        "classes": [tuple(c) for c in data["classes"]],
        "results": {
            (k.split("\x1f")[0], k.endswith("\x1f1")): v for k, v in data["results"].items()
        },
    }


def child():
    import json

    parser = argparse.ArgumentParser()
    parser.add_argument("--child")
    parser.add_argument("--child-out")
    parser.add_argument("--repeats", type=int)
    parser.add_argument("--only")
    parser.add_argument("--skip")
    parser.add_argument("--budget", type=float)
    args = parser.parse_args()
    BUDGET[0] = args.budget
    data = run(args.child, repeats=args.repeats, only=args.only, skip=args.skip)
    Path(args.child_out).write_text(
        json.dumps(
            {
                "classes": data["classes"],
                "results": {f"{k[0]}\x1f{int(k[1])}": v for k, v in data["results"].items()},
            }
        )
    )


if __name__ == "__main__":
    if "--child" in sys.argv:
        child()
    else:
        main()
