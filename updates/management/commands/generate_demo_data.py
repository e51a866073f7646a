import time

from django.core.management.base import BaseCommand, CommandError

from updates.demo import demo_data_generate


class Command(BaseCommand):
    help = (
        "Write demo updates for benchmarks: ~60 a day from 2022-02-24, 3-8 real gazetteer "
        "places each, 1-3 sources, half with a map image. Bulk writes; deterministic per seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--updates", type=int, default=1000, help="How many updates.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed.")
        parser.add_argument("--places", type=int, default=5000, help="Gazetteer places.")
        parser.add_argument("--sources", type=int, default=200, help="Sources.")

    def handle(self, *args, updates, seed, places, sources, **options):
        if updates < 0 or places < 3 or sources < 3:
            raise CommandError("--updates must be >= 0, --places and --sources >= 3.")
        started = time.perf_counter()
        demo_data_generate(updates=updates, seed=seed, places=places, sources=sources)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Wrote {updates} demo updates in {elapsed:.1f} s.")
