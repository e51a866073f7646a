"""
Saved articles: prose with, possibly, a headline, embedded social posts, an author
line and the site's boilerplate (related links, newsletter plugs, "Read Full Article").

Boilerplate is removed from the body and returned separately, so the source record can
keep it for audit.
"""

import contextlib
import datetime
import re
from collections import Counter

from .boilerplate import (
    BLOCK_HEADER,
    BOILERPLATE_LINE,
    EXPORT_MARK,
    NAVIGATION,
    SEPARATOR,
    is_bare_date,
    is_timestamp,
)
from .bylines import (
    ANONYMOUS_BYLINE,
    AUTHOR_LINE,
    PLAIN_NAMES,
    ROLE_BYLINE,
    credited,
    line_authors,
    plain_byline,
)
from .documents import Document, DocumentError, QuotedPostData, Section
from .language import common_words, dates_in, day_without_year, detect_language, looks_ahead
from .posts import HANDLE_LINE, POST_SIGNATURE, extract_posts, signed_posts

BULLET = re.compile(r"^\s*[•·▪►*-]\s+")
SUBHEADING_MAX_WORDS = 5
# What a line of names at the end has that a headline does not: where each wrote from, or
# several names joined ("Anna Petrenko in Kyiv and Mark Ellison in Moscow").
TAIL_LINES = 12  # the byline may stand above a block of topics, share and "Most viewed"
# A line of the story: a sentence that ends ("… on Friday, officials said.").
PROSE_LINE = re.compile(r"^.{60,}[.!?…\"”»]\s*$")
SIGNED = re.compile(r"\s(?:in|uit|aus|and|en|und|і|та|и)\s")
SENTENCE_ENDS = (".", "!", "?", ":", '"', "”", "»", "’", "'")
DATELINE_WORDS = 8
# The place and day an agency story opens with: "POKROVSK, Ukraine, Aug 8 - ".
DATELINE_OPENING = re.compile(
    r"^\s*[A-ZА-ЯІЇЄҐ][^\n]{0,60}?\s[-–—]\s"
)  # words in a dateline beside its numbers, the month's among them


