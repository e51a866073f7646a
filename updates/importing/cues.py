"""
What the words around a place mention say about what it names: a river ("on the banks of
the Oskil", "de Donets"), an object named after a town ("the Kakhovka dam"), or a village
("the village of Makiivka", "Makiivka, een dorp aan de Zjerebets", "у селі Іванівка").
"""

import re
from dataclasses import dataclass

from .gazetteer import Mention
from .units import names_object

RIVER_CUES = re.compile(
    r"\b(bank|banks|river|rivier|oever|oevers|oostkant|westkant|linkeroever|rechteroever|"
    r"overkant|crossing|across|stroomopwaarts|delta|ufer|flussaufwärts|flussabwärts|"
    r"берег\w*|берез\w*|дельт\w*|гирл\w*|вздовж|уздовж|вдоль|річк\w*|рік[аиуі]|рек[аиуе]|рекой|fluss\w*)\b",
    re.IGNORECASE,
)
# "the Oskil", "de Donets", "am Dnipro": a bare name after an article (German: after "am";
# towns take "in") is a river or a region, not a town.
ARTICLE_BEFORE = re.compile(
    r"(?<![\w-])(?:the|de|het|am|vom|zum|über den|"
    # "вздовж Дніпра", "через Дніпро", "на Осколе", "за Дніпром": along, across, on, beyond
    # a river (a town is "в"/"у" one).
    r"вздовж|уздовж|вдоль|через|на|за)\s+$",
    re.IGNORECASE,
)
_VILLAGE_WORD = (
    r"village|hamlet|dorp|dorpje|gehucht|dorf|dörfchen|weiler|"
    r"село|селі|селом|села|деревн\w+|хутор\w*"
)
# "the (small) village of X", "het dorp X", "das Dorf X", "у селі X", "в деревне X".
VILLAGE_BEFORE = re.compile(
    rf"(?<![\w-])(?:{_VILLAGE_WORD})\s+(?:(?:of|van|von)\s+)?$", re.IGNORECASE
)
# "X (5), een dorp aan de rivier", "X, a village north of …", "X is a small village".
VILLAGE_AFTER = re.compile(
    r"\s*(?:\(\d{1,2}\))?\s*(?:,|\bis\b|\bwas\b|—|–|-)\s*"
    r"(?:(?:a|an|een|ein|eine|the|het|das)\s+)?(?:(?:small|tiny|little|front-line|frontline|"
    r"klein\w*|kleines)\s+)?"
    rf"(?:{_VILLAGE_WORD})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cues:
    """What the words around a mention say: whether they call for a river (asked only when
    its candidates are of several kinds), whether they name an object after it, and
    whether they call it a village."""

    wants_river: bool | None
    names_object: bool
    village: bool = False


def cues_of(mention: Mention, text: str) -> Cues:
    end = mention.start + len(mention.written)
    wants_river = None
    if len({c.kind for c in mention.candidates}) > 1:
        window = text[max(0, mention.start - 40) : end + 40]
        before = text[max(0, mention.start - 8) : mention.start]
        wants_river = bool(RIVER_CUES.search(window) or ARTICLE_BEFORE.search(before))
    village = bool(
        VILLAGE_BEFORE.search(text, max(0, mention.start - 30), mention.start)
        or VILLAGE_AFTER.match(text, end, end + 60)
    )
    return Cues(wants_river, names_object(text, mention), village)
