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
from .regions import REGION_WORDS
from .romanize import romanize

RAION_QUALIFIER = "raion"
# "Нікопольський район", "у Покровському районі", "Харьковского района".
ADJECTIVE_RAION = re.compile(
    r"(?P<name>[А-ЯІЇЄҐ][\w'’-]{2,40}?(?:ськ|ск|зьк|цьк|цк)(?:ий|ого|ому|ім|им|ой|ом|ая))"
    r"\s+район\w*"
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
            ref=f"raion:{normalize_name(oblast).replace(' ', '-')}:{stem}",
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
    return _raions(gazetteer).get(key)


def find_raion_mentions(text: str, gazetteer: Gazetteer, free, taken) -> list[Mention]:
    """The raions ``text`` names; ``taken`` grows by every span they cover."""
    mentions: list[Mention] = []
    found = []
    if "район" in text:
        found += [
            (m.span(), m.span("name"), m.group("name")) for m in ADJECTIVE_RAION.finditer(text)
        ]
    if re.search(r"(?i)raion|rayon|district", text):
        for match in NAMED_RAION.finditer(text):
            group = "name" if match.group("name") else "after"
            found.append((match.span(), match.span(group), match.group(group)))
    for span, name_span, name in found:
        raion = _raion(gazetteer, name)
        if raion is None or not free(*name_span) or _city_district(text, span, name, gazetteer):
            continue
        mentions.append(
            Mention(written=name, start=name_span[0], candidates=[raion], qualifier=RAION_QUALIFIER)
        )
        taken.append(span)
    return mentions


# A city's district bears a raion's name ("the Dniprovskyi district" of Kherson,
# "Шевченківський район Харкова"): an adjective before "district", or a city after.
_ADJECTIVE = re.compile(r"(?i)(?:skyi|skiy|sky|ska|ske|tskyi|zkyi)$")
_NEXT_WORD = re.compile(r"\s+(?:(?i:of|van|von|in|у|в)\s+)?(?P<word>[A-ZА-ЯІЇЄҐ][\w'’-]+)")
REGION_AFTER_WORD = re.compile(rf"[\s-]+{REGION_WORDS}")
CITY = 100_000


def _city_district(text: str, span: tuple[int, int], name: str, gazetteer: Gazetteer) -> bool:
    words = text[span[0] : span[1]].lower()
    if _ADJECTIVE.search(name) and "district" in words:
        return True
    following = _NEXT_WORD.match(text, span[1])
    if following and REGION_AFTER_WORD.match(text, following.end()):
        return False  # "… district of Donetsk Oblast": the oblast, not the city
    return bool(following) and any(
        c.kind == "settlement" and c.population >= CITY
        for c in gazetteer.lookup(following.group("word"))
    )
