"""
One scored decision per place mention, with all the evidence a document gives.

A candidate's score adds: the front-line zone of its region (a prior), its size, whether
the text wrote its name or only an alias, the region named next to the mention ("in
Donetsk oblast", "(Kharkiv region)"), a distance and direction from another place ("9 km
north of Avdiivka"), and its distance to the places the document names with confidence
(all sections together). The best candidate wins only by a clear margin; otherwise the
mention is *unresolved*: reported with its candidates, never linked silently.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..text import normalize_name
from .cues import Cues, cues_of
from .gazetteer import Gazetteer, Mention, PlaceCandidate
from .geo import NearestPlaces, distance_km, great_circle_km
from .governments import named_where, without_governments
from .raions import in_hinted_region
from .units import as_object, names_unit

_key = lru_cache(maxsize=100_000)(normalize_name)
LIST_GAP = re.compile(r"\s*(?:\(\d{1,2}\))?\s*(?:,|,?\s*(?:and|en|und|та|і|и|&))\s*")
TYPE_WEIGHT = {"city": 1.5, "town": 0.7, "village": 0.0}
CONFIDENT_MARGIN = 1.5
LINK_MARGIN = 0.6
SAME_PLACE_KM = 12  # two candidates this close are one place told twice
APPROXIMATE_KM = 15  # how far a hromada's mean position may lie from one of its villages
MAX_CONTEXT_KM = 400
# A lone candidate this small, far from everything else the text names, is a chance likeness.
LONE_TOWN = 10_000
EXPLICIT_HINT = 6.0  # the strength of a region named right beside a place
WEAK_HINT_AGAINST = 0.4  # what a sentence's region costs a place outside it, by its strength
# A city this large is named wherever the war reaches it (strike lists, "shelled Mykolaiv"):
# being far from the document's other places says nothing against it.
BIG_CITY = 100_000
# A place the text calls a village is not one of this many people (a namesake city).
VILLAGE_MAX = 20_000
NOT_A_VILLAGE = 8.0


@dataclass(frozen=True)
class ResolvedPlace:
    """A place an update names: a gazetteer entry, or (``candidate`` None) an unknown name."""

    written: str
    map_number: int | None
    candidate: PlaceCandidate | None
    confidence: str = "high"  # high, low
    # Named as a place, not a government: in a list of places ("strikes on Kyiv, Lviv and
    # Dnipro") or where something happens ("missiles were shot down over Kyiv").
    as_place: bool = False

    @property
    def identity(self) -> str:
        return self.candidate.ref if self.candidate else f"new:{normalize_name(self.written)}"


@dataclass(frozen=True)
class UncertainMention:
    """A mention the importer did not link (unresolved) or linked without confidence (low)."""

    written: str
    line: int
    status: str  # unresolved, low
    candidates: tuple[PlaceCandidate, ...]
    chosen: PlaceCandidate | None = None
    section: int = 0


class _Context:
    """The sure places a mention is weighed against: the document's, those of its own
    section counting most, none of its own name ("Lyman" is no context for a Lyman)."""

    OWN_WEIGHT, OTHER_WEIGHT = 1.0, 0.5

    def __init__(self, document, nearest: NearestPlaces, names: Counter, own, written: str):
        self.document, self.nearest, self.own, self.written = document, nearest, own, written
        self._any = len(document) > names[written]

    def __bool__(self) -> bool:
        return self._any

    def nearest_km(self, candidate: PlaceCandidate, skip: set[str]) -> list[tuple[float, float]]:
        """(km, weight): the nearest usable sure place of each weight, leaving out ``skip``."""

        def usable(a: PlaceCandidate) -> bool:
            return a.ref not in skip and a.is_located and _key(a.name) != self.written

        found = []
        own = [self.document[ref] for ref in self.own]
        if distances := [distance_km(candidate, a) for a in own if usable(a)]:
            found.append((min(distances), self.OWN_WEIGHT))
        other = self.nearest.nearest_km(candidate, lambda a: a.ref not in self.own and usable(a))
        if other is not None:
            found.append((other, self.OTHER_WEIGHT))
        return found


_NO_CONTEXT = _Context({}, NearestPlaces(()), Counter(), {}, "")


def _moved(lat, lon, km, bearing):
    d = km / 6371
    b, lat1, lon1 = map(math.radians, (bearing, lat, lon))
    lat2 = math.asin(math.sin(lat1) * math.cos(d) + math.cos(lat1) * math.sin(d) * math.cos(b))
    lon2 = lon1 + math.atan2(
        math.sin(b) * math.sin(d) * math.cos(lat1), math.cos(d) - math.sin(lat1) * math.sin(lat2)
    )
    return math.degrees(lat2), math.degrees(lon2)


def _bearing(a: PlaceCandidate, b: PlaceCandidate) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    y = math.sin(lon2 - lon1) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return (math.degrees(math.atan2(y, x)) + 360) % 360


def _prior(candidate: PlaceCandidate, mention: Mention, gazetteer: Gazetteer) -> float:
    if candidate.kind != "settlement":
        return 2.0
    score = candidate.front_prior + TYPE_WEIGHT.get(candidate.settlement_type, 0.5)
    # Size tells only when it is large: a city of 100,000 outweighs a village of 800.
    score += min(3.6, max(0.0, math.log10(candidate.population + 1) - 3) * 1.2)
    if not gazetteer.is_primary(mention.written, candidate) and not any(
        "CYRILLIC" in _char_name(ch) for ch in mention.written[:1]
    ):
        score -= 1.0  # an alias GeoNames lists, not the name
    if candidate.precision != "exact":
        score -= 0.3
    return score


def _char_name(ch: str) -> str:
    import unicodedata

    return unicodedata.name(ch, "")


def _hint_fit(candidate, mention, hint_anchor) -> float | None:
    """The score a settlement gains or loses by how well it lies where "9 km north of
    Avdiivka" puts it (None without a located place to measure from)."""
    if hint_anchor is None or not hint_anchor.is_located or hint_anchor.ref == candidate.ref:
        return None
    _name, km, bearing = mention.distance_hint
    if km is not None and bearing is not None:
        lat, lon = _moved(hint_anchor.latitude, hint_anchor.longitude, km, bearing)
        error = great_circle_km(candidate.latitude, candidate.longitude, lat, lon)
    else:
        error = distance_km(candidate, hint_anchor)
        if km is not None:
            error = abs(error - km)
        elif bearing is not None:
            off = abs((_bearing(hint_anchor, candidate) - bearing + 180) % 360 - 180)
            # An approximate position (its hromada's) this near says no direction.
            unsure = candidate.precision != "exact" and error <= APPROXIMATE_KM
            error = max(0.0, error - 40) + (0 if off <= 60 or unsure else 30)
    tolerance = 8 + (15 if candidate.precision != "exact" else 0) + (km or 10) * 0.3
    return 6.0 if error <= tolerance else (1.0 if error <= 1.5 * tolerance else -4.0)


