"""
Things named after towns that are not the towns: ships ("the landing ship
Novocherkassk", "het landingsschip Novotsjerkassk", "крейсер «Москва»"), water and land
("the Kerch Strait", "de Straat van Kertsj", "Cape Tarkhankut", "мис Тарханкут"), rivers
a phrase names as rivers ("the bridge over the Desna", "міст через Інгулець", "de
westoever van de Dnipro") and bridges named by a town's adjective ("the Antonivskyi
bridge", "de Antonivskyi-brug", "Антонівський міст"). Each is recognized by its head
noun, in English, Dutch, German, Ukrainian and Russian.
"""

import re
from functools import cache

from ..text import normalize_name
from .gazetteer import Gazetteer, Mention, PlaceCandidate
from .language import LEADING_WORDS
from .romanize import romanize

# A capitalized word of a name (every name pattern here and in mentions is built of it), of
# at most 40 letters and 5 hyphens (the gazetteer's longest: 28 and 3): unbounded, every
# pattern that starts with a word read a long hyphenated or apostrophed run to its end from
# each of its capitals (a 96 KB one took minutes).
WORD = r"[A-ZÀ-ÖØ-ÞА-ЯЁЇІЄҐ][\w'’]{0,39}(?:-[\w'’]{1,40}){0,5}"
QUOTE = r"[\"'«“„]?"
# A vessel's name is no place: "the submarine Rostov-on-Don", "das Kriegsschiff Saratow".
VESSEL = re.compile(
    r"(?<![\w-])(?i:(?:landing\s+|amphibious\s+|war|patrol\s+|missile\s+)?ship|submarine|cruiser|"
    r"frigate|corvette|flagship|vessel|tanker|landingsschip|oorlogsschip|schip|"
    r"onderzeeër|onderzeeboot|kruiser|fregat|korvet|(?:landungs|kriegs)?schiff|u-boot|"
    r"kreuzer|fregatte|korvette|корабель|корабля|кораблі|крейсер\w*|фрегат\w*|"
    r"підводн\w+\s+чов[е]?н\w*|субмарин\w*|корабл\w*|подводн\w+\s+лодк\w*)"
    # "корабель Чорноморського флоту Росії «Новочеркаськ»": its name quoted a few words on.
    r"(?:(?:\s+[\w'’-]+){0,4}?\s+[«“„\"](?P<quoted>[^»”“\"\n]{2,40})[»”“\"]"
    rf"|\s+{QUOTE}(?P<name>{WORD}(?:\s+{WORD}){{0,2}}))"
)
# A fleet named after its sea or base is a unit: "the Black Sea Fleet", "Чорноморського флоту".
FLEET = re.compile(
    rf"(?P<name>{WORD}(?:\s+{WORD})?)\s+(?i:fleet|vloot|flotte|флот|флоту|флота|флотом|флоті|флоте)\b"
)
# Water and land named after a town, with the English head noun each is known by.
LANDFORMS = {
    "strait": "Strait", "straat": "Strait", "straße": "Strait", "strasse": "Strait",
    "meerenge": "Strait", "протока": "Strait", "протоки": "Strait", "проливе": "Strait",
    "пролив": "Strait", "пролива": "Strait", "cape": "Cape", "kaap": "Cape", "kap": "Cape",
    "мис": "Cape", "мису": "Cape", "мыс": "Cape", "мысе": "Cape", "bay": "Bay", "baai": "Bay",
    "bucht": "Bay", "затока": "Bay", "затоці": "Bay", "залив": "Bay", "заливе": "Bay",
    "gulf": "Gulf", "golf": "Gulf", "island": "Island", "eiland": "Island", "insel": "Island",
    "острів": "Island", "острові": "Island", "остров": "Island", "острове": "Island",
    "spit": "Spit", "landtong": "Spit", "коса": "Spit", "косі": "Spit", "lagoon": "Lagoon",
    "lagune": "Lagoon", "лиман": "Lagoon", "лимані": "Lagoon", "peninsula": "Peninsula",
    "schiereiland": "Peninsula", "halbinsel": "Peninsula", "півострів": "Peninsula",
    "півострова": "Peninsula", "півострові": "Peninsula", "полуостров": "Peninsula",
    "полуострова": "Peninsula", "полуострове": "Peninsula",
    # "der Stausee Kachowka", "het stuwmeer van Kachovka", "Каховське водосховище".
    "reservoir": "Reservoir", "stausee": "Reservoir", "stuwmeer": "Reservoir",
    "водосховище": "Reservoir", "водосховища": "Reservoir", "водохранилище": "Reservoir",
    "водохранилища": "Reservoir",
}  # fmt: skip
_LANDFORM = "|".join(sorted(LANDFORMS, key=len, reverse=True))
LANDFORM_BEFORE = re.compile(
    rf"(?<![\w-])(?P<head>(?i:{_LANDFORM}))\s+(?:(?i:of|van|von|der|des)\s+)?"
    rf"(?P<name>{WORD})"
)
LANDFORM_AFTER = re.compile(rf"(?P<name>{WORD})[\s-](?P<head>(?i:{_LANDFORM}))\b")
# A river a phrase names as one: "the bridge over the Desna", "de westoever van de Dnipro",
# "міст через Інгулець", "правого берега Дніпра", "the Oskil River", "de rivier de Mokri Yaly".
RIVER_PHRASE = re.compile(
    r"(?<![\w-])(?:(?i:bridge|brug|brücke|міст|мости|мост)\s+(?i:over|across|über|через)\s+|"
    r"(?i:bank|oever|ufer|берег\w*|берез\w*)\s+(?i:of|van|der|des)?\s*|"
    r"(?i:river|rivier|fluss|річк[аиуі]|рік[аиу]|рек[аиеу])\s+)"
    r"(?:(?i:the|de|die|den|dem)\s+)?"
    rf"(?P<name>{WORD}(?:\s+{WORD})?)|(?P<before>{WORD}(?:\s+{WORD})?)\s+(?i:river|rivier)\b"
)
# "the Antonivskyi bridge", "de Antonivskyi-brug", "Антонівський міст", "Krim-Brücke".
BRIDGES = {
    "bridge": "Bridge", "brug": "Bridge", "brücke": "Bridge", "міст": "Bridge",
    "мосту": "Bridge", "мост": "Bridge", "dam": "Dam", "stuwdam": "Dam", "damm": "Dam",
    "staudamm": "Dam", "гребля": "Dam", "греблю": "Dam", "дамба": "Dam", "airfield": "Airfield",
    "vliegveld": "Airfield", "flugplatz": "Airfield", "аеродром": "Airfield",
    "reservoir": "Reservoir", "stuwmeer": "Reservoir", "stausee": "Reservoir",
    # "das Dnipro-Wasserkraftwerk", "de Zaporizja-kerncentrale", "die Raffinerie".
    "wasserkraftwerk": "Hydroelectric Power Plant", "kraftwerk": "Power Plant",
    "kernkraftwerk": "Nuclear Power Plant", "atomkraftwerk": "Nuclear Power Plant",
    "akw": "Nuclear Power Plant", "waterkrachtcentrale": "Hydroelectric Power Plant",
    "kerncentrale": "Nuclear Power Plant", "krachtcentrale": "Power Plant",
    "centrale": "Power Plant", "raffinaderij": "Refinery", "raffinerie": "Refinery",
    "refinery": "Refinery", "водосховище": "Reservoir", "водосховища": "Reservoir",
    "водохранилище": "Reservoir", "водохранилища": "Reservoir",
}  # fmt: skip
_BRIDGE = "|".join(sorted(BRIDGES, key=len, reverse=True))
ADJECTIVE_OBJECT = re.compile(
    r"(?P<name>(?P<base>[A-ZА-ЯІЇЄҐ][\w'’]{1,40}?)(?:s'?kyi|skiy|sky|ska|ske|ський|ська|ське|"
    r"ського|ському|ский|ского|ском))"
    rf"[\s-](?P<head>(?i:{_BRIDGE}))\b"
)
# "de Kachovka-stuwdam", "die Krim-Brücke": a town's (or region's) name joined to the head.
NAME_OBJECT = re.compile(rf"(?P<name>{WORD})-(?P<head>(?i:{_BRIDGE}))\b")

