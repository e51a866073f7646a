"""
Regions named in running text: "Donetsk region", "regio Charkiv", "provincie Donetsk",
"Zaporizhia Oblast", "des Gebiets Belgorod", "Луганська область", an oblast's nickname
("на Донеччині"), lists under a plural ("Bryansk and Kursk regions") and a region's border
("the Dnipropetrovsk border", "the Sumy–Kursk border").
"""

import re

from ..text import normalize_name
from .gazetteer import Gazetteer, Mention
from .language import LEADING_WORDS
from .nicknames import NICKNAME_KEYS
from .objects import WORD

REGION_WORDS = (
    r"(?i:oblasts?|oblast'|regions?|provinces?|provincie|regio|gebied|область|області|"
    r"областю|области|областью|обл\.)"
)
# A qualifier may stand between the name and the noun: "the Kursk border region",
# "de Belgorodse grensregio", "the Bryansk and Kursk border regions".
_QUALIFIER = r"(?:(?i:border|frontier|front-?line|grens|Grenz|прикордонн\w+|приграничн\w+)[ -]?)?"
REGION_AFTER = re.compile(
    rf"(?P<name>{WORD}(?:[ -]{WORD})?)[ -]{_QUALIFIER}(?P<word>{REGION_WORDS})\b"
)
# "Bryansk and Kursk regions", "the Chernihiv, Sumy, and Kharkiv oblasts", "western Donetsk
# and eastern Zaporizhia oblasts", "de regio's Donetsk, Zaporizja en Dnipropetrovsk",
# "Донецької та Луганської областей": a plural region noun makes every name of its list
# a region.
REGION_PLURAL = (
    r"(?i:oblasts|regions|provinces|provincies|regio's|oblasten|gebieden|regionen|oblaste|"
    r"gebiete|gebieten|provinzen|області|областей|областях|области|областями)"
)
_SIDE = (
    r"(?:(?i:western|eastern|northern|southern|central|west|east|north|south|westelijk|"
    r"oostelijk|noordelijk|zuidelijk|west-|oost-|noord-|zuid-)\s*)?"
)
_LIST = (
    rf"{_SIDE}{WORD}(?:\s*,\s*{_SIDE}{WORD})*(?:,?\s+(?:and|en|und|і|й|та|и)\s+|\s*,\s*)"
    rf"{_SIDE}{WORD}"
)
REGION_LIST = re.compile(
    rf"(?<![\w-])(?P<after>{_LIST})[ -]{_QUALIFIER}{REGION_PLURAL}\b|"
    rf"\b{REGION_PLURAL}\s+(?:(?:of|van|von)\s+)?(?P<before>{_LIST})"
)
PLURAL_REGION_WORD = re.compile(rf"\b{REGION_PLURAL}\b")
# What every match of the region patterns above holds, in lower case: a text without any
# of these skips them (a search for a substring costs far less than a case-blind regex
# tried at every position, and most sections of a log name no region).
REGION_NOUN_PARTS = (
    "oblast", "óblast", "regio", "región", "région", "provin", "gebied", "gebiet", "област",
    "обл.",
)  # fmt: skip
LIST_NAME = re.compile(rf"(?<![\w-]){WORD}")
REGION_BEFORE = re.compile(
    r"\b(?P<word>(?i:regio|provincie|oblast|region of|province of|oblast van|provincie van|"
    r"regione di|provincia di|oblast di|región de|provincia de|óblast de|région de|"
    r"oblast de)|"
    r"Gebiet(?:e?s)?|Region|Provinz)\s+"
    rf"(?P<name>{WORD})"
)
# "the Dnipropetrovsk border", "de grens met Koersk": a region's border is the region's.
BORDER = re.compile(
    rf"(?P<name>{WORD}(?:\s*[–—]\s*{WORD})?)[ -](?i:border|frontier|grens|grenze)\b"
    rf"|(?<![\w-])(?i:grens met|Grenze zu|border with)\s+(?P<after>{WORD})"
)
BORDER_QUALIFIER = "border"
# A region by what only a region has: its governor ("Luhansk governor Serhiy Haidai", "de
# gouverneur van Koersk"), its regional bodies ("the Donetsk regional administration"), its
# front and operations ("the Kharkiv front", "het front in Zaporizja", "the Kursk salient",
# "the Kursk incursion"), a people's republic ("de 'Volksrepubliek Loehansk'"). Only a name
# that is a region's counts: "the Bakhmut front" is the town's.
REGION_ROLE = re.compile(
    rf"(?P<name>{WORD})[ -](?i:governor|gouverneur|front|People['’]s Republic|regional|salient|"
    r"Народн\w+\s+Республ[иі]к\w+|"
    r"incursion|operation|counter-?offensive)\b"
    r"|(?<![\w-])(?i:governor of|gouverneur van|Gouverneur von|Gouverneur des Gebiets|"
    r"front (?:in|bij|near|around|bei|im)|Volksrepubliek|Volksrepublik|People['’]s Republic of)"
    rf"\s+['‘“\"«]?(?P<after>{WORD})"
)
ROLE_WORDS = (
    "governor", "gouverneur", "front", "republi", "regional", "salient", "incursion",
    "operation", "offensive", "народн",
)  # fmt: skip
BORDER_WORDS = ("border", "frontier", "grens", "grenz")
# "на Запоріжжі", "на Запорожье": Ukrainian and Russian say "on" a region, "in" a city; the
# region of Zaporizhzhia is called by its capital's name (others by nicknames, below).
ON_ZAPORIZHZHIA = re.compile(r"(?<![\w-])(?:[Нн]а)\s+(?P<name>Запоріжж[іяю]|Запорожь[еяю])\b")
NICKNAME_PARTS = ("щин", "чин", "волин", "карпат", "буковин", "shch", "chchyn", "bukovyn", "karpat")


