"""
Ukraine's hromadas (the communities of a raion) named in running text: "Юнаківська громада",
"у Великописарівській громаді", "Марганецька та Червоногригорівська громади", "the
Pokrovske hromada", "Yunakivka community". A regional administration reports shelling by
hromada; a hromada is named after its centre, and stands for it: the centre is the
mention's candidate (every oblast's hromada of that name, for the resolver to choose from).
"""

import re
from functools import cache

from ..text import normalize_name
from .gazetteer import Gazetteer, Mention, PlaceCandidate
from .objects import WORD
from .regions import holds_any
from .romanize import romanize

HROMADA_WORDS = r"громад[аиіуою]*"
# "Юнаківська громада", "у Великописарівській громаді", "Середино-Будська селищна
# громада", "Марганецька та Червоногригорівська громади", "Хотінська, Юнаківська … та
# Глухівська громади": the adjectives, then the word.
_ADJECTIVE = r"[А-ЯІЇЄҐ][\w'’-]{1,40}?(?:ськ|цьк|зьк)(?:а|ій|ої|у|ою|і|их)"
_KIND = r"(?:(?:міськ|селищн|сільськ)\w*\s+)?(?:територіальн\w*\s+)?"
CYRILLIC_HROMADAS = re.compile(
    rf"(?P<list>{_ADJECTIVE}(?:\s*,\s*{_ADJECTIVE})*(?:,?\s+(?:та|і|й|и)\s+{_ADJECTIVE})?)"
    rf"\s+{_KIND}{HROMADA_WORDS}\b"
)
CYRILLIC_ADJECTIVE = re.compile(_ADJECTIVE)
# "the Pokrovske hromada", "Velykopysarivska hromada", "Yunakivka community", "the
# Marhanets and Chervonohryhorivka hromadas".
_LATIN_NAME = rf"{WORD}(?:\s+{WORD})?"
LATIN_HROMADAS = re.compile(
    rf"(?P<list>{_LATIN_NAME}(?:\s*,\s*{_LATIN_NAME})*(?:,?\s+(?:and|en|und)\s+{_LATIN_NAME})?)"
    r"\s+(?:(?:urban|rural|settlement|city|territorial)\s+)*(?i:hromadas?|communit(?:y|ies))\b"
)
LATIN_NAME = re.compile(_LATIN_NAME)
_FEMININE = re.compile(r"(ськ|цьк|зьк)\w*$")
# A hromada's adjective without its ending, and its centre's name without its own, come to
# one key with the vowels that alternate folded ("Myrivska" and Myrove: myriv; "Velyko-
# pysarivska" and Velyka Pysarivka: vilykipysiriv; "Myropilska" and Myropillia: myripil).
_ADJECTIVE_END = re.compile(r"(?:s'?ka|ka)$")
_NAME_END = re.compile(r"(?:lia|ia|ka|sk|ske|skyi|e|o|a|y|i)$")
_FOLD = str.maketrans({"a": "i", "o": "i", "e": "i", "'": None, " ": None, "-": None})


def _key(stem: str) -> str:
    return re.sub(r"i+", "i", stem.translate(_FOLD))


@cache
def _centres(gazetteer: Gazetteer) -> dict[str, list[PlaceCandidate]]:
    """Each hromada's centre, by its adjective's consonants and by its centre's name."""
    members: dict[tuple[str, str], list[PlaceCandidate]] = {}
    for candidates in gazetteer.index.values():
        for c in candidates:
            if (
                c.kind == "settlement"
                and c.hromada
                and c not in members.get((c.region, c.hromada), ())
            ):
                members.setdefault((c.region, c.hromada), []).append(c)
    found: dict[str, list[PlaceCandidate]] = {}
    for (_region, hromada), settlements in members.items():
        adjective = normalize_name(hromada.removesuffix(" hromada"))
        stem = _key(_ADJECTIVE_END.sub("", adjective))
        centre = next(
            (
                c
                for c in sorted(settlements, key=lambda c: -c.population)
                if _key(_NAME_END.sub("", normalize_name(c.name))) == stem
            ),
            None,
        )
        if centre is None:
            continue
        for key in {stem, normalize_name(centre.name)}:
            bucket = found.setdefault(key, [])
            if centre not in bucket:
                bucket.append(centre)
    return found


def _hromada(gazetteer: Gazetteer, written: str) -> list[PlaceCandidate]:
    """The centres of the hromadas ``written`` may name: by the hromada's adjective
    ("Великописарівській", "Velykopysarivska"), or in Latin letters by its centre's name."""
    centres = _centres(gazetteer)
    if written[:1] >= "А":
        # "Великописарівській" -> Великописарівська -> velykopysarivska
        written = romanize(_FEMININE.sub(lambda m: m.group(1) + "а", written))
    key = normalize_name(written)
    if key.endswith("ska") or key.endswith("s'ka"):
        return centres.get(_key(_ADJECTIVE_END.sub("", key)), [])
    return centres.get(key, [])


def find_hromada_mentions(text: str, gazetteer: Gazetteer, free, taken) -> list[Mention]:
    """The hromadas ``text`` names, as their centres; ``taken`` grows by their names."""
    mentions: list[Mention] = []
    matches = []
    if "громад" in text:
        matches += [(m, CYRILLIC_ADJECTIVE) for m in CYRILLIC_HROMADAS.finditer(text)]
    if holds_any(text.lower(), ("hromad", "communit")):
        matches += [(m, LATIN_NAME) for m in LATIN_HROMADAS.finditer(text)]
    for match, name_pattern in matches:
        if not free(*match.span()):
            continue
        offset = match.start("list")
        for name in name_pattern.finditer(match.group("list")):
            # "The Marhanets hromada", "Velyka Pysarivka community": the whole, or its end.
            written, start = name.group(0), offset + name.start()
            while not (centres := _hromada(gazetteer, written)) and " " in written:
                head, written = written.split(" ", 1)
                start += len(head) + 1
            if centres:
                # (A name that is no hromada's is left to be read as a place of its own.)
                mentions.append(Mention(written=written, start=start, candidates=centres))
                taken.append((start, start + len(written)))
    return mentions
