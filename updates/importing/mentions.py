"""
Finding place names in running text: numbered names (``Krasna Hora (1)``), region
phrases ("Donetsk region", "regio Charkiv", "provincie Donetsk", "Луганська область"),
roads, and every other name the gazetteer knows, with the hints the text gives next to
them ("(Kharkiv region)", "in Donetsk oblast", "9 km north of Avdiivka").
"""

import re

from ..text import normalize_name
from .gazetteer import NICKNAME_KEYS, Gazetteer, Mention, PlaceCandidate
from .language import STOPWORDS
from .objects import WORD, find_object_mentions
from .people import is_given_name
from .resolve import OBJECT, UNIT_AFTER

# Function words that start a sentence and are never the first word of a place name.
LEADING_WORDS = {
    normalize_name(w)
    for w in "In De Het Een En Op Bij Van Naar Dat Dit Daar Er Maar Ook Ten The A An And At "
    "On Of From To Near Around West East North South Noord Zuid Oost Tussen Rond Nabij "
    "Vanuit Richting Langs Voor Achter Boven Onder Verder Intussen Inmiddels Bovendien "
    "Daarnaast Tijdens Na Sinds Toen Nu Vandaag Gisteren Zowel Both Between Along Toward "
    "Towards Outside Inside Beyond After Before Since During While Meanwhile Also Russian "
    "Ukrainian Russische Oekraïense Russen Oekraïners Troops Forces Via Into Over Under "
    "Gisteravond Vannacht Today Yesterday Ook Zelfs Even Only Alleen Volgens According "
    # Ukrainian and Russian: "Тим часом" (meanwhile) is not the town Tim.
    "Тим Тем Там Тут Так Тоді Тогда Потім Потом Також Также Вже Уже Ще Еще Ещё Після После "
    "Перед Під Над При Про Для Але Но Однак Однако Коли Когда Зараз Сейчас Сьогодні Сегодня "
    "Вчора Вчера Наразі Нині Ныне Згодом Вночі Ночью Зранку Утром Увечері Вечером".split()
}
# The first words of compound names: "Mala Tokmachka" is not Tokmachka.
NAME_MODIFIERS = {
    normalize_name(w)
    for w in "Mala Male Malyi Mali Malaya Malaja Maloye Maloje Malyy Velyka Velyke Velykyi "
    "Velyki Velikaya Velikaja Bolshaya Bolsjaja Bolshoye Nova Nove Novyi Novi Novaya Novaja "
    "Novoye Novoje Stara Stare Staryi Stari Staraya Staraja Staroye Verkhnia Verkhnie "
    "Verkhnii Verkhnyaya Nyzhnia Nyzhnie Nyzhnii Nizhnyaya Мала Мале Малий Малі Малая Малое "
    "Малый Велика Велике Великий Великі Великая Большая Большое Нова Нове Новий Нові Новая "
    "Новое Новый Стара Старе Старий Старі Старая Старое Старый Верхня Верхнє Верхній Нижня "
    "Нижнє Нижній Верхняя Нижняя".split()
}
CONNECTORS = r"(?:i|I|na|nad|і|на|над|pid|під)"
# At most 8 words before the number (names have up to 6): unbounded, a long run of
# capitalized words with no number after it was searched to its end from each of its words.
NUMBERED = re.compile(
    rf"(?P<name>{WORD}(?:\s+(?:{WORD}|{CONNECTORS})){{0,7}}?)\s*"
    r"(?:\((?P<qualifier>[^()\d]{2,40})\)\s*)?\((?P<number>\d{1,2})\)"
)
# Names of several words may hold a small word: "Sea of Azov", "Zee van Azov", "Nova Kakhovka".
NAME_LINKS = r"(?:i|I|na|nad|і|на|над|pid|під|of|van)"
CAPITALIZED_RUN = re.compile(rf"{WORD}(?:\s+(?:{NAME_LINKS}\s+)?{WORD}){{0,3}}")
# "the Siverskyi Donets–Donbas canal": a canal named after its ends is neither end.
CANAL = re.compile(  # up to 5 words each side: unbounded, a long capitalized run was quadratic
    rf"(?P<name>{WORD}(?:\s+{WORD}){{0,4}}\s*[–—-]\s*{WORD}(?:\s+{WORD}){{0,4}})"
    r"\s+(?i:canal|kanaal|канал)\b"
)
ROAD = re.compile(r"\b[MHМН]-?\d{2}\b")
REGION_WORDS = (
    r"(?i:oblasts?|oblast'|regions?|provinces?|provincie|regio|gebied|область|області|"
    r"областю|области|областью|обл\.)"
)
REGION_AFTER = re.compile(rf"(?P<name>{WORD}(?:[ -]{WORD})?)[ -](?P<word>{REGION_WORDS})\b")
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
    rf"{_SIDE}{WORD}(?:\s*,\s*{_SIDE}{WORD})*,?\s+"
    rf"(?:and|en|und|і|й|та|и)\s+{_SIDE}{WORD}"
)
REGION_LIST = re.compile(
    rf"(?<![\w-])(?P<after>{_LIST})[ -]{REGION_PLURAL}\b|"
    rf"\b{REGION_PLURAL}\s+(?:(?:of|van|von)\s+)?(?P<before>{_LIST})"
)
PLURAL_REGION_WORD = re.compile(rf"\b{REGION_PLURAL}\b")
LIST_NAME = re.compile(rf"(?<![\w-]){WORD}")
REGION_BEFORE = re.compile(
    r"\b(?P<word>(?i:regio|provincie|oblast|region of|province of|oblast van|provincie van)|"
    r"Gebiet(?:e?s)?|Region|Provinz)\s+"
    rf"(?P<name>{WORD})"
)
# "на Запорізькому напрямку", "на Бахмутском направлении": a front named after its city
# (or oblast) by an adjective; the adjective is no village of that name (Zaporizke).
FRONT_ADJECTIVE = re.compile(
    r"(?P<name>(?P<base>(?P<stem>[А-ЯІЇЄҐ][\w'’]{0,40}?)(?:ьс|с|ц|з)ь?к)(?:ому|ім|ий|ом|ого|ое|ій)?)"
    r"\s+"
    r"(?i:напрям\w*|направлени\w*)"
)
CITY_PHRASE = re.compile(rf"(?P<name>{WORD})[ -](?P<word>City|stad)\b")
PARENTHESIS = re.compile(r"\s*\((?P<inside>[^()\d]{3,40})\)")
DIRECTIONS = {
    "north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180,
    "southwest": 225, "west": 270, "northwest": 315, "noord": 0, "noordoost": 45,
    "oost": 90, "zuidoost": 135, "zuid": 180, "zuidwest": 225, "noordwest": 315,
    "noorden": 0, "oosten": 90, "zuiden": 180, "westen": 270, "noordoosten": 45,
    "zuidoosten": 135, "zuidwesten": 225, "noordwesten": 315,
}  # fmt: skip
DIRECTION = (
    r"(?:north|south|noord|zuid)(?:-?(?:east|west|oost))?(?:en|ern)?|(?:east|west|oost)(?:en|ern)?"
)
# "(9km northeast of Kupiansk)", "about 30km west of Kupiansk", "ten noorden van Avdiivka",
# "both east of Toretsk", "15 km from Pokrovsk".
_HINT = (
    r"(?P<both>(?:both|all|allebei|beide)\s+)?"
    r"(?:(?:about|around|some|roughly|approximately|nearly|almost|over|ongeveer|zo'n|circa|"
    r"ruim|bijna)\s+)?"
    r"(?:(?P<km>\d+(?:[.,]\d+)?)\s*(?:km|kilomet(?:er|re)s?)\s+)?"
    r"(?:(?:to\s+the|ten|in\s+het)\s+)?"
    rf"(?:(?P<dir>{DIRECTION})\s+)?(?:of|van|from)\s+(?P<anchor>(?-i:{WORD}(?:\s+{WORD})?))"
)
DISTANCE_HINT = re.compile(_HINT, re.IGNORECASE)
# "attacked northeast of Chasiv Yar near Kalynivka": the hint names the place after it.
NEAR = r"(?:near|at|around|toward|towards|bij|nabij|rond|richting|in\s+de\s+buurt\s+van)"
HINT_BEFORE = re.compile(rf"\b{_HINT},?\s+{NEAR}\s+$", re.IGNORECASE)
HINT_FOR_NEXT = re.compile(rf",?\s+{NEAR}\s+[A-ZÀ-ÖØ-ÞА-ЯЁЇІЄҐ]")
IN_REGION = re.compile(r"(?:\s*\(\d{1,2}\))?\s*,?\s*(?:in|in de|in the)\s+")
# A remark in brackets after a name (and its map number) may say where it lies.
ASIDE = re.compile(r"\s*(?:\(\d{1,2}\)\s*)?\((?P<inside>[^()]{3,120})\)")
SENTENCE_END = re.compile(r"[.!?]\s|\n")
# The capitalized word after a first name, even past the end of a run of four.
SURNAME_NEXT = re.compile(r"\s+[A-ZÀ-ÖØ-ÞА-ЯЁЇІЄҐ]")
# "this Kamianske is a village in Zaporizhia Oblast, not the city of Kamianske in
# Dnipropetrovsk Oblast": the namesake the text rules out is not linked.
NEGATED = re.compile(
    r"\b(?i:not|niet|nicht|не|(?:not|niet|nicht)\s+(?:to\s+be\s+confused|te\s+verwarren|zu\s+"
    r"verwechseln)\s+(?:with|met|mit))\s+(?:(?i:the|de|het|die|der|das|den)\s+)?"
    r"(?:(?i:city|town|village|settlement|stad|dorp|plaats|stadt|dorf|ort|місто|село|город)"
    r"\s+(?:(?i:of|van)\s+)?)?$"
)
NICKNAME_HINT = re.compile(
    r"щин|чин|волин|карпат|буковин|shch|chchyn|bukovyn|karpat", re.IGNORECASE
)


