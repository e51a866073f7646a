"""
Finding place names in running text: numbered names (``Krasna Hora (1)``), region
phrases ("Donetsk region", "regio Charkiv", "provincie Donetsk", "Луганська область"),
roads, and every other name the gazetteer knows, with the hints the text gives next to
them ("(Kharkiv region)", "in Donetsk oblast", "9 km north of Avdiivka").
"""

import re

from ..text import normalize_name
from .gazetteer import Gazetteer, Mention, PlaceCandidate
from .hints import attach_hints
from .hromadas import find_hromada_mentions
from .language import LEADING_WORDS, NAME_MODIFIERS, STOPWORDS, common_words
from .namesakes import NEGATION_WORD, without_ruled_out
from .objects import WORD, find_object_mentions
from .people import is_given_name
from .plants import find_works_mentions
from .raions import DISTRICT_ADJECTIVE, find_raion_mentions
from .regions import find_region_mentions
from .units import OBJECT, UNIT_AFTER

CONNECTORS = r"(?:i|I|na|nad|і|на|над|pid|під)"
# At most 8 words before the number (names have up to 6): unbounded, a long run of
# capitalized words with no number after it was searched to its end from each of its words.
NUMBERED = re.compile(
    rf"(?P<name>{WORD}(?:\s+(?:{WORD}|{CONNECTORS})){{0,7}}?)\s*"
    r"(?:\((?P<qualifier>[^()\d]{2,40})\)\s*)?\((?P<number>\d{1,2})\)"
)
# Names of several words may hold a small word: "Sea of Azov", "Zee van Azov", "Nova Kakhovka".
NAME_LINKS = r"(?:i|I|na|nad|і|на|над|pid|під|of|van)"
NAME_LINK = re.compile(NAME_LINKS)
CAPITALIZED_RUN = re.compile(rf"{WORD}(?:\s+(?:{NAME_LINKS}\s+)?{WORD}){{0,3}}")
# "the Siverskyi Donets–Donbas canal": a canal named after its ends is neither end.
CANAL = re.compile(  # up to 5 words each side: unbounded, a long capitalized run was quadratic
    rf"(?P<name>{WORD}(?:\s+{WORD}){{0,4}}\s*[–—-]\s*{WORD}(?:\s+{WORD}){{0,4}})"
    r"\s+(?i:canal|kanaal|канал)\b"
)
ROAD = re.compile(r"\b[MHМН]-?\d{2}\b")
# "на Запорізькому напрямку", "на Бахмутском направлении": a front named after its city
# (or oblast) by an adjective; the adjective is no village of that name (Zaporizke).
FRONT_ADJECTIVE = re.compile(
    r"(?P<name>(?P<base>(?P<stem>[А-ЯІЇЄҐ][\w'’]{0,40}?)(?:ьс|с|ц|з)ь?к)(?:ому|ім|ий|ом|ого|ое|ій)?)"
    r"\s+"
    r"(?i:напрям\w*|направлени\w*)"
)
CITY_PHRASE = re.compile(rf"(?P<name>{WORD})[ -](?P<word>City|stad)\b")
WEAPON = re.compile(
    r"\b(?:Storm Shadow|SCALP|Taurus|Shahed(?:-\d+)?|Geran(?:-\d+)?|Kalibr|Kinzhal|Iskander(?:-M)?|"
    r"Tsirkon|Zircon|Oniks|Kh-\d+\w*|HIMARS|ATACMS|Neptune|Flamingo|Bayraktar|Lancet|"
    r"Karakurt|Buyan(?:-M)?|Tochka(?:-U)?|Tornado-S|Uragan|Smerch|Leopard(?: \d\w*)?|Abrams|"
    r"Bradley|Challenger(?: \d)?|Marder|Stryker|Patriot|NASAMS|IRIS-T|Pantsir(?:-S1)?)\b"
)
# The capitalized word after a first name, even past the end of a run of four.
SURNAME_NEXT = re.compile(r"\s+[A-ZÀ-ÖØ-ÞА-ЯЁЇІЄҐ]")