# "het Sofijivka-park", "das Gorki-Park", "Azovstal-fabriek": a town's name joined to a
# place of its own (a park, a square, a station, a works) names that place, not the town.
FACILITIES = (
    "park", "parks", "plein", "straat", "laan", "station", "bahnhof", "platz", "straße",
    "strasse", "kerk", "kirche", "kathedraal", "kathedrale", "stadion", "museum", "markt",
    "ziekenhuis", "krankenhaus", "hospital", "fabriek", "fabrik", "werk", "werke", "haven",
    "hafen", "luchthaven", "flughafen", "airport", "square", "street", "avenue", "cathedral",
    "stadium", "market", "theater", "theatre", "hotel", "mall", "school", "universiteit",
    "universität", "university", "monument", "denkmal", "memorial", "gedenkteken", "palast",
    "paleis", "palace", "tower", "toren", "turm", "центр", "парк", "вокзал", "площа",
    "площадь", "вулиця", "улица",
)  # fmt: skip
FACILITY = re.compile(rf"(?P<name>{WORD})[-‑](?P<head>(?i:{'|'.join(FACILITIES)}))\b")
# A map's number right after an object's name (or after "air base" and the like).
MAP_NUMBER_AFTER = re.compile(r"(?:[\s-]+(?i:air\s*base|airbase))?\s*\((\d{1,3})\)")
# Seas: named by an adjective ("the Black Sea", "Чорного моря"), never after a town, except
# those the gazetteer holds ("Sea of Azov").
# (Capitalized in Latin script: "Bakhmut meer dan" is Dutch for "Bakhmut more than".)
SEAS = ("sea", "zee", "meer", "мор")
SEA = re.compile(
    rf"(?P<name>{WORD})\s+(?P<head>Sea|Zee|Meer|мор(?:е|я|і|ем|ю))\b"
    rf"|(?<![\w-])(?:Sea\s+of|Zee\s+van|Meer\s+von)\s+(?P<of>{WORD})"
)

