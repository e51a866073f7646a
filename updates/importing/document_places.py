"""
The places of a whole document: each section's mentions found, decided with the evidence of
every section together, placed on the file's own lines, and the uncertain ones described
for the import report.
"""

from ..models import Place
from .gazetteer import Gazetteer
from .mentions import find_mentions
from .resolve import UncertainMention, resolve_document


def linked_once(links: list[tuple[Place, int | None]]) -> list[tuple[Place, int | None]]:
    """One link per place: two spellings of one place in a text are one place."""
    numbers: dict[int, int | None] = {}
    order: dict[int, Place] = {}
    for place, number in links:
        order.setdefault(place.pk, place)
        numbers[place.pk] = numbers.get(place.pk) or number
    return [(place, numbers[pk]) for pk, place in order.items()]


def document_places(document, gazetteer: Gazetteer, text: str = ""):
    """Every section's places, decided with the evidence of the whole document."""
    raw = text.splitlines()
    sections = []
    for section in document.sections:
        parts = [section.body, *(p.text for p in section.quoted_posts)]
        parts += [i.caption for i in section.images]
        scan = "\n".join(parts)
        mentions = find_mentions(scan, gazetteer)
        for mention in mentions:
            mention.line = _line_of(raw, scan, mention, section.line)
        sections.append((scan, mentions))
    return resolve_document(sections, gazetteer)


def _line_of(raw: list[str], scan: str, mention, first: int) -> int:
    """The document's line a mention is on (the parsed text is not the file's text)."""
    start = scan.rfind("\n", 0, mention.start) + 1
    end = scan.find("\n", mention.start)
    line = scan[start : end if end != -1 else len(scan)]
    offset = mention.start - start
    probe = line[max(0, offset - 20) : offset + len(mention.written) + 20].lstrip("#\\ ")
    for number in range(max(0, first - 1), len(raw)):
        if probe and probe in raw[number]:
            return number + 1
    return first + scan.count("\n", 0, mention.start)


def described(mention: UncertainMention) -> str:
    names = "; ".join(
        f"{c.name} ({', '.join(p for p in (c.hromada, c.region) if p) or c.kind})"
        for c in mention.candidates[:6]
    )
    more = f" and {len(mention.candidates) - 6} more" if len(mention.candidates) > 6 else ""
    if mention.status == "unresolved":
        what = "not linked (cannot tell which)"
    else:
        what = f"linked to {mention.chosen.name} ({mention.chosen.region}) with low confidence"
    return f"line {mention.line}: “{mention.written}” {what}; candidates: {names}{more}"
