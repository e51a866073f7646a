"""
What a name next to a word for a unit or an object stands for: "Azov brigade" and "the
Kupiansk grouping" are units, not places; "the Avdiivka coke plant", "the Kakhovka dam" and
"de kerncentrale van Zaporizja" are objects named after a town, at the town.
"""

import re

from ..text import normalize_name
from .gazetteer import Mention, PlaceCandidate
from .language import LEADING_WORDS

OBJECT = re.compile(
    r"[\s-]+(?P<words>(?:(?:[A-Z][\w-]{0,40}|and|en)\s+){0,3})(?P<object>(?i:nuclear power plant|"
    r"nuclear power station|nuclear plant|thermal power plant|thermal power station|"
    r"coal mine|mine|mijn|power plant|power station|NPP|TPP|CHP|HPP|"
    r"hydroelectric power plant|oil refinery|refinery|chemical plant|"
    r"dam|stuwdam|dam's|kerncentrale|centrale|bridge|brug|reservoir|stuwmeer|airfield|"
    r"airport|vliegveld|luchthaven|steel plant|plant|fabriek|lavra|monastery|klooster))\b"
)
OBJECT_NAMES = {
    "nuclear power plant": "Nuclear Power Plant", "npp": "Nuclear Power Plant",
    "kerncentrale": "Nuclear Power Plant", "power plant": "Power Plant",
    "hydroelectric power plant": "Hydroelectric Power Plant", "centrale": "Power Plant",
    "dam": "Dam", "dam's": "Dam", "stuwdam": "Dam", "bridge": "Bridge", "brug": "Bridge",
    "reservoir": "Reservoir", "stuwmeer": "Reservoir", "airfield": "Airfield",
    "airport": "Airport", "vliegveld": "Airfield", "luchthaven": "Airport",
    "steel plant": "Steel Plant", "plant": "Plant", "fabriek": "Plant", "mine": "Mine",
    "coal mine": "Coal Mine", "mijn": "Mine", "nuclear power station": "Nuclear Power Plant",
    "nuclear plant": "Nuclear Power Plant", "thermal power plant": "Thermal Power Plant",
    "thermal power station": "Thermal Power Plant", "power station": "Power Plant",
    "tpp": "Thermal Power Plant", "chp": "Thermal Power Plant",
    "hpp": "Hydroelectric Power Plant", "oil refinery": "Oil Refinery",
    "refinery": "Oil Refinery", "chemical plant": "Chemical Plant",
    "warmtekrachtcentrale": "Thermal Power Plant", "raffinaderij": "Oil Refinery",
    "raffinerie": "Oil Refinery", "kernkraftwerk": "Nuclear Power Plant",
    "atomkraftwerk": "Nuclear Power Plant", "kraftwerk": "Power Plant", "akw": "Nuclear Power Plant",
    "lavra": "Lavra", "monastery": "Monastery", "klooster": "Monastery",
}  # fmt: skip
# "Azov brigade", "the Khortytsia group": a military unit, not a place.
UNIT_AFTER = re.compile(
    r"[\s-]+(?i:brigade|regiment|battalion|bataljon|corps|korps|group|groep|grouping|"
    r"division|divisie|бригад\w*|полк\w*|батальйон\w*|угруповання)\b"
)
UNIT_BEFORE = re.compile(
    r"(?i:group|groep|grouping|угрупо?ванн?\w*(?: військ)?|группировк\w*(?: войск)?|brigade|"
    r"regiment)\s+[\"'«“]?$|(?-i:ОСУВ|ОТУ|OSUV|OSGT|OTU)\s+[\"'«“]?$"
)
# "de kerncentrale van Zaporizja", "the dam at Nova Kakhovka": the object named before;
# Dutch and German also name it right after the word ("kerncentrale Koersk", "AKW
# Saporischschja").
OBJECT_BEFORE = re.compile(
    r"(?<![\w-])(?P<object>(?i:nuclear power plant|power plant|kerncentrale|warmtekrachtcentrale|"
    r"centrale|raffinaderij|raffinerie|kernkraftwerk|atomkraftwerk|kraftwerk|stuwdam|dam|"
    r"bridge|brug|airfield|airport|vliegveld|luchthaven|reservoir|stuwmeer))\s+"
    r"(?:(?i:van|of|at|near|bij|in)\s+)$"
    r"|(?<![\w-])(?P<germanic>(?i:kerncentrale|kernkraftwerk|atomkraftwerk)|(?-i:AKW))\s+$"
)
# Between two names of one list: "Kyiv (1), Lviv (2)", "Kyiv, Dnipro", "Odesa en Charkiv".


def names_unit(text: str, mention: Mention) -> bool:
    # (Any name a unit takes: "the Dnipro group" is neither the city nor the river.)
    if mention.map_number is not None or all(c.kind == "region" for c in mention.candidates):
        return False
    return bool(
        UNIT_AFTER.match(text, mention.start + len(mention.written))
        or UNIT_BEFORE.search(text[max(0, mention.start - 30) : mention.start])
    )


# "the Antonivskyi bridge near Kherson", "the Zaporizhzhia nuclear plant at Enerhodar": the
# object has its name already; the town after it is where it stands.
NAMED_BEFORE_HEAD = re.compile(r"(?<![\w'’-])(?P<name>[A-ZÀ-ÖØ-ÞА-ЯЁЇІЄҐ][\w'’-]*)\s+$")


def _object_before(text: str, mention: Mention) -> re.Match | None:
    window = text[max(0, mention.start - 40) : mention.start]
    match = OBJECT_BEFORE.search(window)
    if match and match.group("object"):
        before = text[max(0, mention.start - 40 - 60) : mention.start - len(window) + match.start()]
        named = NAMED_BEFORE_HEAD.search(before)
        if named and normalize_name(named.group("name")) not in LEADING_WORDS:
            return None
    return match


def names_object(text: str, mention: Mention) -> bool:
    return bool(
        OBJECT.match(text, mention.start + len(mention.written)) or _object_before(text, mention)
    )


def as_object(text: str, mention: Mention, candidate):
    """ "the Kakhovka dam", "Zaporizhzhia nuclear power plant": a named object, not the town."""
    if candidate is None or candidate.kind != "settlement":
        return candidate
    match = OBJECT.match(text, mention.start + len(mention.written))
    if not match:
        match = _object_before(text, mention)
    if not match:
        return candidate
    head = match.group("object") or match.group("germanic")
    kind_name = OBJECT_NAMES[head.lower()]
    words = (match.groupdict().get("words") or "").split()
    if words:  # "Avdiivka Coke and Chemical Plant"
        kind_name = " ".join([*words, kind_name.split()[-1]])
    # The town's own name, in any spelling ("Tsjernobyl" is Chornobyl); only a part of it
    # ("the Kakhovka dam" at Nova Kakhovka) keeps the name the text gives.
    own = normalize_name(mention.written) in {
        normalize_name(n) for n in (candidate.name, *candidate.aliases)
    } or len(mention.written.split()) == len(candidate.name.split())
    name = f"{candidate.name if own else mention.written} {kind_name}"
    return PlaceCandidate(
        ref=f"object:{normalize_name(name).replace(' ', '-')}",
        name=name,
        kind="other",
        country=candidate.country,
        region=candidate.region,
        latitude=candidate.latitude,
        longitude=candidate.longitude,
        precision="approximate",
        aliases=(f"{mention.written} {head}",),
    )
