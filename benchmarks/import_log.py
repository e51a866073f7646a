"""
Import benchmark: generate a Markdown log of N dated sections and import it.

    .venv/bin/python benchmarks/import_log.py --sections 10000
    .venv/bin/python benchmarks/import_log.py --sections 10000 --places 600

With ``--places``, the log names that many different settlements of the front oblasts
(a fixed draw from the gazetteer) instead of 14: deciding a name with namesakes weighs
it against every place the log names with confidence.

Runs against a throw-away SQLite database (or DATABASE_URL, whose database it migrates
into a "_bench" copy name) and prints the time and the rate. With ``BENCH_PROFILE=<file>``
it profiles the first import instead and writes the statistics to that file (read them
with ``python -m pstats <file>``).
"""

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PLACES = ["Bakhmut", "Soledar", "Kreminna", "Vuhledar", "Avdijivka", "Marjinka", "Koersk",
          "Charkiv", "Kupiansk", "Lyman", "Siversk", "Toretsk", "Pokrovsk", "Kherson"]  # fmt: skip


def generate(path: Path, sections: int, places: list[str] = PLACES) -> None:
    # Ends today: reported dates may not lie after tomorrow (FRONTLINE_EARLIEST_DATE below).
    start = datetime.date.today() - datetime.timedelta(days=sections)
    lines = ["# Generated log", ""]
    for i in range(sections):
        day = start + datetime.timedelta(days=i)
        a, b, c = (places[(i + k) % len(places)] for k in (0, 3, 7))
        lines += [
            f"## Update {day:%d/%m/%Y}",
            "",
            f"Bij {a} (1) zijn er gevechten; de Russen vallen aan vanuit {b} (2). "
            f"Ten zuiden van {c} is het rustig. Situatie {i}.",
            f"![Kaart](media/{day:%Y%m%d}a.png)",
            "",
            f"Dit was de situatie op {day - datetime.timedelta(days=2):%d/%m/%Y}",
            f"![Kaart](media/{day:%Y%m%d}b.png)",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


def front_places(count: int) -> list[str]:
    """``count`` names of settlements in the oblasts where the war is fought."""
    from updates.importing.gazetteer import FRONT_REGIONS
    from updates.importing.places import load_gazetteer

    names = {
        c.name
        for candidates in load_gazetteer().index.values()
        for c in candidates
        if c.kind == "settlement" and FRONT_REGIONS.get(c.region, 0) >= 2.5 and c.name.isalpha()
    }
    return random.Random(1).sample(sorted(names), count)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sections", type=int, default=10_000)
    parser.add_argument("--places", type=int, help="different places named (default: 14)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="frontline-bench-"))
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontline.settings")
    os.environ.setdefault("FRONTLINE_EARLIEST_DATE", "1000-01-01")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key-" + "b" * 30)
    os.environ["DJANGO_MEDIA_ROOT"] = str(folder / "media")
    import django

    django.setup()
    from django.core.management import call_command

    from updates.importing.places import load_gazetteer
    from updates.importing.service import documents_import
    from updates.models import Update

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    load_gazetteer()
    gazetteer_s = time.perf_counter() - began
    log = folder / "log.md"
    places = front_places(args.places) if args.places else PLACES
    generate(log, args.sections, places)
    print(
        f"generated {args.sections} sections naming {len(places)} places, "
        f"{log.stat().st_size / 1e6:.1f} MB"
    )

    began = time.perf_counter()
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        profile = os.environ["BENCH_PROFILE"]
        cProfile.runctx("documents_import(paths=[log])", globals(), locals(), profile)
        return
    report = documents_import(paths=[log])
    first = time.perf_counter() - began
    assert report.ok, report.files[0].error
    began = time.perf_counter()
    again = documents_import(paths=[log])
    second = time.perf_counter() - began
    updates = Update.objects.count()
    print(f"gazetteer loaded once:   {gazetteer_s:6.2f} s")
    print(
        f"first import:            {first:6.2f} s  ({updates / first:,.0f} sections/s, {updates} updates)"
    )
    print(f"second run (unchanged):  {second:6.2f} s  ({again.total('unchanged')} unchanged)")


if __name__ == "__main__":
    main()
