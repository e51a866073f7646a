"""
Works named by a name of their own: "the Azot chemical plant", "luchthaven Antonov", "the
Sevmorzavod shipyard", "de terminal Sjeschcharis" are objects of that name. (Works named by
a town, "the Zaporizhzhia nuclear plant", are the town's object: see units.py.)
"""

import re

from ..text import normalize_name
from .gazetteer import Gazetteer, Mention
from .language import LEADING_WORDS
from .objects import MAP_NUMBER_AFTER, QUOTE, WORD, known_objects, object_candidate
from .romanize import romanize
from .units import OBJECT_NAMES

# The kind of works each head word names, in the object's English name: the words a town's
# works are named with (units.py), and those only works of their own names take.
HEADS = {
    **OBJECT_NAMES,
    "hydroelectric power station": "Hydroelectric Power Plant", "steelworks": "Steel Plant",
    "shipyard": "Shipyard", "oil terminal": "Oil Terminal", "terminal": "Oil Terminal",
    # Before the name: "de kerncentrale van Zaporizja", "luchthaven Antonov".
    "akw": "Nuclear Power Plant", "kolencentrale": "Thermal Power Plant",
    "krachtcentrale": "Power Plant", "flughafen": "Airport", "aéroport": "Airport",
    "centrale nucléaire": "Nuclear Power Plant", "scheepswerf": "Shipyard", "werft": "Shipyard",
    "olieterminal": "Oil Terminal", "ölterminal": "Oil Terminal", "верф": "Shipyard",
    "термінал": "Oil Terminal", "терминал": "Oil Terminal",
    # Pipelines have names of their own, whatever village shares them ("Druzhba").
    "pipeline": "Pipeline", "oil pipeline": "Pipeline", "gas pipeline": "Pipeline",
    "pijpleiding": "Pipeline", "oliepijpleiding": "Pipeline", "gaspijpleiding": "Pipeline",
    "ölpipeline": "Pipeline", "gaspipeline": "Pipeline", "нафтопровід": "Pipeline",
    "нефтепровод": "Pipeline", "газопровід": "Pipeline", "газопровод": "Pipeline",
}  # fmt: skip
PIPELINE = "Pipeline"
_AFTER_HEADS = (
    r"(?:nuclear|thermal|hydroelectric)\s+power\s+(?:plant|station)|power\s+(?:plant|station)|"
    r"oil\s+refinery|chemical\s+plant|steel\s+plant|steelworks|airport|shipyard|"
    r"oil\s+terminal|terminal|(?-i:NPP|TPP|HPP|CHP)|(?:oil\s+|gas\s+)?pipeline|"
    r"(?:olie|gas)?pijpleiding|(?:öl|gas)?pipeline|нафтопровід|нефтепровод|газопровід|газопровод"
)
_BEFORE_HEADS = (
    r"kerncentrale|kernkraftwerk|atomkraftwerk|(?-i:AKW)|warmtekrachtcentrale|kolencentrale|"
    r"krachtcentrale|kraftwerk|luchthaven|vliegveld|flughafen|aéroport|centrale nucléaire|"
    r"scheepswerf|werft|olieterminal|ölterminal|terminal|верф[іи]?|(?:нафтов\w+\s+)?термінал|"
    r"терминал"
)
WORKS = re.compile(
    rf"(?<![\w-])(?P<name>{WORD})(?:\s+|-)(?P<head>(?i:{_AFTER_HEADS}))\b"
    rf"|(?<![\w-])(?P<head_before>(?i:{_BEFORE_HEADS}))\s+(?:(?i:van|von|de|du|d')\s*)?"
    rf"{QUOTE}(?P<before>{WORD}){QUOTE}"
)
# Words one of the heads holds: a text with none of them skips the pattern.
TRIGGERS = (
    "power", "refinery", "plant", "steelworks", "airport", "shipyard", "terminal", "npp", "tpp",
    "hpp", "chp", "centrale", "kraftwerk", "akw", "luchthaven", "vliegveld", "flughafen",
    "aéroport", "werf", "werft", "верф", "термін", "термин", "pipeline", "pijpleiding",
    "провід", "провод",
)  # fmt: skip


def _head(written: str) -> str:
    key = re.sub(r"\s+", " ", written.lower())
    key = re.sub(r"^нафтов\w+ ", "", key)
    return HEADS.get(key) or HEADS.get(key.rstrip("іи"), "Works")


def find_works_mentions(text: str, gazetteer: Gazetteer, free, taken) -> list[Mention]:
    """The works ``text`` names; ``taken`` grows by every span they cover."""
    lowered = text.lower()
    if not any(word in lowered for word in TRIGGERS):
        return []
    mentions: list[Mention] = []
    for match in WORKS.finditer(text):
        group = "name" if match.group("name") else "before"
        span, name = match.span(group), match.group(group)
        if not free(*span) or normalize_name(name) in LEADING_WORDS:
            continue
        head = _head(match.group("head") or match.group("head_before"))
        if head != PIPELINE and _is_town(gazetteer, name):
            # "the Zaporizhzhia nuclear plant" is an object at a town's name (units.py);
            # "the Feodosiia oil terminal" names the town the strike was at.
            continue
        if known := known_objects(gazetteer, match.group(0), {"other"}):
            found = known[0]
        else:
            label = romanize(name) if name[0] >= "А" else name
            if head == PIPELINE:  # "Droezjba" is spelled as the village Druzhba is
                label = next((c.name for c in gazetteer.lookup(name)), label)
            found = object_candidate(f"{label} {head}", "other", near=None, written=name)
        numbered = MAP_NUMBER_AFTER.match(text, match.end())
        mentions.append(
            Mention(
                written=name,
                start=span[0],
                candidates=[found],
                map_number=int(numbered.group(1)) if numbered else None,
            )
        )
        taken.append((span[0], numbered.end() if numbered else span[1]))
    return mentions


def _is_town(gazetteer: Gazetteer, name: str) -> bool:
    return any(c.kind == "settlement" for c in gazetteer.lookup(name))
