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

# "— MD (@distant_earth83) March 6, 2025"
POST_SIGNATURE = re.compile(
    r"^\s*[—–-]\s*(?P<name>[^(@]+?)\s*\(@(?P<handle>\w{1,30})\)\s*(?P<date>.+?)\s*$"
)
HANDLE_LINE = re.compile(r"^\s*@\w{1,30}\s*$")
COMPACT_HEADER = re.compile(
    r"^\s*(?P<name>\S.{0,60}?)\s+(?P<handle>@\w{1,30})\s*·\s*(?P<date>.{4,40})$"
)
# A message of a Telegram channel's exported history: "Channel name, [10.10.2022 08:41]".
TELEGRAM_HEADER = re.compile(
    r"^\s*(?P<name>[^\[\]]{1,60}?),\s*\[(?P<date>\d{1,2}\.\d{1,2}\.\d{4})"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\]\s*$"
)
PIC_LINK = re.compile(r"\s*\b(pic\.twitter\.com/\w+|https?://t\.co/\w+)\s*")
BULLET = re.compile(r"^\s*[•·▪►*-]\s+")
SUBHEADING_MAX_WORDS = 5
# A post of several paragraphs, as the article quotes it after "He posted:".
POST_PARAGRAPHS = 4
POST_CHARACTERS = 600
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
    lines = _signed_posts([line.rstrip() for line in text.splitlines()])
    language = language or detect_language(text, default="")
    boilerplate: list[str] = _page_header(lines)
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

    posts, kept = _extract_posts(kept, language)
    # Rules, and the page's date on a line of its own above the story (once the posts have
    # read theirs; further down, a date line heads a day of a live blog and stays).
    story_starts = next((n for n, line in kept if PROSE_LINE.search(line)), None)
    top = [n for n, line in kept if line.strip() and (story_starts is None or n < story_starts)]
    furniture = {
        n for n, line in kept if SEPARATOR.match(line) or (n in top and is_bare_date(line))
    }
    boilerplate += [line.strip() for n, line in kept if n in furniture]
    kept = [(n, line) for n, line in kept if n not in furniture]
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
    if bar is None:
        return []
    first = last = bar
    while first > 0 and lines[first - 1].strip() and len(lines[first - 1]) <= 60:
        first -= 1
    while last + 1 < len(lines) and lines[last + 1].strip() and len(lines[last + 1]) <= 60:
        last += 1
    header = [line.strip() for line in lines[first : last + 1]]
    lines[first : last + 1] = [""] * (last + 1 - first)
    return header


def _joined(*authors: str) -> str:
    """Lists of names as one, each name once, in order: "A, B" and "A" -> "A, B"."""
    names = [name.strip() for names in authors for name in names.split(",") if name.strip()]
    return ", ".join(dict.fromkeys(names))


def _signed_posts(lines: list[str]) -> list[str]:
    """
    Posts as sites and apps lay them out, written the way embedded posts are signed ("—
    Lviv Now (@lviv_now) Sep 4, 2024" after the text), so that one reader finds them all:

    - copied from X's page: "Lviv Now" / "@lviv_now" / "Sep 4, 2024" above the text, or
      "Lviv Now @lviv_now · Sep 4, 2024" on one line (a thread, or one post in an article);
    - a Telegram channel's exported messages, "Name, [10.10.2022 08:41]" above each;
    - a channel's posts under its name, after the day's date on a line of its own;
    - an embedded post as X shows it: name and "@handle" over the text, and the time and
      date under it ("7:58 AM · Mar 7, 2025").

    The number of lines is kept: the post's text moves up into its header's lines, the
    signature follows it, and the lines left over are blank.
    """
    lines = _dated_below(lines)
    # A channel's handle, from the line under its name ("Енергетика онлайн" / "@energy_ua").
    handles = {
        lines[i - 1].strip(): line.strip()
        for i, line in enumerate(lines)
        if i and HANDLE_LINE.match(line) and lines[i - 1].strip()
    }
    # (first line of the header, first line of the text, name, handle, date)
    headers = []
    day = ""  # the last date standing alone on its line, as a channel's export dates posts
    for i, line in enumerate(lines):
        if len(line) <= 30 and dates_in(line):
            day = line.strip()
        if i < len(lines) - 1 and _handle_under_name(lines, i) and dates_in(lines[i + 1]):
            headers.append((i - 1, i + 2, lines[i - 1].strip(), line.strip(), lines[i + 1].strip()))
        elif (compact := COMPACT_HEADER.match(line)) and dates_in(compact.group("date")):
            headers.append((i, i + 1, *compact.group("name", "handle", "date")))
        elif (message := TELEGRAM_HEADER.match(line)) and message.group("name") in handles:
            name = message.group("name")
            headers.append((i, i + 1, name, handles[name], message.group("date")))
        elif (
            day
            and line.strip() in handles
            and i + 1 < len(lines)
            and lines[i + 1].strip()
            and not HANDLE_LINE.match(lines[i + 1])
        ):
            # A channel's post as its app shows it: the channel's name over the text.
            headers.append((i, i + 1, line.strip(), handles[line.strip()], day))
    if not headers:
        return lines
    result = list(lines)
    for position, (first, text_from, name, handle, date) in enumerate(headers):
        end = headers[position + 1][0] if position + 1 < len(headers) else len(lines)
        if len(headers) == 1:
            # One post embedded in an article: its text is the paragraph under its date.
            end = next((j for j in range(text_from, len(lines)) if not lines[j].strip()), end)
        last = max(
            (
                j
                for j in range(text_from, end)
                if lines[j].strip()
                and not BLOCK_HEADER.match(lines[j])
                and not BOILERPLATE_LINE.match(lines[j])
            ),
            default=None,
        )
        if last is None:
            continue
        # The post's paragraphs, one after the other: a post is read back to a blank line.
        text = [line for line in lines[text_from : last + 1] if line.strip()]
        signed = [*text, f"— {name} ({handle}) {date}"]
        result[first : last + 1] = signed + [""] * (last + 1 - first - len(signed))
    return result


