"""
What the text says next to a place's name about where it lies: the region in brackets or
after "in" ("(Kharkiv region)", "in Donetsk oblast"), and distances and directions ("9 km
north of Avdiivka", "ten noorden van Bakhmut").
"""

import re
from bisect import bisect_left

from ..text import normalize_name
from .gazetteer import Gazetteer, Mention
from .namesakes import NAMESAKES_REGION
from .objects import WORD
from .raions import RAION_QUALIFIER, in_hinted_region
from .regions import BORDER_QUALIFIER, REGION_WORDS

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
    r"(?:(?:about|around|some|roughly|approximately|nearly|almost|over|just|directly|"
    r"immediately|ongeveer|zo'n|circa|ruim|bijna|vlak|net|direct)\s+)?"
    r"(?:(?P<km>\d+(?:[.,]\d+)?)\s*(?:km|kilomet(?:er|re)s?)\s+)?"
    r"(?:(?:to\s+the|ten|in\s+het)\s+)?"
    rf"(?:(?P<dir>{DIRECTION})\s+)?(?:of|van|from)\s+(?P<anchor>(?-i:{WORD}(?:\s+{WORD})?))"
)
DISTANCE_HINT = re.compile(_HINT, re.IGNORECASE)
# "на південь від Покровська", "за 10 км на північний захід від Бахмута", "південніше
# Бахмута", "к югу от Купянска", "в 5 км севернее Часова Яра" (the anchor in any case).
_CYRILLIC_SIDE = r"(?:північн\w*|південн\w*|північ|південь|схід|захід|север\w*|юг\w*|восток|запад)"
CYRILLIC_HINT = re.compile(
    r"(?P<both>(?:обидва|обидві|обоє|всі|усі|оба|обе|все)\s+)?"
    r"(?:(?:за|в|у|приблизно|около|близько)\s+)?"
    r"(?:(?P<km>\d+(?:[.,]\d+)?)\s*(?:км|кілометр\w*|километр\w*)\s+)?"
    rf"(?:(?:на|к)\s+(?P<dir>{_CYRILLIC_SIDE}(?:[\s-]+(?:схід|захід|восток\w*|запад\w*))?)\s+"
    r"(?:від|от)|(?P<dir_adverb>(?:північн|південн|східн|західн|северн|южн|восточн|западн)\w*ше|"
    r"(?:северо|юго)-(?:восточн|западн)ее|(?:северн|южн|восточн|западн)ее))"
    rf"\s+(?P<anchor>{WORD}(?:\s+{WORD})?)",
    re.IGNORECASE,
)
# "attacked northeast of Chasiv Yar near Kalynivka": the hint names the place after it.
NEAR = r"(?:near|at|around|toward|towards|bij|nabij|rond|richting|in\s+de\s+buurt\s+van)"
HINT_BEFORE = re.compile(rf"\b{_HINT},?\s+{NEAR}\s+$", re.IGNORECASE)
# What HINT_BEFORE ends with, looked for first: most names follow no such word.
NEAR_BEFORE = re.compile(rf"\b{NEAR}\s+$", re.IGNORECASE)
HINT_FOR_NEXT = re.compile(rf",?\s+{NEAR}\s+[A-ZÀ-ÖØ-ÞА-ЯЁЇІЄҐ]")
IN_REGION = re.compile(r"(?:\s*\(\d{1,2}\))?\s*,?\s*(?:in|in de|in the)\s+")
# A remark in brackets after a name (and its map number) may say where it lies.
ASIDE = re.compile(r"\s*(?:\(\d{1,2}\)\s*)?\((?P<inside>[^()]{3,120})\)")
# The map number after a name: "Makiivka (5), 26 km northwest of Kreminna" hints past it.
LEADING_NUMBER = re.compile(r"^\s*\(\d{1,2}\)")
# A sentence ends at a full stop and white space, or at a line's end; footnote marks may
# stand between ("…southwest of Svatove).[9] Geolocated footage…", as ISW writes).
SENTENCE_END = re.compile(r"[.!?](?:\[\d{1,3}\])*\s|\n")
RAION_HINT = 6.0
SHARED_HINT_STRENGTH = 6.0  # a region named right beside a place (or its raion)
RAION_REACH = 80  # characters from a place to the raion said to hold it
# Between two names of one list: ", ", " and ", ", and ", " en " (a map number may follow).
LIST_GAP = re.compile(r"(?:\s*\(\d{1,2}\))?\s*(?:,|,?\s+(?:and|en|und|та|і|и))\s*")


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    # A sentence is searched for within SENTENCE_CHARS each side: a long line without a
    # full stop was searched from each of its names to both ends of the text.
    low, high = max(0, position - SENTENCE_CHARS), min(len(text), position + SENTENCE_CHARS)
    ends = [text.rfind(mark, low, position) for mark in (". ", "! ", "? ", ".\n", "\n")]
    last = max(ends)
    start = low if last < 0 else last + (1 if text[last] == "\n" else 2)
    footnote = text.rfind("] ", start, position)
    if footnote > start and FOOTNOTE_END.search(text, start, footnote + 2):
        start = footnote + 2
    end_match = SENTENCE_END.search(text, position, high)
    return start, end_match.start() if end_match else high


