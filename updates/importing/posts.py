"""
Social posts quoted in a document: X posts embedded in an article ("— Name (@handle)
date" under the text), posts copied from X's page, and a Telegram channel's messages. One
pass (``signed_posts``) rewrites every layout into the embedded form; ``extract_posts``
then reads each post back to the text it quotes.
"""

import re

from .boilerplate import BLOCK_HEADER, BOILERPLATE_LINE
from .documents import QuotedPostData
from .language import dates_in, detect_language

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

# A post of several paragraphs, as the article quotes it after "He posted:".
POST_PARAGRAPHS = 4
POST_CHARACTERS = 600


def signed_posts(lines: list[str]) -> list[str]:
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


def extract_posts(kept: list[tuple[int, str]], language: str):
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
