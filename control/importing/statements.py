"""
Stated changes of control in Dutch and English prose: "Rusland is erin geslaagd om Krasna
Hora onder controle te krijgen", "Ukrainian forces liberated Kherson", "Russian troops
withdrew from Lyman", "Bakhmut is in Russian hands".

Pure: text and the place names the importer found in it in, ``Statement`` dataclasses out.

Precision over recall (a wrong suggestion costs an editor more than a missing one):

- a place counts only in the slot the change verb governs — right after an active verb
  ("captured X", "trekt zich terug uit X"), or as the subject of a passive or stative phrase
  at the start of a clause ("X was captured", "om X onder controle te krijgen");
  "villages south of X were retaken" never yields X, nor does "X's outskirts";
- who made the change must be named in the sentence (a side, or "by/door" a side);
  otherwise nothing is suggested;
- negated, attempted, planned or hypothetical changes ("failed to capture", "probeert …
  in te nemen", "could fall") are skipped.
"""

import re
from dataclasses import dataclass

RUSSIA, UKRAINE = "russia", "ukraine"
CLAIMED, ASSESSED = "claimed", "assessed"

_BORDER = r"(?!\s+(?:border|grens|grenzen|territory|grondgebied|soil|bodem|side|kant|zijde)\b)"
SIDES = [
    (
        RUSSIA,
        re.compile(
            r"\b(?:Russia|Russian|Russians|Russia's|Rusland|Russische|Russisch|Russen|Wagner|"
            r"Noord-Koreaanse|North Korean)\b" + _BORDER,
            re.I,
        ),
    ),
    (
        UKRAINE,
        re.compile(
            r"\b(?:Ukraine|Ukrainian|Ukrainians|Ukraine's|Oekraïne|Oekraïense|Oekraïens|"
            r"Oekraïners|Kyiv's forces|AFU|ZSU)\b" + _BORDER,
            re.I,
        ),
    ),
]
OTHER = {RUSSIA: UKRAINE, UKRAINE: RUSSIA}

# Who says so. Analysts make an observation "assessed"; anyone else "claimed".
CLAIMANTS = [
    (re.compile(r"\b(?:ISW|Institute for the Study of War)\b", re.I), "ISW", ASSESSED),
    (re.compile(r"\bDeep ?State(?:Map)?\b", re.I), "DeepState", ASSESSED),
    (
        re.compile(
            r"\b(?:Russian (?:MoD|Ministry of Defen[cs]e|Defen[cs]e Ministry)|"
            r"Russische ministerie van Defensie|Russisch ministerie van Defensie|"
            r"Kremlin)\b",
            re.I,
        ),
        "Russian MoD",
        CLAIMED,
    ),
    (
        re.compile(
            r"\b(?:Ukrainian General Staff|General Staff of (?:the )?Ukrain\w*|"
            r"Oekraïense (?:generale staf|legerleiding)|Generale Staf)\b",
            re.I,
        ),
        "Ukrainian General Staff",
        CLAIMED,
    ),
    (
        re.compile(r"\b(?:mil-?bloggers?|military bloggers?|milbloggers?)\b", re.I),
        "milblogger",
        CLAIMED,
    ),
]

NEGATION = re.compile(
    r"\b(?:not|never|no longer|failed|fail|fails|attempt\w*|try|tries|trying|tried|aim\w*|"
    r"plan\w*|could|would|might|may|will|want\w*|seek\w*|threat\w*|denied|denies|"
    r"niet|geen|nooit|proberen|probeert|probeerde\w*|poging\w*|willen|wil|wilde\w*|"
    r"zal|zullen|zou|zouden|kan|kunnen|dreig\w*|ontken\w*)\b[^.;]{0,25}$",
    re.I,
)