SENTENCE_CHARS = 2000
FOOTNOTE_END = re.compile(r"[.!?](?:\[\d{1,3}\])+ $")


def attach_hints(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list:
    """The region named next to a mention, and "N km north of X" after it.

    Returns the spans of qualifiers read as hints ("Bilohorivka (Luhansk)"): not places.
    """
    consumed = []
    _regions_after_places(text, mentions, gazetteer)
    # A raion named in the sentence says which raion (so which oblast) its places lie in.
    regions = [
        (m, m.candidates[0])
        for m in mentions
        if m.candidates
        and m.candidates[0].kind == "region"
        and m.qualifier not in (BORDER_QUALIFIER, NAMESAKES_REGION)
    ]
    # Where the settlements are named, to tell whether one stands between two mentions.
    towns = [m.start for m in mentions if m.candidates and m.candidates[0].kind == "settlement"]
    previous = leading = None
    run: list[Mention] = []  # the list this mention ends: "Kotlyne, Udachne and Shevchenko"
    for mention in mentions:
        end = mention.start + len(mention.written)
        after = text[end : end + 80]
        joined = previous is not None and LIST_GAP.fullmatch(
            text[previous.start + len(previous.written) : mention.start]
        )
        run = [*run, mention] if joined else [mention]
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
            lo, hi = sentence_bounds(text, mention.start)
            for other, region in regions:
                if other is mention or not lo <= other.start <= hi:
                    continue
                gap = text[end : other.start] if other.start > end else ""
                close = (
                    other.start > end
                    and len(gap) <= 12
                    and re.fullmatch(
                        r"(?:\s*\(\d{1,2}\))?[\s,]*(?:in|in de|in the|near|bij|на|у|в|\()?\s*(?:the\s+)?",
                        gap,
                        re.I,
                    )
                )
                strength = 6.0 if close else 2.5
                if other.qualifier == RAION_QUALIFIER:
                    # Its raion when the raion follows, with no other place between ("dit
                    # Zaporizke is een gehucht in het district Synelnykove"); else only its
                    # oblast, and weakly: the sentence's next village may lie a raion away.
                    between = bisect_left(towns, other.start) - bisect_left(towns, end)
                    if other.start > end and not between and len(gap) <= RAION_REACH:
                        strength = RAION_HINT
                    else:
                        region = gazetteer.region(region.region.removesuffix(" Oblast"))
                        if region is None:
                            continue
                if strength > mention.region_hint_strength:
                    mention.region_hint = region
                    mention.region_hint_strength = strength
                    if close:
                        # "Невського та Макіївки на Луганщині": the list's region, for the
                        # names it can hold ("South of Dovhenke, Dolyna and Bohorodychne in
                        # Donetsk oblast": Dovhenke lies across the line, in Kharkiv oblast).
                        for listed in run[:-1]:
                            if listed.region_hint_strength < strength and any(
                                in_hinted_region(c, region) for c in listed.candidates
                            ):
                                listed.region_hint, listed.region_hint_strength = region, strength
        stripped = LEADING_NUMBER.sub("", after, count=1).lstrip(" ,(–—-")
        hint = DISTANCE_HINT.match(stripped) or CYRILLIC_HINT.match(stripped)
        found = _distance_hint(hint) if hint else None
        if found and HINT_FOR_NEXT.match(stripped, hint.end()):
            found = None  # "…, east of Chasiv Yar near Ivanivske": the next place's hint
        if found is None and NEAR_BEFORE.search(text, max(0, mention.start - 40), mention.start):
            hint = HINT_BEFORE.search(text, max(0, mention.start - 90), mention.start)
            found = _distance_hint(hint) if hint else None
            leading = found
        elif found is None and leading is not None and joined:
            # "north of Kupiansk near Dvorichna, Zapadne, and Holubivka": the whole list.
            mention.distance_hint = leading
            previous = mention
            continue
        if not (found and found is leading):
            leading = None
        if found is None and (aside := ASIDE.match(after)):
            # "Krasnohorivka (2) (the village north of Avdiivka, not the town near Marinka)"
            hint = DISTANCE_HINT.search(aside.group("inside"))
            found = _distance_hint(hint) if hint else None
        if found:
            mention.distance_hint = found
            # "Pivnichne and Zalizne (both east of Toretsk)", "поблизу Котлиного, Удачного
            # та Шевченка на південь від Покровська": the hint after a list is the list's.
            anchor = normalize_name(found[0])
            for listed in run[:-1]:
                if not listed.distance_hint and normalize_name(listed.written) != anchor:
                    listed.distance_hint = found
        previous = mention
    _share_hints(mentions)
    return consumed


def _share_hints(mentions: list[Mention]) -> None:
    """A name told again without a hint is the place told first with one: "Kostiantynivka
    (northeast of Vuhledar). This Kostiantynivka is a village on the Vuhledar road"."""
    told: dict[str, list[Mention]] = {}
    for mention in mentions:
        told.setdefault(normalize_name(mention.written), []).append(mention)
    for same in told.values():
        hinted = [
            m for m in same if m.distance_hint or m.region_hint_strength >= SHARED_HINT_STRENGTH
        ]
        if not hinted or len(hinted) == len(same):
            continue
        source = hinted[0]
        for mention in same:
            if mention.distance_hint:
                continue
            mention.distance_hint = source.distance_hint
            if source.region_hint_strength > mention.region_hint_strength:
                mention.region_hint = source.region_hint
                mention.region_hint_strength = source.region_hint_strength


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


def _cyrillic_bearing(words: str) -> float | None:
    """The bearing Ukrainian or Russian words give: "південний захід", "северо-западнее"."""
    words = words.lower()
    north = "північ" in words or "север" in words
    south = "півд" in words or "юг" in words or "южн" in words
    east = "схід" in words or "східн" in words or "восток" in words or "восточн" in words
    west = "захід" in words or "західн" in words or "запад" in words
    if north or south:
        base = 0.0 if north else 180.0
        if east or west:
            return (base + 45.0) % 360 if east == north else (base - 45.0) % 360
        return base
    return 90.0 if east else 270.0 if west else None


def _distance_hint(hint: re.Match) -> tuple[str, float | None, float | None] | None:
    """(anchor, km, bearing) of a hint that says how far or which way, else None."""
    if "dir_adverb" in hint.re.groupindex:
        bearing = _cyrillic_bearing(hint.group("dir") or hint.group("dir_adverb") or "")
    else:
        direction = re.sub(r"(ern)$", "", (hint.group("dir") or "").lower().replace("-", ""))
        bearing = DIRECTIONS.get(direction)
    km = float(hint.group("km").replace(",", ".")) if hint.group("km") else None
    if bearing is None and km is None:
        return None
    # "south of Zaporizhzhia city", "northeast of Kharkiv City": the city's name.
    return re.sub(r"\s+(?i:city|stad)$", "", hint.group("anchor")), km, bearing
