"""
Saved articles: prose with, possibly, a headline, embedded social posts, an author
line and the site's boilerplate (related links, newsletter plugs, "Read Full Article").

Boilerplate is removed from the body and returned separately, so the source record can
keep it for audit.
"""

import re

from .documents import Document, DocumentError, QuotedPostData, Section
from .language import MONTHS, dates_in, detect_language, looks_ahead

# "— MD (@distant_earth83) March 6, 2025"
POST_SIGNATURE = re.compile(
    r"^\s*[—–-]\s*(?P<name>[^(@]+?)\s*\(@(?P<handle>\w{1,30})\)\s*(?P<date>.+?)\s*$"
)
PIC_LINK = re.compile(r"\s*\b(pic\.twitter\.com/\w+|https?://t\.co/\w+)\s*")
# A person's name, with its particles ("Pieter van Dam"), and where the person wrote from
# ("Helen Carter in Kyiv").
PARTICLE = r"(?:de|van|der|den|von|la|le|di|da|ten|ter|du|al|el|bin)"
CAPITALIZED = r"[A-ZÀ-ÝА-ЯІЇЄҐ][\w.'’-]+"
NAME = (
    rf"{CAPITALIZED}(?:\s+(?:{PARTICLE}\s+)*{CAPITALIZED}){{0,3}}"
    rf"(?:\s+(?:in|uit|aus|у|в)\s+{CAPITALIZED})?"
)
# "A, B, and C with D" (ISW), "A und B", "A і B".
NAME_JOINER = r"(?:,|,?\s*\b(?:and|with|en|met|und|mit)\b|&|\bі\b|\bи\b|\bта\b)"
NAMES = rf"{NAME}(?:\s*{NAME_JOINER}\s*{NAME})*"
AUTHOR_LINE = re.compile(
    r"^\s*(?:Over de auteur|About the author|(?:Door|Van) onze (?:correspondent|verslaggever)"
    r"(?:\s+in\s+[A-Z][\w-]+)?|Door|By|Written by|Words by|Authors?|Auteurs?|Tekst|"
    r"Автор(?:и)?|Текст|Reporting by|Von|Text|Autor(?:en)?)\s*:?\s+"
    rf"(?P<name>{NAMES})"
)
# "By Jane Doe, Foreign Reporter": the job title after the name is not a name.
ROLE = re.compile(
    r"\b(reporter|correspondent|editor|writer|journalist|analyst|staff|verslaggever|"
    r"redacteur|correspondente|кореспондент|редактор)\b",
    re.IGNORECASE,
)
# "Door onze correspondent in Kyiv", "From our correspondent": a byline without a name.
ANONYMOUS_BYLINE = re.compile(
    r"^\s*(?:Door|Van|By|From) (?:onze|our) (?:correspondent|verslaggever|reporter|redactie)"
    r"(?:\s+(?:in|te)\s+[\w-]+)?\s*\.?$",
    re.IGNORECASE,
)
# A line of nothing but names: "Martha Keane, Tomas Rylski, and Karen Whitfield",
# "Sanne Willemsen en Bram de Graaf", "Марія Ткаченко", "Jane Doe, Defence Editor".
PLAIN_NAMES = re.compile(rf"^\s*(?P<name>{NAMES}),?\s*$")
AND = re.compile(rf"{NAME_JOINER}|;", re.IGNORECASE)
WRITTEN_FROM = re.compile(r"\s+(?:in|uit|aus|у|в)\s+\S+$")
NAME_PARTICLES = {"de", "van", "der", "den", "von", "la", "le", "di", "da", "ten", "ter", "du"}
# A timestamp and nothing else: "May 25, 2024 9:48 PM GMT+3 Updated 2 hours ago",
# "Stand: 30.12.2023, 22:10 Uhr", "Bijgewerkt om 14:05". Each word must be one of these
# (or a number); a bare date line is the dateline, so it must say "updated", "ago" or the time.
STAMP_WORDS = frozenset(
    "updated published posted last modified bijgewerkt gepubliceerd geplaatst laatste update "
    "aangepast stand aktualisiert veröffentlicht zuletzt оновлено опубліковано обновлено "
    "опубликовано am pm a.m p.m gmt utc cet cest eet eest msk et est bst uhr hour hours "
    "minute minutes min mins day days ago uur minuten dagen geleden stunde stunden vor годину "
    "години годин хвилину хвилини хвилин тому час часа часов минуту минуты минут назад on at om "
    "um о в op den der de the".split()
)
STAMP_TOKEN = re.compile(r"\d[\d:./+-]*|[^\W\d_][\w.]*")
STAMP_MARK = re.compile(
    r"\d{1,2}[:.]\d{2}\b|\b(?:ago|geleden|vor|тому|назад|updated|bijgewerkt|stand|"
    r"aktualisiert|zuletzt|оновлено|обновлено)\b",
    re.IGNORECASE,
)