HINT_FAR_KM = 100  # beyond this from where a hint puts it, a place is not the one meant


def _far_from_hint(candidate, mention, hint_anchor) -> bool:
    """Whether ``candidate`` lies far beyond anything "9 km north of X" could mean (a
    direction may be loose, a list's hint may be another name's: a hundred km is neither)."""
    if hint_anchor is None or not hint_anchor.is_located or not candidate.is_located:
        return False
    km = mention.distance_hint[1] or 0.0
    return distance_km(candidate, hint_anchor) > km + HINT_FAR_KM


def _score(candidate, mention, gazetteer, anchors, hint_anchor, village=False) -> float:
    score = _prior(candidate, mention, gazetteer)
    if village and candidate.population >= VILLAGE_MAX:
        score -= NOT_A_VILLAGE  # "Makiivka, a village on the Zherebets": not the city
    if candidate.kind != "settlement" or not candidate.is_located:
        return score
    if mention.region_hint is not None:
        agrees = in_hinted_region(candidate, mention.region_hint)
        strength = mention.region_hint_strength
        # A region named elsewhere in the sentence may be another clause's ("Kupiansk in the
        # Kharkiv region …, and fired rockets at Nikopol"): it favours its places more
        # than it rules out others.
        against = strength if strength >= EXPLICIT_HINT else strength * WEAK_HINT_AGAINST
        score += strength if agrees else -against
    if (fit := _hint_fit(candidate, mention, hint_anchor)) is not None:
        score += fit
        if mention.distance_hint[1] is None:
            # "north of Kupiansk" with no distance: nearer is likelier.
            score -= distance_km(candidate, hint_anchor) / 30
    # The place a distance is measured from says where, not "near": it is no context then.
    skip = {candidate.ref, hint_anchor.ref if hint_anchor is not None else ""}
    # Of each weight only the nearest sure place counts: the terms below fall with distance.
    if nearest_by_weight := anchors.nearest_km(candidate, skip):
        # An approximate position (its hromada's) is only roughly this near.
        blur = 10.0 if candidate.precision != "exact" else 0.0
        distances = [(d + blur, weight) for d, weight in nearest_by_weight]
        nearest = min(d for d, _ in distances)
        # Near the sure places (of its own section most), less plausible the farther away.
        score += max(5.0 * weight * math.exp(-d / 30) for d, weight in distances)
        if candidate.population < BIG_CITY:
            score -= min(4.0, nearest / 80)
            if nearest > MAX_CONTEXT_KM:
                score -= 2.0
    return score


