"""
Capitals that stand for their governments ("Kyiv called on the UN", "Moscow denied") are
not places the update is about; the same capital where something happens ("missiles were
shot down over Kyiv", "200 km south-west of Kyiv") is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from .gazetteer import Gazetteer, Mention
from .geo import distance_km

if TYPE_CHECKING:
    from .resolve import ResolvedPlace

# Words that put something physically at a place: a capital after them is the city, not its
# government ("boven Kyiv", "над Києвом"; not "in Kyiv", where officials also speak).
LOCATIVE_BEFORE = re.compile(
    r"\b(?i:over|above|boven|über|near|nabij|outside|buiten|around|rond|rondom|"
    r"(?:on the )?outskirts of|in de buurt van|bei|nahe|над|біля|поблизу|під|около|возле|под|"
    r"towards?|richting|in Richtung|в напрямку|в направлении)\s+$"
)
# ... and a capital that a distance is measured from is the city: "200 km south-west of
# Kyiv", "за 200 кілометрів на південний захід від Києва".
DISTANCE_BEFORE = re.compile(
    r"(?:\d+\s*(?i:km|kilomet\w*|кілометр\w*|километр\w*)|"
    r"(?i:north|south|east|west|noord|zuid|oost|nördlich|südlich|östlich|westlich|"
    r"півн\w*|півд\w*|схід|східн\w*|захід|західн\w*|север\w*|юг\w*|восток\w*|запад\w*))"
    r"[^.\n]{0,30}?\s(?i:of|van|from|von|від|от)\s+$"
)


# A capital that is attacked is the city: "the attack on Kyiv", "Russia hit Kyiv again",
# "удар по Києву", and "Kiew massiv angegriffen", where the verb comes after the name. (An
# envoy who "arrived in Moscow" came to its government.)
ATTACK_BEFORE = re.compile(
    r"\b(?i:(?:attacks?|strikes?|assaults?|raids?|bombardments?|barrage)\s+(?:on|against)|"
    r"(?:hit|hits|struck|shelled|targeted|bombed|pounded|attacked|attacking|targeting)|"
    r"(?:aanvall?(?:en)?|luchtaanvall?(?:en)?)\s+op|bestookt|bestookte|bestookten|"
    r"bombardeerde|(?:luft)?angriffe?\s+auf|(?:атак[аиуі]|удар[иу]?|обстріл\w*)\s+(?:на|по)|"
    r"атакували|атаковали)"
    r"(?:\s+(?:the\s+)?(?:capital|hoofdstad|Hauptstadt|столиц\w+))?\s+$"
)
# Weapons sent at a capital: "sent dozens of Shaheds at Kyiv", "fired missiles at Kyiv".
LAUNCHED_AT = re.compile(
    r"\b(?i:fired|launched|sent|aimed|hurled|lanceerde|afgevuurd|feuerte|abgefeuert)\b"
    r"[^.!?\n]{0,40}\s(?i:at|op|auf|на|по)\s+$"
)
# A sentence that opens in the capital and tells of a blow there is about the city ("In
# Kyiv a warehouse burned", "In Kiew wurden Drohnen abgeschossen"); "In Moscow, the
# Kremlin said …", "In Moskou groeit de kritiek" are about its government.
OPENS_IN = re.compile(r"(?:^|[.!?]\s+|\n)(?:In|У|В|Im)\s+$")
BLOW = re.compile(
    r"(?i:explosion|blast|burn|fire|drone|missile|rocket|shahed|strike|struck|\bhit\b|killed|"
    r"dead|wounded|injured|damaged|destroyed|debris|shot down|air defen[cs]e|sirens?|"
    r"explosie|ontploff|brand|raket|doden|gewond|beschadigd|neergeschoten|luchtalarm|"
    r"Explosion|Brand|Drohne|Rakete|Tote|Verletzt|beschädigt|abgeschossen|Luftalarm|"
    r"вибух|пожеж|дрон|ракет|загин|поранен|пошкоджен|збит|тривог|взрыв|погиб|ранен|сбит)"
)
# A part of the capital is the city: "Kyiv's Shevchenkivskyi district", "Kyiv's outskirts".
PART_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:\w+\s+){0,2}?(?i:district|suburbs?|outskirts|cent(?:re|er)|metro|streets|"
    r"residents|apartment)\b"
)
ATTACK_AFTER = re.compile(
    r"^(?:\s+\w+){0,2}?\s+(?i:angegriffen|beschossen|bombardiert|attackiert|getroffen|"
    r"aangevallen|bestookt|beschoten|came under (?:attack|fire)|was (?:hit|struck|attacked|"
    r"targeted|shelled))\b"
)


def named_where(text: str, mention: Mention) -> bool:
    """Whether the name follows words that place something there ("over Kyiv", "30 km
    north of Kyiv", "the attack on Kyiv"), or precedes a verb that does
    ("Kiew massiv angegriffen")."""
    end = mention.start + len(mention.written)
    return bool(
        LOCATIVE_BEFORE.search(text, max(0, mention.start - 25), mention.start)
        or DISTANCE_BEFORE.search(text, max(0, mention.start - 60), mention.start)
        or ATTACK_BEFORE.search(text, max(0, mention.start - 40), mention.start)
        or ATTACK_AFTER.match(text[end : end + 40])
        or LAUNCHED_AT.search(text, max(0, mention.start - 60), mention.start)
        or PART_AFTER.match(text[end : end + 40])
        or (
            OPENS_IN.search(text, max(0, mention.start - 6), mention.start)
            and BLOW.search(text[end : end + 100])
        )
    )


def without_governments(resolved: list[ResolvedPlace], gazetteer: Gazetteer):
    """Drop capitals that stand for their government; merge a name told twice."""
    located = [r.candidate for r in resolved if r.candidate and r.candidate.is_located]
    kept: list[ResolvedPlace] = []
    seen: dict[str, int] = {}
    for place in resolved:
        candidate = place.candidate
        if (
            candidate
            and gazetteer.is_capital(candidate)
            and candidate.is_located
            and place.map_number is None
            and not place.as_place
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
            index = seen[place.identity]
            if kept[index].map_number is None and place.map_number is not None:
                kept[index] = replace(kept[index], map_number=place.map_number)
            continue
        seen[place.identity] = len(kept)
        kept.append(place)
    return kept