WEEKDAYS_AND_MONTHS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag montag dienstag mittwoch "
    "donnerstag freitag samstag sonntag januar februar märz mai oktober dezember "
    "понеділок вівторок середа четвер пʼятниця п'ятниця субота неділя понедельник вторник "
    "среда четверг пятница суббота воскресенье".split()
)


def is_timestamp(line: str) -> bool:
    """A line that only says when the page was published or updated."""
    if len(line) > 120 or not STAMP_MARK.search(line):
        return False
    for token in STAMP_TOKEN.findall(line):
        word = token.lower().rstrip(".")
        if (
            not token[0].isdigit()
            and word not in STAMP_WORDS
            and word not in MONTHS
            and word not in WEEKDAYS_AND_MONTHS
        ):
            return False
    return True


BOILERPLATE_LINE = re.compile(
    r"^\s*(Source:\s*Read Full Article|Read (full article|the full article)|"
    r"(Read more|Read also|Also read|More|Related|Lees ook|Lees meer|Lees verder|Bekijk ook|"
    r"Zie ook|Kijk ook|Ook interessant|Meer over|Gerelateerd|Watch|"
    r"Читайте також|Читайте также|Дивіться також|Смотрите также|Також читайте)\s*[:：—–-].*|"
    r"Advertentie|Advertisement|Reclame|Share this( article| story)?|Share on \w+|"
    r"(Discover|See|Load|Show|View|Read) more( stories| articles| news| posts)?|"
    r"Meer (laden|tonen|bekijken|nieuws)|Toon meer|Bekijk meer|Показати більше|Показать еще|"
    r"Show this thread|Translate (post|tweet)|Vertaal (post|tweet|bericht)|"
    r"(Bericht|Post|Tweet) vertalen|(Beitrag|Post|Tweet) übersetzen|Перекласти( допис)?|"
    r"Перевести( пост)?|"
    # Calls to act and site navigation: "Click here to see …", "Zur Startseite".
    r"(Click|Tap) here\b.*|Klik hier\b.*|Hier klicken\b.*|Натисніть тут\b.*|"
    r"(Zur|Back to|Terug naar( de)?|Назад на) (Startseite|home ?page|home|voorpagina|"
    r"головну)|Share|Teilen|Reuse this content|Our Standards:.*|"
    # Credits of the agencies a text draws on: "Mit Material von dpa und Reuters".
    r"(Mit Material (von|der)|With (reporting|material) from|Met materiaal van|"
    r"З використанням матеріалів)\b.*|"
    r"Replying to @\w+.*|Antwoord aan @\w+.*|Read \d[\d,.]* replies|"
    r"(Tags?|Topics?|Onderwerpen|Trefwoorden|Теги|Теми|Темы)\s*:.*|"
    r"(This|The) (article|story|piece|report) (was|has been) (amended|updated|corrected|edited)"
    r"\b.*|Dit (artikel|bericht|stuk) is (aangepast|bijgewerkt|gecorrigeerd|gewijzigd)\b.*|"
    r"(Correction|Clarification|Correctie|Rectificatie|Поправка|Виправлення)\s*:.*|"
    r"Additional reporting by\b.*|Met medewerking van\b.*|"
    # An agency's credit line: "… reported from Odesa and …; Editing by Jane Doe".
    r"(?-i:(?:.*;\s*)?(?:Editing|Edited|Eindredactie|Redaktion) (?:by|door|von)?\s*[A-Z].*)|"
    r"Deel dit( artikel| bericht)?|Delen|Show (more|all) replies|Show replies|"
    r"Meer antwoorden (weergeven|tonen)|Antwoorden weergeven|Поділитися|Поделиться|"
    r"(Follow|Volg) (us|ons|our \w+(?: \w+)? coverage)\b.*|"
    r"(Підписуйтесь|Подписывайтесь|Підпишіться|Подпишитесь)\b.*|"
    # The publisher's notes on its own publishing: "Note: ISW and CTP will not publish …",
    # "Note: The data cut-off for this product was 1:30pm ET".
    r"Note: .*\b(does not|do not) receive\b.*|"
    r"(Note|Noot|Hinweis|Примітка|Примечание)\s*:.*\b(ISW|CTP|publish\w*|publiceer\w*|"
    r"this (report|product|update|assessment|map)|data cut-?off)\b.*|"
    # A timestamp and nothing else: "May 25, 2024 9:48 PM GMT+3 Updated 2 hours ago",
    # "Stand: 30.12.2023, 22:10 Uhr", "Bijgewerkt 14:05".
    r"Disclaimer:.*|©.*|Copyright\b.*|"
    r"All rights reserved.*|Alle rechten voorbehouden.*|"
    r"Listen to this article.*|Luister naar dit artikel.*|Copy link|Link kopi[eë]ren|"
    r"Print( this (page|article))?|Download (the|de|onze) app\b.*|"
    r"(Photo|Photograph|Picture|Image|Foto|Beeld|Bild|Bijschrift|Caption|Фото)\s*:.*|\d+\s*(min(ute)?s?|minuten) (read|leestijd)|"
    r"Leestijd\s*:?.*|Reading time\s*:?.*|"
    r".*\b(sign up|subscribe|newsletters?|nieuwsbrief|abonneer)\b.*)\s*\.?$",
    re.IGNORECASE,
)
# A heading that opens a block of links to other stories, one headline a line.
BLOCK_HEADER = re.compile(
    r"^\s*(Related( Articles| stories| coverage| news)?|More (on|from|stories)\b.*|"
    r"Most (read|popular|viewed|shared|watched|commented)|Trending( now)?|Top stories|"
    r"Recommended|Read next|Meest (gelezen|bekeken|gedeeld)|Meistgelesen|"
    r"Gerelateerde artikelen|"
    r"Meer nieuws|Ook interessant|Lees ook|Lees meer|Читайте також|Читайте также|"
    r"Найпопулярніше|Популярное|Explore more( on (these|this) (topics?|stories))?|"
    r"More on (this|these) (topics?|stor(y|ies))|Meer over (dit|het) (onderwerp|thema)|"
    r"Mehr zu(m| diesem) Thema|Mehr (dazu|zum Thema \w+)|Більше на тему|Больше по теме|"
    r"Материалы по теме|Матеріали за темою|По теме|На тему|Topics|Tags|Onderwerpen|"
    r"Trefwoorden|Themen|Теги|Теми|Темы)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
BULLET = re.compile(r"^\s*[•·▪►*-]\s+")
SUBHEADING_MAX_WORDS = 5
# A post of several paragraphs, as the article quotes it after "He posted:".
POST_PARAGRAPHS = 4
POST_CHARACTERS = 600
DATELINE_WORDS = 8  # words in a dateline beside its numbers, the month's among them


def parse_article(text: str, *, language: str = "") -> Document:
    lines = [line.rstrip() for line in text.splitlines()]
    language = language or detect_language(text, default="")
    boilerplate: list[str] = []
    author = ""

    # The author line ends the article; what follows is the site's, not the author's.
    # (Not a byline under the headline: "Автор: …" above a short story.)
    story = next(
        (
            i
            for i, line in enumerate(lines)
            # (ISW's list of a dozen authors' names is a byline, not the story.)
            if len(line.split()) >= 12 and not PLAIN_NAMES.match(line)
        ),
        len(lines),
    )
    for index, line in enumerate(lines):
        match = AUTHOR_LINE.match(line)
        if match and index > max(len(lines) // 3, story):
            author = _credited(line) or _author(match.group("name"))
            boilerplate.extend(line for line in lines[index:] if line.strip())
            lines = lines[:index]
            break
    # A byline at the top: "By Jane Doe, Foreign Reporter", "Door onze correspondent ...",
    # or a line of names under the headline.
    top = [i for i, line in enumerate(lines) if line.strip()][:6]
    common = _common_words(text)
    for index in top:
        if ANONYMOUS_BYLINE.match(lines[index]):
            # "Door onze correspondent in Moskou": the paper's correspondent wrote it.
            author = author or re.sub(r"^\s*\w+\s+\w+\s+", "", lines[index]).strip(" .")
            boilerplate.append(lines[index].strip())
            lines[index] = ""
            continue
        match = AUTHOR_LINE.match(lines[index])
        names = _author(match.group("name")) if match else ""
        if not match and index < story and not BLOCK_HEADER.match(lines[index]):
            # Under the headline, before the story; the headline itself only if it lists
            # several people ("Martha Keane, Tomas Rylski, and Karen Whitfield").
            names = _plain_byline(lines[index], common)
            names = names if index != top[0] or "," in names else ""
        if names and len(lines[index]) <= 200:
            author = author or names
            boilerplate.append(lines[index].strip())
            lines[index] = ""
            break

    kept: list[tuple[int, str]] = []
    block = False
    for number, line in enumerate(lines, start=1):
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


def _author(names: str) -> str:
    """ "Jane Doe, Foreign Reporter" -> "Jane Doe"; "A, B and C" -> "A, B, C"."""
    parts = [WRITTEN_FROM.sub("", p) for p in AND.split(names.strip())]
    people = [p.strip(" .") for p in parts if p.strip(" .") and not ROLE.search(p)]
    return ", ".join(people)


# An agency's credits: "Reporting by A in Kharkiv and B in Kyiv; Writing by C; Editing by D".
# Who reported and wrote is an author; who edited is not.
CREDIT = re.compile(
    rf"^\s*(?i:(?:additional\s+)?(?:reporting|writing|written|compiled)\s+by)\s+(?P<name>{NAMES})"
)


def _credited(line: str) -> str:
    """The authors of a credit line of several parts, else ""."""
    if ";" not in line:
        return ""
    people = [
        _author(match.group("name")) for part in line.split(";") if (match := CREDIT.match(part))
    ]
    return ", ".join(p for p in people if p)


def _common_words(text: str) -> set[str]:
    """Words the text also writes in lower case: words, not names."""
    return set(re.findall(r"\b[a-zà-ÿа-яіїєґ][\w'’]+", text))


def _plain_byline(line: str, common: set[str]) -> str:
    """The people a line of nothing but names (and job titles) names, else ""."""
    match = PLAIN_NAMES.match(line)
    if not match:
        return ""
    parts = [p.strip(" .") for p in AND.split(match.group("name")) if p.strip(" .")]
    people = [WRITTEN_FROM.sub("", p) for p in parts if not ROLE.search(p)]
    if len(people) > 1 and not re.search(
        r"\b(?:and|with|en|met|und|mit|і|и|та)\b|&", line, re.IGNORECASE
    ):
        return ""  # "Kharkiv, Ukraine": a list without "and" is no list of authors
    for person in people:
        words = [w for w in person.split() if w not in NAME_PARTICLES]
        if not 2 <= len(words) <= 4 or any(w.lower() in common for w in words):
            return ""
    return ", ".join(people)


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
    return max(dates) if dates else None


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