def _elsewhere(candidate: PlaceCandidate, mention: Mention) -> bool:
    """A small place outside the region its sentence names ("Невське … на Луганщині" is
    no Nevske in Crimea): never a sure place, whatever else it may be."""
    return (
        candidate.population < LONE_TOWN
        and mention.region_hint is not None
        and not in_hinted_region(candidate, mention.region_hint)
    )


def _weak(best: PlaceCandidate, mention: Mention, gazetteer: Gazetteer) -> bool:
    """A lone candidate nothing supports: a small place far from the war, by an alias."""
    return (
        best.front_prior == 0
        and best.population < 1000
        and not gazetteer.is_primary(mention.written, best)
        and mention.map_number is None
        and mention.region_hint is None
    )


def _contradicted(best: PlaceCandidate, mention: Mention, anchors) -> bool:
    """A lone small candidate the text places elsewhere: in another region than the one
    named right beside it ("Nevske (Luhansk Oblast)" is no Nevske in Crimea), or far from
    every place the document is sure of."""
    if best.population >= LONE_TOWN or not best.is_located:
        return False
    explicit = mention.region_hint_strength >= EXPLICIT_HINT  # "X (Luhansk Oblast)", "X in …"
    if explicit and not in_hinted_region(best, mention.region_hint):
        return True
    if not anchors:
        return False
    nearest = [km for km, _weight in anchors.nearest_km(best, {best.ref})]
    return bool(nearest) and min(nearest) > MAX_CONTEXT_KM


def _decide_cached(cache: dict, mention, gazetteer, anchors, text, anchor_key=()):
    """``_decide``, once per distinct situation: a long log names the same places alike."""
    cues = cues_of(mention, text)
    key = (
        mention.written,
        tuple(c.ref for c in mention.candidates),
        mention.region_hint.ref if mention.region_hint else "",
        mention.region_hint_strength,
        mention.distance_hint,
        mention.map_number is None,
        cues,
        anchor_key,
    )
    found = cache.get(key)
    if found is None:
        found = cache[key] = (*_decide(mention, gazetteer, anchors, cues), mention.ranked)
    mention.ranked = found[3]
    return found[:3]


