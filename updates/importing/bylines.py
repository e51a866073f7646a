"""
Who wrote an article: bylines at the top ("By Jane Doe, Foreign Reporter", "Door onze
correspondent …", a plain list of names), author lines at the end, and agency credits.
"""

import re

from .people import is_given_name

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
    # (An agency's credits may stand in brackets: "(Reporting by …; Editing by …)".)
    r"^\s*\(?\s*(?:Over de auteur|About the author|(?:Door|Van) onze (?:correspondent|verslaggever)"
    r"(?:\s+in\s+[A-Z][\w-]+)?|Door|door|By|by|Written by|Words by|Authors?|Auteurs?|Tekst|"
    r"Автор(?:и)?|Текст|Reporting by|Von|Text|Autor(?:en)?|Par|di|Di|Por)\s*:?\s+"
    rf"(?P<name>{NAMES})"
)
# "By Jane Doe, Foreign Reporter": the job title after the name is not a name.
STAFF_AFTER = re.compile(
    r"(?:\s+|/\S*\s+(?:\w+\s+)?)(?i:staff|agencies|desk|newsroom|redactie|service|bureau|team)\b"
)
# And an agency or a newsroom is no person: "By Guardian staff and agencies", "Reporting by
# Reuters".
ROLE = re.compile(
    r"\b(reporter|correspondent|editor|writer|journalist|analyst|staff|verslaggever|"
    r"redacteur|correspondente|кореспондент|редактор|agenc(?:y|ies)|newsroom|desk|redactie|"
    r"persbureaus?|reuters|associated press|afp|dpa|anp|ukrinform|interfax|tass)\b",
    re.IGNORECASE,
)
# "Door onze correspondent in Kyiv", "From our correspondent": a byline without a name.
# "Door onze redacteur buitenland Arnout Brouwers", "By our defence correspondent Jane Doe":
# the paper's own journalist, named after the role.
AND_AGENCIES = re.compile(
    r"\s*(?:,|\band\b|\bwith\b|\ben\b|\bund\b|\bmit\b)\s+(?:agencies|agentschappen|agenturen|"
    r"wire services|persbureaus)\s*$",
    re.IGNORECASE,
)
ROLE_BYLINE = re.compile(
    r"^\s*(?:Door|Van|By|From|Von)\s+(?:onze|our|unserem|unserer)\s+"
    r"(?:[a-zà-ÿ-]+\s+){1,3}?"
    rf"(?P<name>{CAPITALIZED}(?:\s+(?:{PARTICLE}\s+)*{CAPITALIZED}){{1,3}})\s*\.?$"
)
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


def author_names(names: str) -> str:
    """ "Jane Doe, Foreign Reporter" -> "Jane Doe"; "A, B and C" -> "A, B, C"."""
    parts = [WRITTEN_FROM.sub("", p) for p in AND.split(names.strip())]
    people = [p.strip(" .") for p in parts if p.strip(" .") and not ROLE.search(p)]
    return ", ".join(people)


def line_authors(match: re.Match) -> str:
    """The people an author line names ("By Jane Doe"); none when its name is a newsroom's
    ("By Guardian staff and agencies")."""
    if STAFF_AFTER.match(match.string, match.end("name")):
        return ""
    return author_names(match.group("name"))


# An agency's credits: "Reporting by A in Kharkiv and B in Kyiv; Writing by C; Editing by D".
# Who reported and wrote is an author; who edited is not.
CREDIT = re.compile(
    rf"^\s*(?i:(?:additional\s+)?(?:reporting|writing|written|compiled)\s+by)\s+(?P<name>{NAMES})"
)


def credited(line: str) -> str:
    """The authors of a credit line of several parts, else ""."""
    if ";" not in line:
        return ""
    line = line.strip().strip("()")
    people = [
        author_names(match.group("name"))
        for part in line.split(";")
        if (match := CREDIT.match(part))
    ]
    return ", ".join(p for p in people if p)


def plain_byline(line: str, common: set[str]) -> str:
    """The people a line of nothing but names (and job titles) names, else ""."""
    # "Pjotr Sauer and agencies": the agencies are no one.
    line = AND_AGENCIES.sub("", line)
    match = PLAIN_NAMES.match(line)
    if not match:
        return ""
    parts = [p.strip(" .") for p in AND.split(match.group("name")) if p.strip(" .")]
    people = [WRITTEN_FROM.sub("", p) for p in parts if not ROLE.search(p)]
    if len(people) > 1 and not re.search(
        r"\b(?:and|with|en|met|und|mit|і|и|та)\b|&", line, re.IGNORECASE
    ):
        # "Kharkiv, Ukraine": a list without "and" is no list of authors; but "Olena
        # Kovalchuk, Chernihiv" is a reporter (her first name says so) and where she wrote.
        first = people[0].split()
        if len(people) == 2 and len(people[1].split()) == 1 and first and is_given_name(first[0]):
            people = people[:1]
        else:
            return ""
    for person in people:
        words = [w for w in person.split() if w not in NAME_PARTICLES]
        if not 2 <= len(words) <= 4 or any(w.lower() in common for w in words):
            return ""
    return ", ".join(people)