# Active verbs whose object follows: (pattern, who ends up holding it: "actor" or "other").
OBJECT_AFTER = [
    (
        r"(?:captured|has captured|have captured|seized|took control of|taken control of|"
        r"took full control of|gained control of|(?:established|established full|"
        r"established complete) control over|took|has taken|have taken|recaptured|retook|"
        r"liberated|has liberated|have liberated|cleared|"
        r"claimed (?:the )?(?:capture|liberation|seizure|control) of|"
        r"announced (?:the )?(?:capture|liberation) of|"
        r"veroverde|veroverden|heroverde|heroverden|bevrijdde|bevrijdden)",
        "actor",
    ),
    (
        r"(?:withdrew from|has withdrawn from|have withdrawn from|had withdrawn from|"
        r"retreated from|pulled out of|pulled back from|abandoned|"
        r"(?:trekt|trekken|trok|trokken) zich (?:\w+ )?terug uit|"
        r"(?:heeft|hebben) zich (?:\w+ )?teruggetrokken uit)",
        "other",
    ),
]
# Phrases that follow their place: (pattern, holder) — holder a side, "actor" or "by".
SUBJECT_BEFORE = [
    (r"(?:is|are|was|were|remains?|bleef|blijft|is nu|are now|is now)\s+(?:now\s+)?"
     r"(?:in|under)\s+Russian\s+(?:hands|control)", RUSSIA),
    (r"(?:is|are|was|were|remains?|is now|are now)\s+(?:now\s+)?(?:in|under)\s+Ukrainian\s+"
     r"(?:hands|control)", UKRAINE),
    (r"(?:is|zijn|was|waren|blijft|bleef)\s+(?:nu\s+)?in\s+Russische\s+handen", RUSSIA),
    (r"(?:is|zijn|was|waren|blijft|bleef)\s+(?:nu\s+)?in\s+Oekraïense\s+handen", UKRAINE),
    (r"(?:is|zijn|was|waren|staat|staan)\s+(?:nu\s+)?onder\s+Russische\s+controle", RUSSIA),
    (r"(?:is|zijn|was|waren|staat|staan)\s+(?:nu\s+)?onder\s+Oekraïense\s+controle", UKRAINE),
    (r"(?:has|have|had)?\s*(?:fallen|fell)\s+(?:to|into)\s+(?:the\s+)?Russian", RUSSIA),
    (r"(?:has|have|had)?\s*(?:fallen|fell)\s+(?:to|into)\s+(?:the\s+)?Ukrainian", UKRAINE),
    (r"(?:is|zijn|was|waren)\s+(?:gevallen\s+)?in\s+Russische\s+handen\s+gevallen", RUSSIA),
    (r"onder\s+(?:\w+\s+)?controle\s+(?:te\s+)?(?:krijgen|gekregen|kregen|kreeg|nemen|genomen|"
     r"nam|namen|brengen|gebracht|brachten|bracht)", "actor"),
    (r"(?:hebben|heeft)\s+(?:kunnen\s+)?(?:veroveren|heroveren|innemen|bevrijden)", "actor"),
    (r"(?:has|have|had)\s+been\s+(?:captured|liberated|taken|recaptured|retaken|seized|"
     r"occupied)|(?:was|were)\s+(?:captured|liberated|taken|recaptured|retaken|seized|occupied)",
     "by"),
    (r"(?:is|zijn|werd|werden|was|waren)\s+(?:door\s+[^,.;]{1,40}\s+)?(?:heroverd|veroverd|"
     r"bevrijd|ingenomen)", "by"),
    (r"(?:door\s+[^,.;]{1,40}\s+)?(?:heroverd|veroverd|bevrijd|ingenomen)", "aux"),
]  # fmt: skip

# Compiled once: the patterns are tried at every place of every sentence of an import.
_OBJECT_AFTER = [(re.compile(rf"\b{verbs}\b", re.I), holder) for verbs, holder in OBJECT_AFTER]
_SUBJECT_BEFORE = [
    (re.compile(rf"\s*(?:{phrase})\b", re.I), holder) for phrase, holder in SUBJECT_BEFORE
]
_NUMBER_FIRST = re.compile(r"^\s*\(\d{1,3}\)")

# What may stand between an active verb and its object, or open the clause of a subject.
OBJECT_FILLER = re.compile(
    r"^\s*(?:(?:the|het|de)\s+)?(?:(?:village|town|city|settlement|hamlet|dorp|dorpje|stad|"
    r"stadje|plaats|nederzetting)\s+(?:of\s+)?)?$",
    re.I,
)
CLAUSE_OPENER = re.compile(
    r"(?:^|[,;:—–(]|\b(?:that|dat|while|terwijl|after|nadat|now|nu|om|since|sinds|"
    r"the\s+(?:village|town|city|settlement)\s+of|(?:het|de)\s+(?:dorp|dorpje|stad|stadje|"
    r"plaats))|\b(?:village|town|city)\s+of)\s*$",
    re.I,
)
_NOT_A_PREPOSITION = (
    r"(?!(?:bij|rond|rondom|nabij|van|ten|naar|richting|buiten|uit|in|aan|op|om|near|of|"
    r"around|from)\b)"
)
# "heeft [Rusland] X heroverd", "is X door … ingenomen": the auxiliary and at most two words (never a preposition).
AUX_OPENER = re.compile(
    rf"\b(?:heeft|hebben|had|hadden|is|zijn|werd|werden)\s+(?:{_NOT_A_PREPOSITION}\w+\s+){{0,2}}$",
    re.I,
)
# "in liberated Kherson", "the recaptured village": an adjective, not a change.
ATTRIBUTIVE = re.compile(
    r"(?:\b(?:in|the|a|an|newly|recently|recent|of|from|de|het|een|pas)\s+|-)$", re.I
)
MAP_NUMBER = r"(?:\s*\(\d{1,3}\))?"
LIST_JOIN = re.compile(MAP_NUMBER + r"\s*(?:,\s*(?:and\s+|en\s+)?|\s+and\s+|\s+en\s+)", re.I)
SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]*[A-Z0-9À-ÖØ-Þ])|\n+")


