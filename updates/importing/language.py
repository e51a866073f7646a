"""Small, dependency-free guesses about language and dates in running text."""

import datetime
import re

from ..text import normalize_name

_STOPWORDS = {
    "nl": set(
        "de het een en van in is dat op te zijn met voor niet er maar ook nog dit die wat "
        "naar bij als aan om heeft hebben werd worden zich dan daar hier wel geen zo "
        "deze veel door uit over ze hij wordt was zijn".split()
    ),
    "en": set(
        "the a an and of in is that on to are with for not it but also this which what "
        "from at as by have has had been was were will would their they its over out "
        "be or who said".split()
    ),
}

# Function words of every language above: never a place name on their own ("As predicted").
STOPWORDS = frozenset().union(*_STOPWORDS.values())


def detect_language(text: str, default: str = "") -> str:
    """The language of ``text`` by its function words, or ``default`` when unclear."""
    words = re.findall(r"[a-zà-ÿ']+", text.lower())
    if not words:
        return default
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=scores.get)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] == 0 or ranked[0] == ranked[1]:
        return default
    return best


MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "oktober": 10,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "dezember": 12,
    # Abbreviated, as posts date themselves: "1 okt. 2022", "3 апр. 2022 г.", "12 janv. 2024"
    "mrt": 3, "okt": 10, "dez": 12, "janv": 1, "févr": 2, "avr": 4, "juil": 7,
    "déc": 12, "янв": 1, "февр": 2, "фев": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7,
    "авг": 8, "сент": 9, "сен": 9, "окт": 10, "нояб": 11, "ноя": 11, "дек": 12, "січ": 1,
    "лют": 2, "бер": 3, "квіт": 4, "трав": 5, "черв": 6, "лип": 7, "серп": 8, "вер": 9,
    "жовт": 10, "лист": 11, "груд": 12,
    # Italian and Spanish
    "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6,
    "luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10, "dicembre": 12, "enero": 1,
    "febrero": 2, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "septiembre": 9,
    "octubre": 10, "noviembre": 11, "diciembre": 12,
    # French
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    # Ukrainian (genitive, as dates are written) and Russian
    "січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6,
    "липня": 7, "серпня": 8, "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12,
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# The first letter of some month before all the names are tried: ten times faster on prose.
_MONTH_FIRST = "(?=[{}])".format("".join(sorted({name[0] for name in MONTHS})))

NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
# In a log's headings a two-digit year is common too: "## Update 28/08/23".
HEADING_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-]*\d)")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
MONTH_DAY_YEAR = re.compile(
    rf"\b{_MONTH_FIRST}({_MONTH_NAMES})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I
)
# (German writes the day with a full stop: "20. März 2025"; French the first as "1er".)
# (Spanish puts "de" between: "1 de diciembre de 2025".)
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:\.|er)?\s+(?:de\s+)?({_MONTH_NAMES})\b", re.I)
DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:\.|er)?\s+(?:de\s+)?({_MONTH_NAMES})\.?,?\s+(?:de\s+)?(\d{{4}})\b",
    re.I,
)


class BadDate(ValueError):
    pass


def make_date(year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise BadDate(f"{day:02d}/{month:02d}/{year} is not a date ({exc})") from exc


def dates_in(text: str) -> list[datetime.date]:
    """Every full date (with a year) the text states, in order; impossible dates are skipped."""
    found: list[tuple[int, datetime.date]] = []
    for pattern, order in (
        (ISO_DATE, "ymd"),
        (NUMERIC_DATE, "dmy"),
        (MONTH_DAY_YEAR, "mdy"),
        (DAY_MONTH_YEAR, "dmy"),
    ):
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups(), strict=True))
            month = parts["m"]
            month = MONTHS[month.lower()] if not month.isdigit() else int(month)
            try:
                found.append((match.start(), make_date(int(parts["y"]), month, int(parts["d"]))))
            except BadDate:
                continue
    return [date for _, date in sorted(found)]


MONTH_DAY = re.compile(
    rf"\b{_MONTH_FIRST}({_MONTH_NAMES})\.?\s+(\d{{1,2}})\b(?!,?\s+\d{{4}})", re.I
)


def day_without_year(text: str) -> tuple[int, int] | None:
    """(month, day) of a date written without its year ("POKROVSK, Ukraine, Aug 8 -",
    "8 August"), else None."""
    if dates_in(text):
        return None
    if match := MONTH_DAY.search(text):
        return MONTHS[match.group(1).lower()], int(match.group(2))
    if match := DAY_MONTH.search(text):
        return MONTHS[match.group(2).lower()], int(match.group(1))
    return None