def holds_any(lowered: str, parts: tuple[str, ...]) -> bool:
    """Whether lower-cased text holds one of ``parts``: the gate before a pattern's search
    (a substring test costs far less than a case-blind regex tried at every position)."""
    return any(part in lowered for part in parts)


def find_region_mentions(text: str, gazetteer: Gazetteer, free, taken) -> list[Mention]:
    """The region phrases of ``text``; ``taken`` grows by every span they cover."""
    mentions: list[Mention] = []
    lowered = text.lower()
    nouns = holds_any(lowered, REGION_NOUN_PARTS)
    # Regions: "Donetsk region", "regio Charkiv", "Zaporizhia Oblast", "Луганська область".
    for pattern in (REGION_AFTER, REGION_BEFORE) if nouns else ():
        for match in pattern.finditer(text):
            if not free(*match.span()):
                continue
            words = match.group("name").split()
            while len(words) > 1 and normalize_name(words[0]) in LEADING_WORDS:
                words.pop(0)
            whole = gazetteer.region(" ".join(words))
            region = whole or gazetteer.region(words[-1])
            if region is None:
                # "the Donetsk-Dnipropetrovsk oblast boundary": two regions.
                parts = words[-1].split("-")
                regions = [gazetteer.region(part) for part in parts]
                if len(parts) < 2 or None in regions:
                    continue
                offset = match.start("name") + match.group("name").rfind(words[-1])
                for part, region in zip(parts, regions, strict=True):
                    mentions.append(Mention(written=part, start=offset, candidates=[region]))
                    offset += len(part) + 1
                taken.append(match.span())
                continue
            start = match.start()
            if len(words) > 1 and whole is None:
                # "Басовка Сумской области", "Zamostye Kursk Oblast": a place, then its
                # region; the place is left to be read as one.
                start = match.start("name") + match.group("name").rfind(words[-1])
            mentions.append(
                Mention(written=text[start : match.end()], start=start, candidates=[region])
            )
            taken.append((start, match.end()))

    for match in BORDER.finditer(text) if holds_any(lowered, BORDER_WORDS) else ():
        group = "name" if match.group("name") else "after"
        if not free(*match.span(group)):
            continue
        # "the Sumy–Kursk border": both regions.
        parts = list(re.finditer(r"[^\s–—-][^–—]*?(?=\s*[–—]|$)", match.group(group)))
        regions = [gazetteer.region(part.group(0)) for part in parts]
        if not parts or None in regions:
            continue
        for part, region in zip(parts, regions, strict=True):
            start = match.start(group) + part.start()
            # (Near a border is not in the region: it hints at no place's region.)
            mentions.append(
                Mention(
                    written=part.group(0),
                    start=start,
                    candidates=[region],
                    qualifier=BORDER_QUALIFIER,
                )
            )
        taken.append(match.span(group))

    roles = REGION_ROLE.finditer(text) if holds_any(lowered, ROLE_WORDS) else ()
    for match in (*roles, *ON_ZAPORIZHZHIA.finditer(text)):
        group = "after" if match.groupdict().get("after") else "name"
        region = gazetteer.region(re.sub(r"['’]s$", "", match.group(group)))  # "Kursk's"
        if region is None or not free(*match.span(group)):
            continue
        mentions.append(
            Mention(written=match.group(group), start=match.start(group), candidates=[region])
        )
        taken.append(match.span())  # "Донецкой Народной Республики": all of it

    # A region by its nickname alone: "на Донеччині", "Donechchyna".
    nicknames = re.finditer(rf"{WORD}", text) if holds_any(lowered, NICKNAME_PARTS) else ()
    for match in nicknames:
        key = normalize_name(match.group(0))
        if key in NICKNAME_KEYS and free(*match.span()) and key in gazetteer.regions:
            region = gazetteer.regions[key]
            mentions.append(
                Mention(written=match.group(0), start=match.start(), candidates=[region])
            )
            taken.append(match.span())

    region_lists = REGION_LIST.finditer(text) if nouns and PLURAL_REGION_WORD.search(text) else ()
    for match in region_lists:
        group = "after" if match.group("after") else "before"
        offset = match.start(group)
        for name in LIST_NAME.finditer(match.group(group)):
            span = (offset + name.start(), offset + name.end())
            region = gazetteer.region(name.group(0))
            if region is None or not free(*span):
                continue
            mentions.append(Mention(written=name.group(0), start=span[0], candidates=[region]))
            taken.append(span)
    return mentions