class _Taken:
    """
    The characters of the text a mention (or a source's name) already covers. Checking a
    span costs its length, not the number of mentions so far: a 100 KB line of 12,000 names
    took minutes with a list of spans.
    """

    def __init__(self, text: str):
        self.covered = bytearray(len(text))

    def append(self, span: tuple[int, int]) -> None:
        start, end = span
        self.covered[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        return not any(self.covered[start:end])


def find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    mentions: list[Mention] = []
    taken = _Taken(text)
    for source in gazetteer.sources:
        for p in source.patterns:
            for match in p.finditer(text):
                taken.append(match.span())
    common = common_words(text)
    free = taken.free

    mentions += find_region_mentions(text, gazetteer, free, taken)
    mentions += find_raion_mentions(text, gazetteer, free, taken)
    mentions += find_hromada_mentions(text, gazetteer, free, taken)

    # Ships, straits, capes, rivers and bridges named after towns: not the towns.
    mentions += find_object_mentions(text, gazetteer, free, taken)
    mentions += find_works_mentions(text, gazetteer, free, taken)

    for match in FRONT_ADJECTIVE.finditer(text):
        if not free(*match.span("name")):
            continue
        region = gazetteer.region(match.group("base") + "а")
        stem = match.group("stem")
        towns = next(
            (
                found
                for name in (match.group("base"), stem, f"{stem}ка")
                if (found := gazetteer.lookup(name, loose=False))
            ),
            [],
        )
        places = [region] if region else [c for c in towns if c.kind == "settlement"]
        if places:
            mentions.append(
                Mention(written=match.group("name"), start=match.start(), candidates=places)
            )
        taken.append(match.span("name"))

    # "Luhansk City", "Donetsk-stad": the city, not the region.
    for match in CITY_PHRASE.finditer(text):
        if not free(*match.span()):
            continue
        cities = [c for c in gazetteer.lookup(match.group("name")) if c.kind == "settlement"]
        if cities:
            # "Mykolaiv City" is the city of that name, not a village Mykolaivka.
            cities = [max(cities, key=lambda c: c.population)]
            mentions.append(
                Mention(written=match.group("name"), start=match.start(), candidates=cities)
            )
            taken.append(match.span())

    for match in NUMBERED.finditer(text):
        words = match.group("name").split()
        while len(words) > 1 and (
            normalize_name(words[0]) in LEADING_WORDS or words[0].lower() in common
        ):
            words.pop(0)
        name, candidates = " ".join(words), []
        # The longest tail of the run the gazetteer knows ("Russen Bakhmut" -> "Bakhmut").
        for i in range(len(words)):
            tail = " ".join(words[i:])
            if i and normalize_name(words[i - 1]) in NAME_MODIFIERS:
                break  # "Malaja Loknja (3)" is not Loknia
            if candidates := gazetteer.lookup(tail):
                name = tail
                break
        if gazetteer.is_ignored(name) or not free(match.start("name"), match.end()):
            continue
        start = match.start("name") + match.group("name").rfind(name)
        mentions.append(
            Mention(
                written=name,
                start=start,
                map_number=int(match.group("number")),
                qualifier=(match.group("qualifier") or "").strip(),
                candidates=list(candidates),
            )
        )
        taken.append((match.start(), match.end()))

    for match in CANAL.finditer(text):
        if free(*match.span()):
            name = re.sub(r"\s*[–—-]\s*", "–", match.group("name"))
            canal = PlaceCandidate(
                ref=f"object:{normalize_name(name).replace(' ', '-')}-canal",
                name=f"{name} Canal",
                kind="other",
                precision="approximate",
                aliases=(match.group(0),),
            )
            mentions.append(
                Mention(written=match.group(0), start=match.start(), candidates=[canal])
            )
            taken.append(match.span())

    for match in ROAD.finditer(text):
        if free(match.start(), match.end()) and (candidates := gazetteer.lookup(match.group(0))):
            mentions.append(
                Mention(written=match.group(0), start=match.start(), candidates=candidates)
            )
            taken.append((match.start(), match.end()))

    # Weapons and machines named like places: "Storm Shadow" is no Zhadove.
    for match in WEAPON.finditer(text):
        taken.append(match.span())
    # "в Приволжском районе": a district named by an adjective is not a town of that stem.
    for match in DISTRICT_ADJECTIVE.finditer(text) if "район" in text else ():
        if free(*match.span("name")):
            taken.append(match.span())

    for match in CAPITALIZED_RUN.finditer(text):
        words = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", match.group(0))]
        i = 0
        while i < len(words):
            found = None
            if i and normalize_name(words[i - 1][1]) in NAME_MODIFIERS:
                # "Malaja Loknja", a village the gazetteer lacks, is not Loknia.
                i += 1
                continue
            for size in range(min(gazetteer.max_words, len(words) - i), 0, -1):
                if NAME_LINK.fullmatch(words[i + size - 1][1]):
                    continue
                phrase = " ".join(w for _, w in words[i : i + size])
                start = match.start() + words[i][0]
                end = start + len(phrase)
                if not free(start, end):
                    continue
                word = words[i][1]
                if size == 1:
                    # "Police said": a word the text also writes in lower case is a word
                    # (and "In" before "Kryvy Rih" takes nothing after it with it).
                    if (
                        len(word) <= 2
                        or word.lower() in common
                        or word.lower() in STOPWORDS
                        or normalize_name(word) in LEADING_WORDS
                    ):
                        break
                    # "Vladimir Putin", "Volodymyr Zelenskyy": a first name, not a town
                    # (but "Avdiivka Coke and Chemical Plant" names a town's plant); and
                    # "Kirill Dmitriev", named like a town, is a person by his first name.
                    after = match.start() + words[i][0] + len(word)
                    possessive = word.endswith(("'s", "’s"))  # "Kyiv's Shevchenkivskyi district"
                    if (is_given_name(word) and SURNAME_NEXT.match(text, after)) or (
                        not possessive
                        and i + 1 < len(words)
                        # "Кремінної на Луганщині": a name, a small word, a region.
                        and not NAME_LINK.fullmatch(words[i + 1][1])
                        # "Басовка Сумской области": the next word is a region's, read already.
                        and free(match.start() + words[i + 1][0], match.end())
                        and not gazetteer.lookup(words[i + 1][1], loose=False)
                        and not OBJECT.match(text, after)
                        and not UNIT_AFTER.match(text, after)
                    ):
                        found = 2  # the surname after it is no place either ("Путину")
                        break
                candidates = gazetteer.lookup(phrase)
                if not candidates and "-" in phrase and size == 1:
                    # "Sudzha-Yunakivka highway": each part on its own, when each capitalized
                    # part is a place ("Ust-Luga", a port the gazetteer lacks, is no Luga).
                    parts, offset = [], 0
                    for part in phrase.split("-"):
                        found_part = gazetteer.lookup(part) if part else []
                        parts.append((part, start + offset, found_part))
                        offset += len(part) + 1
                    if all(found_part or not part[:1].isupper() for part, _, found_part in parts):
                        mentions += [
                            Mention(written=part, start=at, candidates=found_part)
                            for part, at, found_part in parts
                            if found_part
                        ]
                    taken.append((start, end))
                    found = size
                    break
                if candidates:
                    mentions.append(
                        Mention(written=phrase, start=start, candidates=list(candidates))
                    )
                    taken.append((start, end))
                    found = size
                    break
            i += found or 1
    mentions.sort(key=lambda m: m.start)
    # A namesake the text rules out goes first: its hints are no other mention's.
    if NEGATION_WORD.search(text):
        mentions = without_ruled_out(text, mentions)
    consumed = attach_hints(text, mentions, gazetteer)
    return [m for m in mentions if not any(a <= m.start < b for a, b in consumed)]