@dataclass(frozen=True)
class Statement:
    place: str  # the name as given by the caller
    status: str  # "russia" or "ukraine"
    basis: str  # "claimed" or "assessed"
    claimed_by: str
    sentence: str


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.split(text) if s and s.strip()]


def _sides(text: str) -> list[tuple[int, str]]:
    found = [(m.start(), side) for side, pattern in SIDES for m in pattern.finditer(text)]
    return sorted(found)


def _actor_before(sentence: str, position: int) -> str | None:
    sides = [side for start, side in _sides(sentence) if start < position]
    return sides[-1] if sides else None


def _by_actor(rest: str) -> str | None:
    match = re.match(r"\s*(?:by|door)\s+([^,.;]{1,60})", rest, re.I)
    if match:
        sides = _sides(match.group(1))
        return sides[0][1] if sides else None
    return None


def _claimant(sentence: str) -> tuple[str, str]:
    for pattern, name, basis in CLAIMANTS:
        if pattern.search(sentence):
            return name, basis
    return "", CLAIMED


def _names_pattern(names: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-]|['’]s\b)", re.I)


def find_control_statements(text: str, *, names: list[str]) -> list[Statement]:
    """
    Changes of control ``text`` states about the places called ``names`` (as written in it).
    One statement per place and sentence; the first place-verb match in a sentence wins.
    """
    names = [n for n in names if n and n.strip()]
    if not names:
        return []
    places = _names_pattern(names)
    canonical = {n.casefold(): n for n in names}
    found: dict[tuple[str, str], Statement] = {}
    for sentence in sentences(text):
        if not places.search(sentence):
            continue
        said = _after_verb(sentence, places) + _before_phrase(sentence, places)
        claimant, basis = _claimant(sentence) if said else ("", CLAIMED)
        for place, status in said:
            name = canonical.get(place.casefold(), place)
            key = (name, sentence)
            if key not in found:
                found[key] = Statement(name, status, basis, claimant, sentence)
    return list(found.values())


def _negated(sentence: str, position: int) -> bool:
    return bool(NEGATION.search(sentence[max(0, position - 60) : position]))


def _after_verb(sentence: str, places: re.Pattern) -> list[tuple[str, str]]:
    results = []
    for verbs, holder in _OBJECT_AFTER:
        for verb in verbs.finditer(sentence):
            if _negated(sentence, verb.start()) or ATTRIBUTIVE.search(sentence[: verb.start()]):
                continue
            actor = _actor_before(sentence, verb.start())
            if actor is None:
                continue
            status = actor if holder == "actor" else OTHER[actor]
            position = verb.end()
            while True:
                place = places.search(sentence, position)
                if place is None or not OBJECT_FILLER.match(sentence[position : place.start()]):
                    break
                results.append((place.group(0), status))
                join = LIST_JOIN.match(sentence, place.end())
                if join is None:
                    break
                position = join.end()
    return results


def _before_phrase(sentence: str, places: re.Pattern) -> list[tuple[str, str]]:
    results = []
    for place in places.finditer(sentence):
        rest = sentence[place.end() :]
        rest_after_number = _NUMBER_FIRST.sub("", rest)
        before = sentence[: place.start()]
        for phrase, holder in _SUBJECT_BEFORE:
            match = phrase.match(rest_after_number)
            if match is None:
                continue
            opener = AUX_OPENER if holder == "aux" else CLAUSE_OPENER
            if not opener.search(before) or _negated(sentence, place.start()):
                continue
            after = rest_after_number[match.end() :]
            if holder in (RUSSIA, UKRAINE):
                status = holder
            elif holder in ("by", "aux"):
                status = _by_actor(after) or _door_actor(match.group(0))
                status = status or _actor_before(sentence, place.start())
            else:
                status = _actor_before(sentence, place.start())
            if status is not None:
                results.append((place.group(0), status))
            break
    return results


def _door_actor(phrase: str) -> str | None:
    match = re.search(r"\bdoor\s+(.+)", phrase, re.I)
    if match:
        sides = _sides(match.group(1))
        return sides[0][1] if sides else None
    return None