def _sentence_bounds(text: str, position: int) -> tuple[int, int]:
    # A sentence is searched for within SENTENCE_CHARS each side: a long line without a
    # full stop was searched from each of its names to both ends of the text.
    low, high = max(0, position - SENTENCE_CHARS), min(len(text), position + SENTENCE_CHARS)
    ends = [text.rfind(mark, low, position) for mark in (". ", "! ", "? ", ".\n", "\n")]
    last = max(ends)
    start = low if last < 0 else last + (1 if text[last] == "\n" else 2)
    end_match = SENTENCE_END.search(text, position, high)
    return start, end_match.start() if end_match else high


SENTENCE_CHARS = 2000


def _common_words(text: str) -> set[str]:
    """Words the text also writes in lower case: common words, not names ("police")."""
    return {w for w in re.findall(r"\b[a-zà-ÿа-яіїєґ][\w'’]+", text)}


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
    common = _common_words(text)
    free = taken.free

    # Regions: "Donetsk region", "regio Charkiv", "Zaporizhia Oblast", "Луганська область".
    for pattern in (REGION_AFTER, REGION_BEFORE):
        for match in pattern.finditer(text):
            if not free(*match.span()):
                continue
            words = match.group("name").split()
            while len(words) > 1 and normalize_name(words[0]) in LEADING_WORDS:
                words.pop(0)
            region = gazetteer.region(" ".join(words)) or gazetteer.region(words[-1])
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
            mentions.append(
                Mention(written=match.group(0), start=match.start(), candidates=[region])
            )
            taken.append(match.span())

    # A region by its nickname alone: "на Донеччині", "Donechchyna".
    nicknames = re.finditer(rf"{WORD}", text) if NICKNAME_HINT.search(text) else ()
    for match in nicknames:
        key = normalize_name(match.group(0))
        if key in NICKNAME_KEYS and free(*match.span()) and key in gazetteer.regions:
            region = gazetteer.regions[key]
            mentions.append(
                Mention(written=match.group(0), start=match.start(), candidates=[region])
            )
            taken.append(match.span())

    region_lists = REGION_LIST.finditer(text) if PLURAL_REGION_WORD.search(text) else ()
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

    # Ships, straits, capes, rivers and bridges named after towns: not the towns.
    mentions += find_object_mentions(text, gazetteer, free, taken)

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
                if re.fullmatch(NAME_LINKS, words[i + size - 1][1]):
                    continue
                phrase = " ".join(w for _, w in words[i : i + size])
                start = match.start() + words[i][0]
                end = start + len(phrase)
                if not free(start, end):
                    continue
                word = words[i][1]
                if size == 1:
                    # "Vladimir Putin", "Volodymyr Zelenskyy": a first name, not a town
                    # (but "Avdiivka Coke and Chemical Plant" names a town's plant); and
                    # "Kirill Dmitriev", named like a town, is a person by his first name.
                    after = match.start() + words[i][0] + len(word)
                    if (is_given_name(word) and SURNAME_NEXT.match(text, after)) or (
                        i + 1 < len(words)
                        and not gazetteer.lookup(words[i + 1][1], loose=False)
                        and not OBJECT.match(text, after)
                        and not UNIT_AFTER.match(text, after)
                    ):
                        found = 2  # the surname after it is no place either ("Путину")
                        break
                    # "Police said": a word the text also writes in lower case is a word.
                    if (
                        len(word) <= 2
                        or word.lower() in common
                        or word.lower() in STOPWORDS
                        or normalize_name(word) in LEADING_WORDS
                    ):
                        break
                candidates = gazetteer.lookup(phrase)
                if not candidates and "-" in phrase and size == 1:
                    # "Sudzha-Yunakivka highway": each part on its own.
                    offset = 0
                    for part in phrase.split("-"):
                        if part and (part_candidates := gazetteer.lookup(part)):
                            mentions.append(
                                Mention(
                                    written=part, start=start + offset, candidates=part_candidates
                                )
                            )
                        offset += len(part) + 1
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
    consumed = _attach_hints(text, mentions, gazetteer)
    return [
        m
        for m in mentions
        if not any(a <= m.start < b for a, b in consumed)
        and not NEGATED.search(text, max(0, m.start - 60), m.start)
    ]