# "the Belaya air base", "vliegbasis Olenja", "аеродром Бельбек": a base named after a place
# is the base; it lies at that place only when the place is a town (a village of the same
# name elsewhere is no clue).
AIR_BASE = re.compile(
    rf"(?P<name>{WORD})[\s-](?i:air\s*base|airbase)\b"
    rf"|(?<![\w-])(?i:vliegbasis|luchtmachtbasis|fliegerhorst|luftwaffenstützpunkt|"
    rf"militärflugplatz|авіабаз[аиуі]|авиабаз[аыуе]|аеродром[іу]?|аэродром[еау]?)\s+"
    rf"{QUOTE}(?P<before>{WORD}){QUOTE}"
)
AIR_BASE_WORDS = (
    "air",
    "base",
    "vliegbasis",
    "luchtmachtbasis",
    "flieger",
    "luftwaffe",
    "militärflug",
    "авіабаз",
    "авиабаз",
    "аеродром",
    "аэродром",
)
AIR_BASE_TOWN = 10_000

ARTICLE_NAME = re.compile(
    rf"(?<![\w-])(?:the|de|het|die|der|den)\s+(?P<name>{WORD})(?![\w-])"
    # "the Engels airbase", "de Saratov-regio": the town's, not a ship.
    r"(?!\s+(?i:air\s*base|airbase|airfield|refinery|plant|port|terminal|depot|base|oblast|"
    r"region|area|district|direction|front|bridge|vliegbasis|vliegveld|raffinaderij|haven|"
    r"regio|richting|luchtmachtbasis|flugplatz|raffinerie|hafen)\b)"
)
SHIP_WINDOW = 300  # characters after a vessel word where "de Saratov" is still the ship

# Words one of the patterns needs, to skip the patterns on text without any (most text).
VESSEL_WORDS = (
    "ship", "submarine", "cruiser", "frigate", "corvette", "vessel", "tanker", "schip",
    "onderzee", "kruiser", "fregat", "korvet", "schiff", "u-boot", "kreuzer", "корабл",
    "корабел", "крейсер", "фрегат", "човн", "чове", "субмарин", "лодк",
)  # fmt: skip
FLEET_WORDS = ("fleet", "vloot", "flotte", "флот")
RIVER_WORDS = (
    "bridge", "brug", "brücke", "міст", "мост", "bank", "oever", "ufer", "берег", "берез",
    "river", "rivier", "fluss", "річк", "рік", "рек",
)  # fmt: skip