POST_LINES_MAX = 25


def _handle_under_name(lines: list[str], i: int) -> bool:
    """Line ``i`` is a post's "@handle" under its author's name (not under a signature)."""
    return (
        i > 0
        and bool(HANDLE_LINE.match(lines[i]))
        and bool(lines[i - 1].strip())
        and not lines[i - 1].lstrip().startswith(("—", "-", "@"))
    )


def _dated_below(lines: list[str]) -> list[str]:
    """Posts with their date under the text (name, "@handle", text, "7:58 AM · Mar 7,
    2025"), signed; the number of lines is kept."""
    result = list(lines)
    for i in range(1, len(lines) - 2):
        if not _handle_under_name(lines, i) or not lines[i + 1].strip() or dates_in(lines[i + 1]):
            continue
        for j in range(i + 2, min(len(lines), i + 2 + POST_LINES_MAX)):
            if not lines[j].strip():
                break
            if len(lines[j]) <= 40 and dates_in(lines[j]):
                name, handle, date = lines[i - 1].strip(), lines[i].strip(), lines[j].strip()
                signed = [*lines[i + 1 : j], f"— {name} ({handle}) {date}"]
                result[i - 1 : j + 1] = signed + [""] * (j + 2 - i - len(signed))
                break
    return result


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
            # A post in another language ends where the document's language starts again;
            # a post in the document's own language runs back to the blank line before it.
            if (
                language
                and line_language == language
                and start < position
                and post_language
                and post_language != language
            ):
                break
            if len(previous) > 600:
                break
            post_language = post_language or line_language
            start -= 1
        start = _from_introduction(kept, start, position, consumed)
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


def _from_introduction(kept: list[tuple[int, str]], start: int, end: int, consumed: set[int]):
    """Where a post's text starts when the article introduces it ("He posted:"): after the
    introduction, over the blank lines between the post's paragraphs."""
    if end - start > 1 and kept[start][1].rstrip().endswith(":"):
        return start + 1  # "Een militaire blogger schreef:" is not the post's
    first, size = start, sum(len(kept[i][1]) for i in range(start, end))
    for _ in range(POST_PARAGRAPHS - 1):
        j = first - 1
        while j >= 0 and not kept[j][1].strip():
            j -= 1
        if j < 0 or j == first - 1 or kept[j][0] in consumed or POST_SIGNATURE.match(kept[j][1]):
            return start
        if kept[j][1].rstrip().endswith(":"):
            return first  # the introduction: the post is all that follows it
        paragraph = j
        while paragraph > 0 and kept[paragraph - 1][1].strip():
            paragraph -= 1
        size += sum(len(kept[i][1]) for i in range(paragraph, j + 1))
        if size > POST_CHARACTERS or any(kept[i][0] in consumed for i in range(paragraph, j + 1)):
            return start
        first = paragraph
    return start


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