def parse_article(text: str, *, language: str = "") -> Document:
    lines = signed_posts([line.rstrip() for line in text.splitlines()])
    language = language or detect_language(text, default="")
    header = _page_header(lines)
    boilerplate: list[str] = list(header)
    author = ""

    # The author line ends the article; what follows is the site's, not the author's.
    # (Not a byline under the headline: "Автор: …" above a short story.)
    story = next(
        (
            i
            for i, line in enumerate(lines)
            # (ISW's list of a dozen authors' names is a byline, not the story; a long
            # headline has no full stop.)
            if len(line.split()) >= 12
            and not PLAIN_NAMES.match(line)
            and (len(line.split()) >= 25 or line.rstrip().endswith(SENTENCE_ENDS))
        ),
        len(lines),
    )
    for index, line in enumerate(lines):
        match = AUTHOR_LINE.match(line)
        if match and index > max(len(lines) // 3, story):
            author = credited(line) or line_authors(match)
            boilerplate.extend(line for line in lines[index:] if line.strip())
            lines = lines[:index]
            break
    # A byline at the top: "By Jane Doe, Foreign Reporter", "Door onze correspondent ...",
    # or a line of names under the headline.
    top = [i for i, line in enumerate(lines) if line.strip() and not BOILERPLATE_LINE.match(line)][
        :6
    ]
    common = common_words(text)
    for index in top:
        if role := ROLE_BYLINE.match(lines[index]):
            author = author or role.group("name")
            boilerplate.append(lines[index].strip())
            lines[index] = ""
            continue
        if ANONYMOUS_BYLINE.match(lines[index]):
            # "Door onze correspondent in Moskou": the paper's correspondent wrote it.
            author = author or re.sub(r"^\s*\w+\s+\w+\s+", "", lines[index]).strip(" .")
            boilerplate.append(lines[index].strip())
            lines[index] = ""
            continue
        match = AUTHOR_LINE.match(lines[index])
        names = line_authors(match) if match else ""
        if match and not names and len(lines[index]) <= 200:
            # "By Guardian staff and agencies": a newsroom's byline names no one.
            boilerplate.append(lines[index].strip())
            lines[index] = ""
            break
        if not match and index < story and not BLOCK_HEADER.match(lines[index]):
            # Under the headline, before the story; the headline itself only if it lists
            # several people ("Martha Keane, Tomas Rylski, and Karen Whitfield").
            names = plain_byline(lines[index], common)
            names = names if index != top[0] or "," in names else ""
        if names and len(lines[index]) <= 200:
            # The byline names who wrote it; credits at the end may name fewer of them
            # ("By A and B" … "Reporting by A; Editing by B").
            author = _joined(names, author)
            boilerplate.append(lines[index].strip())
            lines[index] = ""
            following = index + 1
            if following < len(lines) and AFFILIATION.match(lines[following]):
                # "BBC News" under the names: whom they write for.
                boilerplate.append(lines[following].strip())
                lines[following] = ""
            break

    # A line of names near the end: "Anna Petrenko in Kyiv and Mark Ellison in Moscow".
    # Only that line goes (a caption naming two people may stand mid-article).
    tail = [i for i, line in enumerate(lines) if line.strip() and i > story][-TAIL_LINES:]
    for index in reversed(tail):
        line = lines[index]
        if BLOCK_HEADER.match(line) or BOILERPLATE_LINE.match(line) or not SIGNED.search(line):
            continue
        names = plain_byline(line, common)
        if names and len(line) <= 200:
            author = author or names
            boilerplate.append(lines[index].strip())
            lines[index] = ""
            break

    # A line a document repeats word for word is a page's running header or footer (a
    # report saved from PDF: "www.understandingwar.org   3" differs only by its number).
    running = Counter(_page_furniture_key(line) for line in lines)
    kept: list[tuple[int, str]] = []
    block = False
    for number, line in enumerate(lines, start=1):
        key = _page_furniture_key(line)
        if key and running[key] >= RUNNING_LINE_REPEATS:
            boilerplate.append(line.strip())
            continue
        if BLOCK_HEADER.match(line):
            block = True
            boilerplate.append(line.strip())
            continue
        if block:
            # Headlines under the block's heading: short lines without a closing full stop.
            if not line.strip() or (len(line) <= 140 and not line.rstrip().endswith(".")):
                if line.strip():
                    boilerplate.append(line.strip())
                continue
            block = False
        if BOILERPLATE_LINE.match(line) or is_timestamp(line):
            boilerplate.append(line.strip())
            continue
        if BULLET.match(line) and _isolated(lines, number - 1):
            # A lone bullet between paragraphs is a link to another story.
            boilerplate.append(line.strip())
            continue
        kept.append((number, line))

    posts, kept = extract_posts(kept, language)
    # Rules, and the page's date on a line of its own above the story (once the posts have
    # read theirs; further down, a date line heads a day of a live blog and stays).
    story_starts = next((n for n, line in kept if PROSE_LINE.search(line)), None)
    top = [n for n, line in kept if line.strip() and (story_starts is None or n < story_starts)]
    furniture = {
        n for n, line in kept if SEPARATOR.match(line) or (n in top and is_bare_date(line))
    }
    boilerplate += [line.strip() for n, line in kept if n in furniture]
    kept = [(n, line) for n, line in kept if n not in furniture]
    if (kicker := _kicker(kept, header)) is not None:
        boilerplate.append(kept.pop(kicker)[1].strip())
    title, kept = _headline(kept)
    body = _body(kept)
    if not body.strip() and posts:
        # A thread of posts and nothing else: the posts, quoted, are the text.
        body = "\n\n".join(
            "\n".join(f"> {line}" if line else ">" for line in p.text.splitlines())
            + f"\n>\n> — {p.author_name} (@{p.handle})"
            for p in posts
        )
    if not body.strip():
        raise DocumentError("the document has no text left once boilerplate is removed", line=1)
    section = Section(
        title=title,
        body=body,
        reported_on=_date(lines, body, posts),
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


def _date(lines: list[str], body: str, posts: list[QuotedPostData]):
    """The dateline near the top; else the latest date the text reports (never a plan)."""
    top = [line for line in lines if line.strip()][:5]
    for line in top:
        if (found := dates_in(line)) and _is_dateline(line):
            return found[0]
    dates = [p.posted_on for p in posts if p.posted_on]
    for sentence in re.split(r"(?<=[.!?])\s+|\n", body):
        if not looks_ahead(sentence):
            dates += dates_in(sentence)
    latest = max(dates) if dates else None
    # A dateline without its year ("POKROVSK, Ukraine, Aug 8 - …") takes the year of the
    # dates the story reports.
    for line in top:
        opening = DATELINE_OPENING.match(line)
        words = opening.group(0) if opening else line if _is_dateline(line) else ""
        if latest and words and (day := day_without_year(words)):
            with contextlib.suppress(ValueError):
                dated = datetime.date(latest.year, *day)
                if abs((dated - latest).days) <= 31:
                    return dated
    return latest


def _is_dateline(line: str) -> bool:
    """A line that states a date and little else: "Friday 11 November 2022", "Kyiv, 3 March
    2025", "Published 21 November 2024", "Russian Offensive Campaign Assessment, July 4,
    2024". A sentence of the story ("Russia invaded on 24 February 2022 and …") is not one."""
    words = re.findall(r"[^\W\d_]{2,}", line)
    return len(words) <= DATELINE_WORDS


def _isolated(lines: list[str], index: int) -> bool:
    def neighbour(step):
        i = index + step
        while 0 <= i < len(lines) and not lines[i].strip():
            i += step
        return lines[i] if 0 <= i < len(lines) else ""

    return not BULLET.match(neighbour(-1)) and not BULLET.match(neighbour(1))


RUNNING_LINE_REPEATS = 3
_PAGE_NUMBER = re.compile(r"\s+\d{1,4}\s*$")


def _page_furniture_key(line: str) -> str:
    """A line as a page's header or footer repeats it: without its page number; prose (a
    line of more than 120 characters, or one ending a sentence) never repeats so."""
    text = _PAGE_NUMBER.sub("", line.strip())
    if len(text) > 120 or text.endswith((".", "!", "?")) or len(text) < 4:
        return ""
    if POST_SIGNATURE.match(text) or HANDLE_LINE.match(text):
        return ""  # a thread signs each of its posts alike
    return text


# A newsroom under its writers' names: "BBC News", "Reuters", "The Kyiv Independent".
AFFILIATION = re.compile(r"^\s*(?:The\s+)?(?:[A-Z][\w/&.-]*\s*){1,4}$")
PAGE_HEADER_LINES = 8


def _page_header(lines: list[str]) -> list[str]:
    """
    The page's masthead block: the lines that stand together with its navigation bar near
    the top ("BBC" / "Home | News | Sport …" / "Europe"; "RFE/RL" / "Ukraine | Russia | …" /
    "Russia's War On Ukraine"), blanked in ``lines`` and returned.
    """
    filled = [i for i, line in enumerate(lines) if line.strip()][:PAGE_HEADER_LINES]
    bar = next((i for i in filled if NAVIGATION.match(lines[i])), None)
    # A channel's export: its name, its description and the export's own line, as a block.
    export = next((i for i in filled if EXPORT_MARK.match(lines[i])), None)
    if bar is None and export is None:
        return []
    first = last = bar if bar is not None else export
    width = 90 if bar is not None else 160
    while first > 0 and lines[first - 1].strip() and len(lines[first - 1]) <= width:
        first -= 1
    while last + 1 < len(lines) and lines[last + 1].strip() and len(lines[last + 1]) <= width:
        last += 1
    header = [line.strip() for line in lines[first : last + 1]]
    lines[first : last + 1] = [""] * (last + 1 - first)
    return header


KICKER_WORDS = 6
NAV_ITEM = re.compile(r"\s*[|›»·•]\s*|\s/\s|\s{2,}")


def _kicker(kept: list[tuple[int, str]], header: list[str]) -> int | None:
    """
    The index in ``kept`` of a section label above the headline ("FRONTLINE", "WAR IN
    UKRAINE", "Oorlog in Oekraïne" when the site's menu lists it): a short line on its own,
    then the headline. Not the headline itself.
    """
    filled = [i for i, (_n, line) in enumerate(kept) if line.strip()][:2]
    if len(filled) < 2:
        return None
    first, headline = (kept[i][1].strip() for i in filled)
    alone = filled[0] + 1 < len(kept) and not kept[filled[0] + 1][1].strip()
    if not alone or len(headline) > 200 or headline.endswith((".", ";")):
        return None
    menu = {item.lower() for line in header for item in NAV_ITEM.split(line) if item}
    shouting = (
        any(ch.isalpha() for ch in first)
        and first.upper() == first
        and len(first.split()) <= KICKER_WORDS
    )
    return filled[0] if shouting or first.lower() in menu else None


def _joined(*authors: str) -> str:
    """Lists of names as one, each name once, in order: "A, B" and "A" -> "A, B"."""
    names = [name.strip() for names in authors for name in names.split(",") if name.strip()]
    return ", ".join(dict.fromkeys(names))


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
