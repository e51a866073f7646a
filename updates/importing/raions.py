"""
Ukraine's raions (the districts of an oblast) named in running text: "Нікопольський район",
"Нікопольського району", "the Nikopol district", "Pokrovsk Raion". A raion is a region of
its own (it names no settlement), found by its KATOTTG name in the gazetteer; it says where
a place lies no more than a border does, so it is no region hint for the names around it.
"""

import re
from functools import cache

from ..text import normalize_name
from .gazetteer import Gazetteer, Mention, PlaceCandidate
from .objects import WORD
from .regions import REGION_WORDS, holds_any
from .romanize import romanize

RAION_QUALIFIER = "raion"
RAION_REF = "raion:"
# A district named by its adjective: "Нікопольський район", "у Покровському районі",
# "Харьковского района", "Покровського та Нікопольського районів". (A Russian district,
# "в Приволжском районе", is no raion, yet no town of that stem either: see mentions.py.)
DISTRICT_ADJECTIVE = re.compile(
    r"(?P<name>[А-ЯІЇЄҐ][\w'’-]{2,40}?(?:ськ|ск|зьк|цьк|цк)(?:ому|ом|ій|ой|ий|ого|их|ім|им|ая))"
    r"(?:\s+(?:та|и|і|й)\s+(?P<second>[А-ЯІЇЄҐ][\w'’-]{2,40}))?\s+район\w*"
)
# "the Nikopol district", "Pokrovsk Raion", "Nikopolskyi raion", "het district Kupiansk".
NAMED_RAION = re.compile(
    rf"(?P<name>{WORD})[ -](?i:raion|rayon|district)\b"
    rf"|(?<![\w-])(?i:district|raion|rayon)\s+(?P<after>{WORD})"
)
# A raion's adjective without its ending: "nikopolsk" for Nikopolskyi, Нікопольського.
_ENDING = re.compile(r"(?:yi|iy|oho|omu|im|ym|oi|om|aia|a)$")


@cache
def _raions(gazetteer: Gazetteer) -> dict[str, PlaceCandidate]:
    """Each raion of Ukraine by its adjective's stem and by its centre's name."""
    names = sorted({(c.region, c.raion) for cs in gazetteer.index.values() for c in cs if c.raion})
    stems: dict[str, list[PlaceCandidate]] = {}
    for oblast, raion in names:
        adjective = raion.removesuffix(" Raion")
        stem = _ENDING.sub("", normalize_name(adjective))
        candidate = PlaceCandidate(
            ref=f"{RAION_REF}{normalize_name(oblast).replace(' ', '-')}:{stem}",
            name=raion,
            kind="region",
            country="UA",
            region=oblast,
            aliases=(f"{adjective} district",),
        )
        # "nikopolsk" from the adjective; "nikopol" as the centre's name ("Nikopol district").
        for key in {stem, re.sub(r"(?:ts|s|z)k$", "", stem), re.sub(r"k$", "", stem)}:
            stems.setdefault(key, []).append(candidate)
    # A stem two oblasts' raions share names neither.
    return {key: found[0] for key, found in stems.items() if len(found) == 1}


def _raion(gazetteer: Gazetteer, written: str) -> PlaceCandidate | None:
    latin = romanize(written) if written[:1] >= "А" else written
    key = _ENDING.sub("", normalize_name(latin))
    raions = _raions(gazetteer)
    if key in raions:
        return raions[key]
    # The raion named after its centre, whose adjective changes a vowel: "district
    # Synelnykove" is Synelnykivskyi, "Polohy district" Polohivskyi.
    centre = key[: max(4, len(key) - 3)] if len(key) >= 5 else None
    for town in gazetteer.lookup(written, loose=False) if centre else ():
        adjective = normalize_name((town.raion or "").removesuffix(" Raion"))
        if town.kind == "settlement" and adjective.startswith(centre):
            return raions.get(_ENDING.sub("", adjective))
    return None


RAION_WORDS = ("raion", "rayon", "district")


def find_raion_mentions(text: str, gazetteer: Gazetteer, free, taken) -> list[Mention]:
    """The raions ``text`` names; ``taken`` grows by every span they cover."""
    mentions: list[Mention] = []
    matches = list(DISTRICT_ADJECTIVE.finditer(text)) if "район" in text else []
    if holds_any(text.lower(), RAION_WORDS):
        matches += NAMED_RAION.finditer(text)
    for match in matches:
        named = [
            (match.span(group), match.group(group))
            for group in ("name", "second", "after")
            if group in match.re.groupindex and match.group(group)
        ]
        found = [
            Mention(written=name, start=span[0], candidates=[raion], qualifier=RAION_QUALIFIER)
            for span, name in named
            if (raion := _raion(gazetteer, name)) is not None
            and free(*span)
            and not _city_district(text, match.span(), name, gazetteer)
        ]
        if found:
            mentions += found
            taken.append(match.span())
    return mentions


# A city's district bears a raion's name ("the Dniprovskyi district" of Kherson,
# "Шевченківський район Харкова"): an adjective before "district", or a city after.
_ADJECTIVE = re.compile(r"(?i)(?:skyi|skiy|sky|ska|ske|tskyi|zkyi)$")
_NEXT_WORD = re.compile(r"\s+(?:(?i:of|van|von|in|у|в)\s+)?(?P<word>[A-ZА-ЯІЇЄҐ][\w'’-]+)")
REGION_AFTER_WORD = re.compile(rf"[\s-]+{REGION_WORDS}")
CITY = 100_000


# "м. Херсон — удари по Корабельному та Дніпровському районах": a city just before.
_CITY_BEFORE = re.compile(r"(?:\bм\.|\bмісто|\bгород|\bг\.)\s*(?P<word>[А-ЯІЇЄҐ][\w'’-]+)")


def _city_district(text: str, span: tuple[int, int], name: str, gazetteer: Gazetteer) -> bool:
    line_start = text.rfind("\n", 0, span[0]) + 1
    for city in _CITY_BEFORE.finditer(text, max(line_start, span[0] - 60), span[0]):
        if any(c.kind == "settlement" for c in gazetteer.lookup(city.group("word"))):
            return True  # "м." says it is a city
    words = text[span[0] : span[1]].lower()
    if _ADJECTIVE.search(name) and "district" in words:
        # Unless a town bears the name: the Bilhorod-Dnistrovskyi district is its raion.
        return not any(
            c.kind == "settlement" and normalize_name(c.name) == normalize_name(name)
            for c in gazetteer.lookup(name, loose=False)
        )
    following = _NEXT_WORD.match(text, span[1])
    if following and REGION_AFTER_WORD.match(text, following.end()):
        return False  # "… district of Donetsk Oblast": the oblast, not the city
    return bool(following) and any(
        c.kind == "settlement" and c.population >= CITY
        for c in gazetteer.lookup(following.group("word"))
    )


def in_hinted_region(candidate: PlaceCandidate, hint: PlaceCandidate) -> bool:
    """Whether a place lies in the oblast, or the raion, named beside it."""
    if hint.ref.startswith(RAION_REF):
        return candidate.region == hint.region and candidate.raion == hint.name
    return candidate.region == hint.name
