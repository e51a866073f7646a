"""
Saved articles: prose with, possibly, a headline, embedded social posts, an author
line and the site's boilerplate (related links, newsletter plugs, "Read Full Article").

Boilerplate is removed from the body and returned separately, so the source record can
keep it for audit.
"""

import re

from .documents import Document, DocumentError, QuotedPostData, Section
from .language import dates_in, detect_language

# "— MD (@distant_earth83) March 6, 2025"
POST_SIGNATURE = re.compile(
    r"^\s*[—–-]\s*(?P<name>[^(@]+?)\s*\(@(?P<handle>\w{1,30})\)\s*(?P<date>.+?)\s*$"
)
PIC_LINK = re.compile(r"\s*\b(pic\.twitter\.com/\w+|https?://t\.co/\w+)\s*")
AUTHOR_LINE = re.compile(
    r"^\s*(?:Over de auteur|About the author|Door|By|Author|Auteur|Tekst)\s*:?\s+"
    r"(?P<name>[A-ZÀ-Ý][\w.'’-]+(?:\s+(?:[a-z]{1,3}\s+)*[A-ZÀ-Ý][\w.'’-]+){0,3})",
)
BOILERPLATE_LINE = re.compile(
    r"^\s*(Source:\s*Read Full Article|Read (more|full article)|Lees (ook|meer)|Related:|"
    r"Gerelateerd|Advertentie|Advertisement|Share this|Deel dit|"
    r".*\b(sign up|subscribe|newsletters?|nieuwsbrief|abonneer)\b.*)\s*\.?$",
    re.IGNORECASE,
)
BULLET = re.compile(r"^\s*[•·▪►*-]\s+")
SUBHEADING_MAX_WORDS = 5


def parse_article(text: str, *, language: str = "") -> Document:
    lines = [line.rstrip() for line in text.splitlines()]
    language = language or detect_language(text, default="")
    boilerplate: list[str] = []
    author = ""

    # The author line ends the article; what follows is the site's, not the author's.
    for index, line in enumerate(lines):
        match = AUTHOR_LINE.match(line)
        if match and index > len(lines) // 3:
            author = match.group("name").strip()
            boilerplate.extend(line for line in lines[index:] if line.strip())
            lines = lines[:index]
            break

    kept: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if BOILERPLATE_LINE.match(line):
            boilerplate.append(line.strip())
            continue
        if BULLET.match(line) and _isolated(lines, number - 1):
            # A lone bullet between paragraphs is a link to another story.
            boilerplate.append(line.strip())
            continue
        kept.append((number, line))

    posts, kept = _extract_posts(kept, language)
    title, kept = _headline(kept)
    body = _body(kept)
    if not body.strip():
        raise DocumentError("the document has no text left once boilerplate is removed", line=1)
    # Undated in the text? Then the latest date it states: its posts, or the prose.
    dates = [p.posted_on for p in posts if p.posted_on] + dates_in(body)
    section = Section(
        title=title,
        body=body,
        reported_on=max(dates) if dates else None,
        line=1,
        quoted_posts=posts,
    )
    return Document(
        kind="article",
        language=language,
        sections=[section],
        title=title,
        author=author,
        boilerplate=boilerplate,
    )


def _isolated(lines: list[str], index: int) -> bool:
    def neighbour(step):
        i = index + step
        while 0 <= i < len(lines) and not lines[i].strip():
            i += step
        return lines[i] if 0 <= i < len(lines) else ""

    return not BULLET.match(neighbour(-1)) and not BULLET.match(neighbour(1))


def _extract_posts(kept: list[tuple[int, str]], language: str):
    """Embedded posts end with a signature line; their text runs back to the prose."""
    posts: list[QuotedPostData] = []
    consumed: set[int] = set()
    for position, (_number, line) in enumerate(kept):
        signature = POST_SIGNATURE.match(line)
        if not signature:
            continue
        post_dates = dates_in(signature.group("date"))
        start = position
        post_language = ""
        while start > 0:
            previous_number, previous = kept[start - 1]
            if previous_number in consumed or POST_SIGNATURE.match(previous):
                break
            if not previous.strip():
                break
            line_language = detect_language(previous, default="")
            if language and line_language == language and start < position:
                break
            post_language = post_language or line_language
            start -= 1
        text_lines = [kept[i][1] for i in range(start, position)]
        joined = "\n".join(text_lines)
        links = PIC_LINK.findall(joined)
        text = PIC_LINK.sub(" ", joined).strip()
        posts.append(
            QuotedPostData(
                author_name=signature.group("name").strip(),
                handle=signature.group("handle"),
                posted_on=post_dates[0] if post_dates else None,
                url=f"https://{links[0]}"
                if links and not links[0].startswith("http")
                else (links[0] if links else ""),
                text=re.sub(r"[ \t]+\n", "\n", text),
                language=detect_language(text, default=post_language),
            )
        )
        consumed.update(kept[i][0] for i in range(start, position + 1))
    return posts, [(n, line) for n, line in kept if n not in consumed]


def _headline(kept: list[tuple[int, str]]):
    """A short first line without a full stop, followed by a blank line, is the headline."""
    content = [(n, line) for n, line in kept]
    while content and not content[0][1].strip():
        content.pop(0)
    if len(content) >= 2:
        first = content[0][1].strip()
        if not content[1][1].strip() and len(first) <= 150 and not first.endswith((".", ":", ";")):
            return first, content[1:]
    return "", content


def _body(kept: list[tuple[int, str]]) -> str:
    """Paragraphs as Markdown; short stand-alone lines inside the text become subheadings."""
    lines = [line.strip() for _, line in kept]
    paragraphs: list[str] = []
    for index, line in enumerate(lines):
        if not line:
            continue
        is_subheading = (
            0 < index < len(lines) - 1
            and len(line.split()) <= SUBHEADING_MAX_WORDS
            and not re.search(r"[.!?:;,”\"]$", line)
            and line[0].isupper()
        )
        paragraphs.append(f"### {line}" if is_subheading else _escape_markdown(line))
    return "\n\n".join(paragraphs)


def _escape_markdown(line: str) -> str:
    # Plain text from a web page: a leading "#", "1." or ">" is not meant as Markdown.
    return re.sub(r"^([#>]|\d+\.)", r"\\\1", line)
