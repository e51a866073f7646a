"""
Outage timeline: readers hit the site (gunicorn, production settings) while its PostgreSQL
is stopped for a while and started again; prints what they got, and how fast.

    .venv/bin/python benchmarks/db_outage.py --outage 5 --outage 20
    .venv/bin/python benchmarks/db_outage.py --project path/to/an/older/checkout

Runs a PostgreSQL server of its own in a temporary folder (never the shared one), with
and without DJANGO_DB_POOL, and prints per run: the answers during the outage (status
counts, slowest and median time) and, after the database is back, the seconds until the
first 200 and until every reader gets 200 again.
"""

import argparse
import signal
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.private_postgres import (  # noqa: E402
    PROJECT_ROOT,
    PrivatePostgres,
    SiteServer,
    manage,
    production_env,
)


def readers(site: SiteServer, count: int, stop: threading.Event, log: list) -> list:
    def read():
        while not stop.is_set():
            started = time.monotonic()
            status = site.get("/", timeout=60)[0]
            log.append((started, time.monotonic(), status))
            time.sleep(0.05)

    threads = [threading.Thread(target=read, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def run(
    *, project: Path, pool: bool, outage: float, clients: int, static_root: str, page_cache: bool
) -> None:
    database = PrivatePostgres().init()
    database.start()
    try:
        env = production_env(
            database.url(),
            DJANGO_DB_POOL=str(pool).lower(),
            DJANGO_STATIC_ROOT=static_root,
            # Off by default: every reader's request then needs the database, which is what
            # the outage is about (with the page cache on, cached pages keep answering 200).
            FRONTLINE_PAGE_CACHE_SECONDS="600" if page_cache else "0",
        )
        manage("migrate", "--noinput", env=env, cwd=project)
        site = SiteServer(env, cwd=project)
        # Warm: the first request loads the URLconf and views; readers time steady service.
        site.get("/")
        site.get("/api/updates/")
        log: list = []
        stop = threading.Event()
        try:
            threads = readers(site, clients, stop, log)
            time.sleep(2)
            down = time.monotonic()
            database.stop()
            time.sleep(outage)
            database.start()
            back = time.monotonic()
            time.sleep(max(15.0, outage))
            stop.set()
            for thread in threads:
                thread.join(timeout=90)
        finally:
            site.stop()
    finally:
        database.remove()

    # Every request that was in flight at some moment of the outage, and those started after.
    during = [(end - start, status) for start, end, status in log if start < back and end > down]
    after = sorted((start, status) for start, end, status in log if start >= back)
    first_ok = next((start for start, status in after if status == 200), None)
    # A request held through the outage answers when service is back: count answers too.
    first_answer = min(
        (end for start, end, status in log if end >= back and status == 200), default=None
    )
    last_bad = max((start for start, status in after if status != 200), default=None)
    statuses: dict[int, int] = {}
    for _, status in during:
        statuses[status] = statuses.get(status, 0) + 1
    times = [seconds for seconds, _ in during] or [0.0]
    label = ("pool   " if pool else "no pool") + (" +page cache" if page_cache else "")

    def since_back(moment):
        return "   -  " if moment is None else f"{moment - back:5.2f} s"

    print(
        f"{label} outage {outage:>4.0f} s | in flight during it: {dict(sorted(statuses.items()))}"
        f" (0 = no answer) slowest {max(times):5.2f} s, median {statistics.median(times):5.2f} s"
        f" | after restart: first 200 answered {since_back(first_answer)}, first request"
        f" asked and served {since_back(first_ok)}, last failure asked {since_back(last_bad)}"
    )


def main() -> None:
    # A benchmark stopped with SIGTERM still stops its PostgreSQL and gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outage", type=float, action="append", help="seconds (repeatable)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--project", type=Path, default=PROJECT_ROOT)
    parser.add_argument("--pool", choices=["both", "on", "off"], default="both")
    parser.add_argument(
        "--page-cache", action="store_true", help="keep the public page cache on (default off)"
    )
    args = parser.parse_args()
    pools = {"both": [False, True], "on": [True], "off": [False]}[args.pool]
    with tempfile.TemporaryDirectory(prefix="frontline-outage-static-") as static_root:
        manage("collectstatic", "--noinput", cwd=args.project,
               env=production_env("sqlite:///unused.sqlite3", DJANGO_STATIC_ROOT=static_root))  # fmt: skip
        for outage in args.outage or [5.0, 20.0]:
            for pool in pools:
                run(project=args.project, pool=pool, outage=outage, clients=args.clients,
                    static_root=static_root, page_cache=args.page_cache)  # fmt: skip


if __name__ == "__main__":
    main()
