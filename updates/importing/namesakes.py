"""
Namesakes a text rules out: "Lyman (1) … not the village of Lyman in the Kharkiv region",
"Berdychi, not the city of Berdychiv", "не плутати з однойменним селом". Such a mention is
no place the text reports on, and the region named beside it ("in the Kharkiv region")
says where the namesake lies, not where the text's places do.
"""

import re

from .gazetteer import Mention
from .raions import in_hinted_region

NEGATION_WORD = re.compile(r"\b(?i:not|niet|niets|nicht|nichts|nothing|не|ні)\b")

# "this Kamianske is a village in Zaporizhia Oblast, not the city of Kamianske in
# Dnipropetrovsk Oblast", "niet om het dorp Lyman in de regio Charkiv", "heeft niets te
# maken met de grote mijnstad Makiivka": the namesake the text rules out is not linked.
# Between the negation and the name only articles, a few adjectives and a word for a
# settlement may stand, so "has not taken Avdiivka" still names Avdiivka.
_RULED_OUT = (
    r"not|niet|nicht|не|ні|"
    r"(?:not|niet|nicht)\s+(?:(?:to\s+)?be\s+confused|te\s+verwarren|zu\s+verwechseln)\s+"
    r"(?:with|met|mit)|"
    r"не\s+(?:(?:слід|треба|варто|следует|нужно)\s+)?(?:путать|плутати|сплутати)\s+(?:с|з|із)"
)
# "has nothing to do with the city of Zaporizhzhia": a place told apart, yet named.
_UNRELATED = (
    r"nothing\s+to\s+do\s+with|niets\s+te\s+maken\s+(?:heeft\s+)?met|"
    r"nichts\s+zu\s+tun\s+(?:hat\s+)?mit"
)
_RULED_OUT_FILLER = (
    r"the|a|an|de|het|een|die|der|das|den|dem|ein|eine|einem|einen|om|about|with|met|mit|"
    r"larger|bigger|smaller|other|big|large|small|old|former|namesake|same-named|district|"
    r"regional|raion|provincial|county|"
    r"similarly\s+named|identically\s+named|homonymous|mining|industrial|"
    r"grote|kleine|grotere|kleinere|andere|gelijknamige|oude|voormalige|"
    r"gr(?:o|ö)(?:ß|ss)e[nm]?|kleinere[nm]?|kleine[nm]?|andere[nm]?|gleichnamige[nm]?|"
    r"однойменн\w*|одноименн\w*|велик\w*|друг\w*|інш\w*|"
    r"\w*(?:city|town|village|settlement|hamlet|stad|stadje|dorp|dorpje|plaats|gehucht|"
    r"stadt|dorf|ort|ortschaft|місто|містом|село|селом|селище|селищем|город|городом|"
    r"пос[её]лок|пос[её]лком|деревн\w*)(?:\s+(?:of|van|von))?"
)
NEGATED = re.compile(rf"\b(?i:{_RULED_OUT})\s+(?i:(?:{_RULED_OUT_FILLER})\s+){{0,4}}$")
UNRELATED = re.compile(rf"\b(?i:{_UNRELATED})\s+(?i:(?:{_RULED_OUT_FILLER})\s+){{0,4}}$")
# What stands between a ruled-out namesake and the region it lies in.
NAMESAKE_REGION_GAP = re.compile(
    r"(?:\s*\(\d{1,2}\))?\s*,?\s*(?i:in|im|in de|in het|in the|near|bij|у|в|на|\()?\s*"
    r"(?i:the\s+|de\s+|het\s+|der\s+|dem\s+)?"
)
# "not the city of Berdychiv", "de grote mijnstad Makiivka": the namesake is a city.
CITY_WORD = re.compile(r"(?i:city|stad\b|mijnstad|stadt|місто|город)")
CITY_SIZE = 20_000
# The qualifier of such a region: it is a place named, but a hint to no other mention.
NAMESAKES_REGION = "namesake's"


def without_ruled_out(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions but the namesakes the text rules out: "Lyman (1) … not the village of
    Lyman in the Kharkiv region", "Berdychi, not the city of Berdychiv". A place said to
    have nothing to do with another is dropped only when that other is the same name told
    again ("this Makiivka has nothing to do with the mining city Makiivka"); else it is a
    place named too ("Zaporizke has nothing to do with the city of Zaporizhzhia, 100 km
    to the west"). What the text says of a namesake (its region, that it is a city) takes
    those places from the other mentions of its name."""
    ruled_out: dict[int, re.Match] = {}
    unrelated: dict[int, re.Match] = {}
    for index, mention in enumerate(mentions):
        before = max(0, mention.start - 60)
        if found := NEGATED.search(text, before, mention.start):
            ruled_out[index] = found
        elif found := UNRELATED.search(text, before, mention.start):
            unrelated[index] = found
    if not ruled_out and not unrelated:
        return mentions
    kept = [m for i, m in enumerate(mentions) if i not in ruled_out and i not in unrelated]
    told = {c.ref for m in kept for c in m.candidates}
    for index, found in unrelated.items():
        if told & {c.ref for c in mentions[index].candidates}:
            ruled_out[index] = found
    for index, found in ruled_out.items():
        namesake = mentions[index]
        region = _region_after(text, namesake, mentions[index + 1 :])
        excluded = {
            c.ref
            for c in namesake.candidates
            if (region is not None and in_hinted_region(c, region))
            or (CITY_WORD.search(found.group(0)) and c.population >= CITY_SIZE)
        }
        for mention in kept:
            if excluded & {c.ref for c in mention.candidates}:
                remaining = [c for c in mention.candidates if c.ref not in excluded]
                mention.candidates = remaining or mention.candidates
    return [m for i, m in enumerate(mentions) if i not in ruled_out]


def _region_after(text: str, namesake: Mention, following: list[Mention]):
    """The region named right after a ruled-out namesake ("… Lyman in the Kharkiv region"):
    marked as no hint to other mentions, and returned."""
    end = namesake.start + len(namesake.written)
    after = following[0] if following else None
    if (
        after is None
        or not after.candidates
        or after.candidates[0].kind != "region"
        or not NAMESAKE_REGION_GAP.fullmatch(text, end, after.start)
    ):
        return None
    if not after.qualifier:
        after.qualifier = NAMESAKES_REGION
    return after.candidates[0]
