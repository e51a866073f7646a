"""
Markdown logs: a document of dated sections, e.g.

    # February 2023
    ## Update 02/02/2023
    prose ... Krasna Hora (1) ...
    Dit was de situatie op 29/01/2023
    ![Alt text](2023-02-Media/20230202b.png)

Each ``##`` heading with a date opens one update; dates are day/month/year. A short
line with a date just before an image is that image's caption, and its date is the date
the image depicts.
"""

import datetime
import re

from .documents import Document, DocumentError, ImageRef, Section
from .language import BadDate, dates_in, detect_language, make_date
from .language import heading_date as date_of_heading

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
IMAGE_LINE = re.compile(
    r"^\s*!\[(?P<alt>[^\]]*)\]\((?P<ref>[^)\s]+)(?:\s+\"(?P<title>[^\"]*)\")?\)\s*$"
)
SHORT_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\b")
CAPTION_MAX = 140
# The longest image path an update keeps (MapImage.original_reference); no file has a longer.
REFERENCE_MAX = 500


def looks_like_log(text: str) -> bool:
    """A Markdown log has at least one level-2 heading that carries a date."""
    return any(
        (m := HEADING.match(line)) and len(m.group(1)) == 2 and date_of_heading(m.group(2))
        for line in text.splitlines()
    )


def heading_date(text: str, line_number: int, year_hint: int | None = None) -> datetime.date:
    year, month, day = date_of_heading(text)
    if not year:
        if not year_hint:
            raise DocumentError(
                f"the heading “{text}” has no year and the log states none before it",
                line=line_number,
            )
        year = year_hint
    try:
        return make_date(year, month, day)
    except BadDate as exc:
        raise DocumentError(
            f"the heading “{text}” has an impossible date: {exc}", line=line_number
        ) from exc


def parse_markdown_log(text: str, *, language: str = "") -> Document:
    lines = text.splitlines()
    title = ""
    sections: list[Section] = []
    current: dict | None = None
    preamble: list[str] = []
    warnings: list[str] = []

    def close():
        if current is not None:
            sections.append(_build_section(current, warnings))

    for number, line in enumerate(lines, start=1):
        heading = HEADING.match(line)
        if heading and len(heading.group(1)) == 1 and not title and current is None:
            title = heading.group(2)
            continue
        if heading and len(heading.group(1)) == 2 and date_of_heading(heading.group(2)):
            close()
            current = {
                "title": heading.group(2),
                "date": heading_date(
                    heading.group(2), number, _year_hint(title, sections, current)
                ),
                "line": number,
                "lines": [],
            }
            continue
        if current is None:
            if line.strip():
                preamble.append(line)
            continue
        if heading and len(heading.group(1)) == 2:
            warnings.append(
                f"line {number}: the heading “{heading.group(2)[:60]}” has no date; "
                "its text stays in the update above it"
            )
        current["lines"].append((number, line))
    close()

    if not sections:
        raise DocumentError("no dated section (“## Update dd/mm/yyyy”) found", line=1)
    language = language or detect_language(" ".join(s.body for s in sections), default="")
    if preamble:
        warnings.insert(
            0, f"text before the first dated section was not imported: {preamble[0][:60]!r}"
        )
    return Document(
        kind="log", language=language, sections=sections, title=title, warnings=warnings
    )


def _year_hint(title: str, sections: list[Section], current: dict | None) -> int | None:
    """The year of the previous dated section, else the one the log's title names."""
    if current is not None:
        return current["date"].year
    if sections:
        return sections[-1].reported_on.year
    match = re.search(r"\b(19|20)\d{2}\b", title)
    return int(match.group(0)) if match else None


def _build_section(current: dict, warnings: list[str]) -> Section:
    reported_on: datetime.date = current["date"]
    body_lines: list[str] = []
    images: list[ImageRef] = []
    pending_caption: tuple[str, datetime.date | None] | None = None

    for number, line in current["lines"]:
        image = IMAGE_LINE.match(line)
        if image and len(image.group("ref")) > REFERENCE_MAX:
            warnings.append(
                f"line {number}: an image path of {len(image.group('ref')):,} characters "
                f"(at most {REFERENCE_MAX}); left out"
            )
            continue
        if image:
            caption, depicts = pending_caption or ("", None)
            images.append(
                ImageRef(
                    reference=image.group("ref"),
                    alt_text=image.group("alt").strip(),
                    caption=caption,
                    depicts_on=depicts,
                    line=number,
                )
            )
            pending_caption = None
            continue
        stripped = line.strip()
        if not stripped:
            body_lines.append("")
            continue
        # Headings inside a section stay headings, one level down from the update's title.
        sub = HEADING.match(line)
        if sub:
            body_lines.append(f"### {sub.group(2)}")
            continue
        depicted = _caption_date(stripped, reported_on) if len(stripped) <= CAPTION_MAX else None
        if depicted is not None:
            # Held back: it is a caption if an image follows, prose otherwise.
            if pending_caption:
                body_lines.append(pending_caption[0])
            pending_caption = (stripped, depicted)
            continue
        if pending_caption:
            body_lines.append(pending_caption[0])
            pending_caption = None
        body_lines.append(stripped)
    if pending_caption:
        body_lines.append(pending_caption[0])

    body = re.sub(r"\n{3,}", "\n\n", "\n".join(body_lines)).strip()
    return Section(
        title=current["title"],
        body=body,
        reported_on=reported_on,
        line=current["line"],
        images=images,
    )


def _caption_date(line: str, reported_on: datetime.date) -> datetime.date | None:
    """The date a caption line names, its year taken from the section when omitted."""
    full = dates_in(line)
    if full:
        return full[0]
    match = SHORT_DATE.search(line)
    if not match:
        return None
    day, month = int(match.group(1)), int(match.group(2))
    year = reported_on.year
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return None
    # "29/01" in a section of 02/01 is the previous year's.
    return date if date <= reported_on else date.replace(year=year - 1)