def _decide(mention, gazetteer, anchors, cues: Cues):
    """(candidate or None, confidence, margin) for one mention."""
    candidates = _without_alias_namesakes(mention, gazetteer)
    if len({c.kind for c in candidates}) > 1 and cues.wants_river is not None:
        preferred = [c for c in candidates if (c.kind == "river") == cues.wants_river]
        candidates = preferred or candidates
    if len(candidates) == 1 and not mention.distance_hint and not cues.names_object:
        # One candidate: nothing to weigh (but it must still be plausible at all).
        (best,) = candidates
        mention.ranked = [best]
        if best.kind == "settlement" and (
            _weak(best, mention, gazetteer) or _contradicted(best, mention, anchors)
        ):
            return None, "unresolved", 0.0
        return best, "high", math.inf
    hint_anchor = None
    if mention.distance_hint:
        found = [c for c in gazetteer.lookup(mention.distance_hint[0]) if c.is_located]
        if found:
            hint_anchor = max(
                found, key=lambda c: _score(c, Mention(c.name, 0), gazetteer, anchors, None)
            )
    scored = sorted(
        (
            (_score(c, mention, gazetteer, anchors, hint_anchor, cues.village), c)
            for c in candidates
        ),
        key=lambda pair: (-pair[0], -pair[1].population, pair[1].ref),
    )
    mention.ranked = [c for _, c in scored]
    best_score, best = scored[0]
    rivals = [
        (s, c)
        for s, c in scored[1:]
        if not (c.is_located and best.is_located and distance_km(c, best) <= SAME_PLACE_KM)
    ]
    margin = best_score - rivals[0][0] if rivals else math.inf
    # One candidate: still not a front place when nothing supports it.
    lone = best.kind == "settlement" and not rivals and len(candidates) == 1
    if lone and _weak(best, mention, gazetteer):
        return None, "unresolved", 0.0
    if (
        best.kind == "settlement"
        and best.population < LONE_TOWN  # "Ryazan, south-east of Moscow": a city is told apart
        and _far_from_hint(best, mention, hint_anchor)
    ):
        # "Veseloye (south of Glushkovo)": no place of that name lies anywhere near where the
        # text says; the gazetteer lacks it, and a namesake hundreds of km away is no link.
        return None, "unresolved", margin
    if best.kind == "settlement" and _contradicted(best, mention, anchors):
        # Even the likeliest namesake lies far from every place the text is sure of
        # ("Veseloye" in Kursk oblast is none of Ukraine's Vesele): a place the gazetteer
        # lacks, not a link.
        return None, "unresolved", margin
    if margin >= CONFIDENT_MARGIN or cues.names_object:
        return best, "high", margin
    evidence = bool(
        anchors or mention.region_hint or mention.distance_hint or mention.map_number is not None
    )
    namesakes = sum(1 for c in candidates if c.kind == "settlement" and c.front_prior > 0)
    if not evidence and namesakes >= 3:
        # Many namesakes where the war is and nothing in the text to tell them apart.
        return None, "unresolved", margin
    if margin >= LINK_MARGIN or (mention.map_number is not None and best.kind == "settlement"):
        # A numbered name is a place on the text's map: the likeliest one, reported.
        return best, "low", margin
    return None, "unresolved", margin


def _without_alias_namesakes(mention, gazetteer) -> list[PlaceCandidate]:
    """A big city's own name ("Mykolaiv", "Mykolajiv") is not a small place's alias
    (GeoNames lists "Mykolaiv" for a Mykolaivka): only the places that bear it remain,
    and what is no settlement (the river Dnipro)."""
    candidates = list(mention.candidates)
    if any(
        c.kind == "settlement"
        and c.population >= BIG_CITY
        and gazetteer.is_primary(mention.written, c)
        for c in candidates
    ):
        candidates = [
            c
            for c in candidates
            if c.kind != "settlement"
            or c.population >= BIG_CITY
            or gazetteer.is_primary(mention.written, c)
        ]
    return candidates