def _attach_hints(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list:
    """The region named next to a mention, and "N km north of X" after it.

    Returns the spans of qualifiers read as hints ("Bilohorivka (Luhansk)"): not places.
    """
    consumed = []
    _regions_after_places(text, mentions, gazetteer)
    regions = [m for m in mentions if m.candidates and m.candidates[0].kind == "region"]
    previous = None
    for mention in mentions:
        end = mention.start + len(mention.written)
        after = text[end : end + 80]
        qualifier = mention.qualifier
        parenthesis = PARENTHESIS.match(after)
        if not qualifier and parenthesis:
            qualifier = parenthesis.group("inside")
        if qualifier:
            words = re.sub(rf"\b{REGION_WORDS}\b", "", qualifier, flags=re.I).strip(" ,")
            region = gazetteer.region(words) if words else None
            if region is not None:
                mention.region_hint, mention.region_hint_strength = region, 6.0
                if parenthesis and not mention.qualifier:
                    consumed.append((end, end + parenthesis.end()))
        if mention.region_hint is None:
            lo, hi = _sentence_bounds(text, mention.start)
            for other in regions:
                if other is mention or not lo <= other.start <= hi:
                    continue
                gap = text[end : other.start] if other.start > end else ""
                close = (
                    other.start > end
                    and len(gap) <= 12
                    and re.fullmatch(
                        r"[\s,]*(?:in|in de|in the|near|bij|\()?\s*(?:the\s+)?", gap, re.I
                    )
                )
                strength = 6.0 if close else 2.5
                if strength > mention.region_hint_strength:
                    mention.region_hint = other.candidates[0]
                    mention.region_hint_strength = strength
        stripped = after.lstrip(" ,(–—-")
        hint = DISTANCE_HINT.match(stripped)
        found = _distance_hint(hint) if hint else None
        if found and HINT_FOR_NEXT.match(stripped, hint.end()):
            found = None  # "…, east of Chasiv Yar near Ivanivske": the next place's hint
        if found is None:
            hint = HINT_BEFORE.search(text, max(0, mention.start - 90), mention.start)
            found = _distance_hint(hint) if hint else None
        if found is None and (aside := ASIDE.match(after)):
            # "Krasnohorivka (2) (the village north of Avdiivka, not the town near Marinka)"
            hint = DISTANCE_HINT.search(aside.group("inside"))
            found = _distance_hint(hint) if hint else None
        if found:
            mention.distance_hint = found
            if hint.group("both") and previous is not None:
                # "Pivnichne and Zalizne (both east of Toretsk)"
                gap = text[previous.start + len(previous.written) : mention.start]
                if re.fullmatch(r"\s*(?:,|and|en|та|і|и)\s*", gap):
                    previous.distance_hint = previous.distance_hint or found
        previous = mention
    return consumed


def _regions_after_places(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> None:
    """ "Robotyne (2) in Zaporizja", "Kupiansk in Kharkiv": a town is not in another town;
    the second name is the oblast the first lies in."""
    for previous, mention in zip(mentions, mentions[1:], strict=False):
        gap = text[previous.start + len(previous.written) : mention.start]
        if not IN_REGION.fullmatch(gap) or not mention.candidates:
            continue
        if mention.candidates[0].kind != "settlement" or mention.map_number is not None:
            continue
        region = gazetteer.region(mention.written)
        if region is None or normalize_name(previous.written) == normalize_name(mention.written):
            continue
        if any(c.kind == "settlement" and c.region == region.name for c in previous.candidates):
            mention.candidates = [region]
            previous.region_hint, previous.region_hint_strength = region, 6.0


def _distance_hint(hint: re.Match) -> tuple[str, float | None, float | None] | None:
    """(anchor, km, bearing) of a hint that says how far or which way, else None."""
    direction = re.sub(r"(ern)$", "", (hint.group("dir") or "").lower().replace("-", ""))
    bearing = DIRECTIONS.get(direction)
    km = float(hint.group("km").replace(",", ".")) if hint.group("km") else None
    if bearing is None and km is None:
        return None
    return hint.group("anchor"), km, bearing