def heading_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) a log heading states: 5/8/2023, 12-08-2023, 28/08/23, 19 augustus
    2023, August 19, 2023, 2023-08-19; None when it states none. Not checked for validity."""
    if match := ISO_DATE.search(text):
        return int(match.group(1)), int(match.group(2)), int(match.group(3))
    if match := HEADING_NUMERIC_DATE.search(text):
        day, month, year = (int(g) for g in match.groups())
        return (year + 2000 if year < 100 else year), month, day
    if match := DAY_MONTH_YEAR.search(text):
        return int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1))
    if match := MONTH_DAY_YEAR.search(text):
        return int(match.group(3)), MONTHS[match.group(1).lower()], int(match.group(2))
    if match := DAY_MONTH.search(text):  # "## 19 augustus": the year comes from the log
        return 0, MONTHS[match.group(2).lower()], int(match.group(1))
    return None


# Sentences that look ahead: their dates are deadlines and plans, never the document's date.
FUTURE = re.compile(
    r"\b(will|shall|would|scheduled|deadline|expected to|expects|plans? to|is due|until|"
    r"next (?:week|month|year)|takes? (?:office|effect)|set to|due to|upcoming|"
    r"zal|zullen|uiterlijk|verwacht|gepland|volgende|treedt (?:aan|in werking)|aanstaande|"
    r"буде|будуть|планує|очікується|набуде|наступного|будет|планирует|ожидается|вступит|"
    r"состоится|следующей)\b",
    re.IGNORECASE,
)


def looks_ahead(sentence: str) -> bool:
    return bool(FUTURE.search(sentence))


# Function words that start a sentence and are never the first word of a place name.
LEADING_WORDS = {
    normalize_name(w)
    for w in "In De Het Een En Op Bij Van Naar Dat Dit Daar Er Maar Ook Ten The A An And At "
    "On Of From To Near Around West East North South Noord Zuid Oost Tussen Rond Nabij "
    "Vanuit Richting Langs Voor Achter Boven Onder Verder Intussen Inmiddels Bovendien "
    "Daarnaast Tijdens Na Sinds Toen Nu Vandaag Gisteren Zowel Both Between Along Toward "
    "Towards Outside Inside Beyond After Before Since During While Meanwhile Also Russian "
    "Ukrainian Russische Oekraïense Russen Oekraïners Troops Forces Via Into Over Under "
    "Gisteravond Vannacht Today Yesterday Ook Zelfs Even Only Alleen Volgens According "
    # Ukrainian and Russian: "Тим часом" (meanwhile) is not the town Tim.
    "Тим Тем Там Тут Так Тоді Тогда Потім Потом Також Также Вже Уже Ще Еще Ещё Після После "
    "Перед Під Над При Про Для Але Но Однак Однако Коли Когда Зараз Сейчас Сьогодні Сегодня "
    "Вчора Вчера Наразі Нині Ныне Згодом Вночі Ночью Зранку Утром Увечері Вечером".split()
}
# The first words of compound names: "Mala Tokmachka" is not Tokmachka.
NAME_MODIFIERS = {
    normalize_name(w)
    for w in "Mala Male Malyi Mali Malaya Malaja Maloye Maloje Malyy Velyka Velyke Velykyi "
    "Velyki Velikaya Velikaja Bolshaya Bolsjaja Bolshoye Nova Nove Novyi Novi Novaya Novaja "
    "Novoye Novoje Stara Stare Staryi Stari Staraya Staraja Staroye Verkhnia Verkhnie "
    "Verkhnii Verkhnyaya Nyzhnia Nyzhnie Nyzhnii Nizhnyaya Мала Мале Малий Малі Малая Малое "
    "Малый Велика Велике Великий Великі Великая Большая Большое Нова Нове Новий Нові Новая "
    "Новое Новый Стара Старе Старий Старі Старая Старое Старый Верхня Верхнє Верхній Нижня "
    "Нижнє Нижній Верхняя Нижняя".split()
}


def common_words(text: str) -> set[str]:
    """Words the text also writes in lower case: common words, not names ("police")."""
    return set(re.findall(r"\b[a-zà-ÿа-яіїєґ][\w'’]+", text))