@cache
def _words(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(word) for word in words))


@cache
def _triggers() -> tuple[str, ...]:
    """Every word a pattern below needs."""
    words = {*VESSEL_WORDS, *LANDFORMS, *RIVER_WORDS, *BRIDGES, *FLEET_WORDS}
    words |= {*AIR_BASE_WORDS, *SEAS, *FACILITIES}
    return tuple(sorted(words))


def _found_words(lowered: str) -> set[str]:
    # One substring test a word: four times faster than one alternation of all of them
    # (Python's regex engine tries every word at every position that may start one).
    return {word for word in _triggers() if word in lowered}


def _names_any(found: set[str], words) -> bool:
    return not found.isdisjoint(words)


def object_candidate(
    name: str, kind: str, *, near: PlaceCandidate | None, written: str
) -> PlaceCandidate:
    return PlaceCandidate(
        ref=f"object:{normalize_name(name).replace(' ', '-')}",
        name=name,
        kind=kind,
        country=near.country if near else "",
        region=near.region if near else "",
        latitude=near.latitude if near else None,
        longitude=near.longitude if near else None,
        precision="approximate",
        aliases=(written,),
    )


def _settlement(gazetteer: Gazetteer, name: str) -> PlaceCandidate | None:
    towns = [c for c in gazetteer.lookup(name) if c.kind == "settlement" and c.is_located]
    return max(towns, key=lambda c: c.population) if towns else None


def known_objects(gazetteer: Gazetteer, phrase: str, kinds: set[str]) -> list[PlaceCandidate]:
    return [c for c in gazetteer.lookup(phrase, loose=False) if c.kind in kinds]


