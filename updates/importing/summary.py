"""A one-line summary of an update ("what changed"), drawn from its Markdown text.

Pure functions, no database: the import service calls ``summary_refresh`` for each
section it writes. The summary is the opening sentence, joined by the first sentence that
states a change of control when there is one and both fit on one line; an editor's own
summary is never overwritten.
"""

import re

MAX_LENGTH = 200
MIN_SENTENCE = 20

# Verbs of a change of control or of movement of the front, Dutch and English.
CHANGE_WORDS = re.compile(
    r"\b(captur\w*|liberat\w*|took control|taken control|take control|retook|retak\w*|"
    r"recaptur\w*|withdr[ae]w\w*|retreat\w*|advanc\w*|seiz\w*|fell to|fallen|in \w+ hands|"
    r"onder controle|heroverd|heroveren|ingenomen|innemen|veroverd|veroveren|bevrijd\w*|"
    r"trekt? zich\b[^.]*\bterug|teruggetrokken|opgerukt|oprukken)",
    re.IGNORECASE,
)
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
MAP_NUMBER = re.compile(r"\s\(\d{1,3}\)")
HTML_TAG = re.compile(r"<[^>]+>")
EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“‘'(\[]?[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ0-9])")
# Lines that are not prose: headings, quotes of posts, list markers of link lists,
# post signatures ("— Name (@handle) March 6, 2025"), captions and credits.
SKIPPED_LINE = re.compile(r"^\s*(#|>|\||—|-{3,}|\*{3,}|source:|bron:|foto:|photo:|image:)", re.I)


def _prose_lines(markdown: str) -> list[str]:
    lines = []
    for raw in markdown.splitlines():
        line = IMAGE.sub("", raw)
        if not line.strip() or SKIPPED_LINE.match(line):
            continue
        line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line)
        line = LINK.sub(r"\1", line)
        line = URL.sub("", line)
        line = HTML_TAG.sub("", line)
        line = EMPHASIS.sub("", line)
        line = " ".join(line.split())
        if line:
            lines.append(line)
    return lines


def _sentences(markdown: str) -> list[str]:
    sentences = []
    # Paragraphs, not lines: a sentence may run over a line break.
    for paragraph in re.split(r"\n\s*\n", markdown):
        text = " ".join(_prose_lines(paragraph))
        for sentence in SENTENCE_END.split(text):
            sentence = MAP_NUMBER.sub("", sentence).strip()
            if len(sentence) >= MIN_SENTENCE and "@" not in sentence:
                sentences.append(sentence)
    return sentences


def _shorten(text: str, limit: int = MAX_LENGTH) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return f"{cut}…"


def summarize(markdown: str) -> str:
    """One line saying what changed, from an update's Markdown; "" when it has no prose."""
    sentences = _sentences(markdown)
    if not sentences:
        return ""
    first = sentences[0]
    change = next((s for s in sentences if CHANGE_WORDS.search(s)), None)
    if change is None or change == first:
        return _shorten(first)
    both = f"{first} {change}"
    if len(both) <= MAX_LENGTH:
        return both
    return _shorten(change)


def summary_refresh(*, summary: str, old_body: str, new_body: str) -> str:
    """The summary to store when an update's text becomes ``new_body``.

    An editor's summary (one that is not what ``summarize`` made of the old text) stays.
    """
    if summary and summary != summarize(old_body):
        return summary
    return summarize(new_body)