def resolve_document(
    sections: list[tuple[str, list[Mention]]], gazetteer: Gazetteer
) -> tuple[list[list[ResolvedPlace]], list[UncertainMention]]:
    """Resolve every section's mentions with the whole document's confident places."""
    # Sure places, each once: per section, and for the whole document (a long log names
    # the same places thousands of times; the work must grow with the places, not the names).
    section_anchors: list[dict[str, PlaceCandidate]] = []
    document_anchors: dict[str, PlaceCandidate] = {}
    cache: dict = {}
    for text, mentions in sections:
        sure: dict[str, PlaceCandidate] = {}
        for mention in mentions:
            if not mention.candidates or names_unit(text, mention):
                continue
            candidate, confidence, _ = _decide_cached(cache, mention, gazetteer, _NO_CONTEXT, text)
            # A capital is context only when the text's map numbers it: "Moskou meldde"
            # is the government, and says nothing of where the places around it lie.
            capital = candidate is not None and gazetteer.is_capital(candidate)
            if (
                candidate
                and confidence == "high"
                and candidate.kind == "settlement"
                and (not capital or mention.map_number is not None)
                and not _elsewhere(candidate, mention)
            ):
                sure[candidate.ref] = candidate
        section_anchors.append(sure)
        document_anchors.update(sure)
    nearest = NearestPlaces(document_anchors.values())
    names = Counter(_key(a.name) for a in document_anchors.values())
    results, uncertain = [], []
    for index, (text, mentions) in enumerate(sections):
        resolved: list[ResolvedPlace] = []
        for position, mention in enumerate(mentions):
            if not mention.candidates:
                resolved.append(ResolvedPlace(mention.written, mention.map_number, None))
                continue
            own = section_anchors[index]
            written = _key(mention.written)
            others = _Context(document_anchors, nearest, names, own, written)
            if names_unit(text, mention):
                continue  # "Azov brigade": not a place, and nothing to report
            candidate, confidence, _ = _decide_cached(
                cache, mention, gazetteer, others, text, (written, tuple(sorted(own)))
            )
            candidate = _known_object(as_object(text, mention, candidate), gazetteer)
            if confidence != "high":
                uncertain.append(
                    UncertainMention(
                        written=mention.written,
                        line=mention.line,
                        status=confidence,
                        candidates=tuple((mention.ranked or mention.candidates)[:12]),
                        chosen=candidate,
                        section=index,
                    )
                )
            if candidate is None:
                if mention.map_number is not None:
                    # A numbered name is a place on the map even when we cannot tell which.
                    resolved.append(ResolvedPlace(mention.written, mention.map_number, None, "low"))
                continue
            resolved.append(
                ResolvedPlace(
                    mention.written,
                    mention.map_number,
                    candidate,
                    confidence,
                    as_place=_in_list(text, mentions, position, gazetteer)
                    or (gazetteer.is_capital(candidate) and named_where(text, mention)),
                )
            )
        results.append(without_governments(resolved, gazetteer))
    return results, uncertain


def _known_object(candidate: PlaceCandidate | None, gazetteer: Gazetteer):
    """An object named after a town that the gazetteer places itself ("the Kursk nuclear
    power plant" lies at Kurchatov): that place, not one at the town."""
    if candidate is None or not candidate.ref.startswith("object:"):
        return candidate
    key = _key(candidate.name)
    known = [
        c
        for c in gazetteer.lookup(candidate.name, loose=False)
        if c.kind == "other" and _key(c.name) == key
    ]
    return known[0] if known else candidate


def _in_list(text: str, mentions: list[Mention], position: int, gazetteer: Gazetteer) -> bool:
    """Whether a settlement is named next to this mention, in one list with it (two capitals
    side by side are two governments: "Moskou en Kyiv geven elkaar de schuld")."""
    mention = mentions[position]
    for other in mentions[max(0, position - 1) : position + 2]:
        if other is mention or not any(
            c.kind == "settlement" and not gazetteer.is_capital(c) for c in other.candidates
        ):
            continue
        first, second = (other, mention) if other.start < mention.start else (mention, other)
        gap = text[first.start + len(first.written) : second.start]
        if LIST_GAP.fullmatch(gap):
            return True
    return False


def resolve_mentions(text, mentions, gazetteer, *, document_anchors=()) -> list[ResolvedPlace]:
    """One section on its own (kept for callers that resolve a single text)."""
    results, _ = resolve_document([(text, mentions)], gazetteer)
    return results[0]