def find_object_mentions(text: str, gazetteer: Gazetteer, free, taken: list) -> list[Mention]:
    """Mentions of objects named after places; ``taken`` grows by every span they cover."""
    mentions: list[Mention] = []

    def add(span, written, candidates):
        # An object the map numbers: "De Tsjonhar-brug (1)", "the Saky air base (1)".
        numbered = MAP_NUMBER_AFTER.match(text, span[1])
        if numbered and candidates:
            span = (span[0], numbered.end())
        if candidates:
            mentions.append(
                Mention(
                    written=written,
                    start=span[0],
                    candidates=candidates,
                    map_number=int(numbered.group(1)) if numbered else None,
                )
            )
        taken.append(span)

    lowered = text.lower()
    # The pattern words the text holds: most texts hold none, and skip every pattern.
    found = _found_words(lowered)
    has_vessels = _names_any(found, VESSEL_WORDS)
    vessels = VESSEL.finditer(text) if has_vessels else ()
    landforms = (LANDFORM_BEFORE, LANDFORM_AFTER) if _names_any(found, LANDFORMS) else ()
    rivers = RIVER_PHRASE.finditer(text) if _names_any(found, RIVER_WORDS) else ()
    objects = _names_any(found, BRIDGES)
    for match in FLEET.finditer(text) if _names_any(found, FLEET_WORDS) else ():
        if free(*match.span("name")):
            add(match.span("name"), match.group("name"), [])
    ships = set()
    for match in vessels:
        group = "name" if match.group("name") else "quoted"
        ships.add(match.group(group))
        if free(*match.span(group)):
            add(match.span(group), match.group(group), [])
    # Near a vessel word, a Russian town with an article is a ship too: "een landingsschip
    # … de Orsk, maar het blijkt om de Saratov te gaan" (towns take no article).
    for vessel_word in _words(VESSEL_WORDS).finditer(lowered) if has_vessels else ():
        window = vessel_word.end(), vessel_word.end() + SHIP_WINDOW
        for match in ARTICLE_NAME.finditer(text, *window):
            span, name = match.span("name"), match.group("name")
            towns = [c for c in gazetteer.lookup(name) if c.kind == "settlement"]
            if free(*span) and towns and all(c.country not in ("", "UA") for c in towns):
                add(span, name, [])
    # A ship's name quoted again on its own ("«Новочеркаськ» більше не загрожує") is the ship.
    for ship in ships:
        for match in re.finditer(rf"[«“„\"]{re.escape(ship)}[»”“\"]", text):
            if free(match.start() + 1, match.end() - 1):
                add((match.start() + 1, match.end() - 1), ship, [])
    for match in AIR_BASE.finditer(text) if _names_any(found, AIR_BASE_WORDS) else ():
        group = "name" if match.group("name") else "before"
        if not free(*match.span(group)):
            continue
        name = match.group(group)
        if normalize_name(name) in LEADING_WORDS:
            continue  # "the Russian air base at Dzhankoi"
        town = _settlement(gazetteer, name)
        near = (
            town
            if town is not None
            and town.population >= AIR_BASE_TOWN
            and gazetteer.is_primary(name, town)
            else None
        )
        label = romanize(name) if name[0] >= "А" else name
        add(
            match.span(group),
            name,
            [
                object_candidate(
                    f"{near.name if near else label} Air Base", "other", near=near, written=name
                )
            ],
        )
    for match in SEA.finditer(text) if _names_any(found, SEAS) else ():
        if free(*match.span()):
            add(match.span(), match.group(0), known_objects(gazetteer, match.group(0), {"other"}))
    for match in FACILITY.finditer(text) if _names_any(found, FACILITIES) else ():
        if free(*match.span()):
            add(match.span(), match.group(0), known_objects(gazetteer, match.group(0), {"other"}))
    for pattern in landforms:
        for match in pattern.finditer(text):
            if not free(*match.span()):
                continue
            if known := known_objects(gazetteer, match.group(0), {"other", "river", "region"}):
                add(match.span(), match.group(0), known)
                continue
            town = _settlement(gazetteer, match.group("name"))
            if town is None:
                continue
            head = LANDFORMS[match.group("head").lower()]
            name = f"{head} {town.name}" if head == "Cape" else f"{town.name} {head}"
            add(
                match.span(),
                match.group(0),
                [object_candidate(name, "other", near=town, written=match.group(0))],
            )
    for match in rivers:
        group = "name" if match.group("name") else "before"
        span, name = match.span(group), match.group(group)
        if not free(*span):
            continue
        rivers = known_objects(gazetteer, name, {"river"}) or [
            c for c in gazetteer.lookup(name) if c.kind == "river"
        ]
        if not rivers and gazetteer.lookup(name):
            # A river the gazetteer does not hold, named like a town on its banks.
            rivers = [object_candidate(f"{name} River", "river", near=None, written=name)]
        if rivers:
            add(span, name, rivers)
    for match in NAME_OBJECT.finditer(text) if objects else ():
        if not free(*match.span()):
            continue
        if known := known_objects(gazetteer, match.group(0), {"other"}):
            add(match.span(), match.group(0), known)
        elif town := _settlement(gazetteer, match.group("name")):
            name = f"{town.name} {BRIDGES[match.group('head').lower()]}"
            add(
                match.span(),
                match.group(0),
                [object_candidate(name, "other", near=town, written=match.group(0))],
            )
    for match in ADJECTIVE_OBJECT.finditer(text) if objects else ():
        if not free(*match.span()):
            continue
        if known := known_objects(gazetteer, match.group(0), {"other"}):
            add(match.span(), match.group(0), known)
            continue
        base = match.group("base")
        town = next(
            (
                t
                for stem in (f"{base}ka", f"{base}ка", f"{base}e", base)
                if (t := _settlement(gazetteer, stem))
            ),
            None,
        )
        adjective = romanize(match.group("name")) if base[0] >= "А" else match.group("name")
        head = BRIDGES[match.group("head").lower()]
        # A reservoir goes by its town in English ("Kakhovka Reservoir", whatever the case
        # of "Каховського водосховища"); a bridge by its adjective ("Antonivskyi Bridge").
        name = f"{town.name} {head}" if town and head == "Reservoir" else f"{adjective} {head}"
        add(
            match.span(),
            match.group(0),
            [object_candidate(name, "other", near=town, written=match.group(0))],
        )
    return mentions
