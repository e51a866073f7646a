"""
Write a synthetic VIINA-layout control table for tests and benchmarks:

    python scripts/viina_sample.py sample.csv --places 33000 --timestamps 1000

Places get made-up GeoNames ids (9,000,000 and up) and positions in eastern Ukraine; each
place's status walks randomly (mostly unchanged, now and then UA ↔ CONTESTED ↔ RU).
"""

import argparse
import csv
import datetime
import random
from pathlib import Path

COLUMNS = ["geonameid", "name", "asciiname", "alternatenames", "longitude", "latitude",
           "feature_code"]  # fmt: skip
CODES = ["UA", "CONTESTED", "RU"]


def timestamps(count: int, start=datetime.datetime(2022, 2, 24, 6, 0)) -> list[str]:
    return [f"ctr_{start + datetime.timedelta(days=i):%Y%m%d%H%M%S}" for i in range(count)]


def write_sample(path: Path, *, places: int, timestamps_count: int, seed: int = 9) -> Path:
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*COLUMNS, *timestamps(timestamps_count)])
        for number in range(places):
            name = f"Selo {number}"
            state = rng.randrange(3)
            cells = []
            for _ in range(timestamps_count):
                if rng.random() < 0.01:
                    state = max(0, min(2, state + rng.choice((-1, 1))))
                cells.append(CODES[state] if rng.random() > 0.002 else "")
            writer.writerow(
                [
                    9_000_000 + number,
                    name,
                    name,
                    f"Село {number},Selo-{number}",
                    f"{35 + rng.random() * 4:.5f}",
                    f"{46.5 + rng.random() * 3:.5f}",
                    "PPL",
                    *cells,
                ]
            )
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--places", type=int, default=3000)
    parser.add_argument("--timestamps", type=int, default=300)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    write_sample(args.path, places=args.places, timestamps_count=args.timestamps, seed=args.seed)
    print(f"wrote {args.path}: {args.places} places × {args.timestamps} timestamps")


if __name__ == "__main__":
    main()
